/**
 * The one clock that reads the system time (a UTC ISO instant); use cases and the domain take `now`
 * from it, as an argument, so tests can pass any time.
 */
import { DateTime } from 'luxon';
import type { Clock } from '../app/ports';
import type { Instant } from '../domain/model';

export const systemClock: Clock = { now: (): Instant => DateTime.utc().toISO() };
