/**
 * A sweep over one agreement as time passes, for the proactive policy's tests: sessions are booked,
 * cancelled and recorded at set moments; after each such change the summary is recomputed (not
 * acted), and whenever `summary.nextActionAt` comes the sweep writes `plan.sendNow` to an outbox
 * that keeps one entry per id (as the Cosmos outbox does) and saves the summary (acted). Pure.
 */
import type { Agreement, Instant, Session } from '../../src/domain/model';
import { summaryWithProactivePlan, type AgreementMessage, type ProactiveSettings } from '../../src/domain/proactivePolicy';
import type { WorkingCalendar } from '../../src/domain/workingCalendar';

export interface ScriptedSession {
  readonly id: string;
  /** When it was booked (then `scheduled`); absent: recorded after the fact only. */
  readonly bookedAt?: Instant;
  readonly start: Instant;
  readonly minutes: number;
  readonly uninterrupted?: boolean;
  /** When it was recorded as held. */
  readonly recordedAt?: Instant;
  readonly cancelledAt?: Instant;
}

export interface Sent {
  /** When the sweep wrote it. */
  readonly sentAt: Instant;
  readonly message: AgreementMessage;
}

export interface SimulationResult {
  /** Outbox entries in the order written. */
  readonly sent: readonly Sent[];
  /** Every message any sweep planned to send, including those the outbox already had. */
  readonly proposed: readonly Sent[];
  readonly sweeps: number;
}

/** London, the defaults of issue 9 (3 working days lead, 5 grace, 09:00), quiet 19:00-08:00, PSW `priya`. */
export const LONDON_SETTINGS: ProactiveSettings = {
  zone: 'Europe/London',
  reminderLeadDays: 3,
  escalationGraceDays: 5,
  quietHours: { start: '19:00', end: '08:00' },
  sendTime: '09:00',
  pswIds: ['priya'],
  adminIds: ['adm'],
};

const ms = (at: Instant): number => Date.parse(at);
const iso = (t: number): Instant => new Date(t).toISOString();

/** The sessions as the store holds them at `t`. */
export function sessionsAt(agreement: Agreement, scripts: readonly ScriptedSession[], t: number): Session[] {
  const out: Session[] = [];
  for (const s of scripts) {
    const known = Math.min(s.bookedAt === undefined ? Infinity : ms(s.bookedAt), s.recordedAt === undefined ? Infinity : ms(s.recordedAt));
    if (known > t) continue;
    const createdAt = s.bookedAt ?? (s.recordedAt as Instant);
    const cancelled = s.cancelledAt !== undefined && ms(s.cancelledAt) <= t;
    const held = !cancelled && s.recordedAt !== undefined && ms(s.recordedAt) <= t;
    out.push({
      id: s.id,
      tenantId: agreement.tenantId,
      agreementId: agreement.id,
      supervisorId: agreement.supervisorId,
      superviseeId: agreement.superviseeId,
      status: cancelled ? 'cancelled' : held ? 'held' : 'scheduled',
      mode: 'in-person',
      scheduledStart: s.start,
      plannedMinutes: s.minutes,
      ...(held ? { start: s.start, minutes: s.minutes, uninterrupted: s.uninterrupted ?? true } : {}),
      agenda: [],
      actions: [],
      createdAt,
      updatedAt: createdAt,
    });
  }
  return out;
}

export function simulate(input: {
  readonly agreement: Agreement;
  readonly scripts: readonly ScriptedSession[];
  readonly settings: ProactiveSettings;
  readonly calendar: WorkingCalendar;
  readonly from: Instant;
  readonly until: Instant;
  /** Stretches in which no sweep runs (the bot is down): a due wake-up waits for their end. */
  readonly outages?: readonly { readonly from: Instant; readonly to: Instant }[];
}): SimulationResult {
  const { agreement, scripts, settings, calendar } = input;
  const end = ms(input.until);
  const events = [
    ...new Set(scripts.flatMap((s) => [s.bookedAt, s.recordedAt, s.cancelledAt]).filter((x): x is Instant => x !== undefined).map(ms)),
  ].sort((a, b) => a - b);
  const down = (t: number) => (input.outages ?? []).find((o) => ms(o.from) <= t && t < ms(o.to));
  const summaryAt = (t: number, acted: boolean) =>
    summaryWithProactivePlan({ agreement, sessions: sessionsAt(agreement, scripts, t), settings, calendar, now: iso(t), acted });

  let t = ms(input.from);
  let next = summaryAt(t, false).summary.nextActionAt;
  const sent: Sent[] = [];
  const proposed: Sent[] = [];
  const outbox = new Set<string>();
  let sweeps = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    const event = events.find((e) => e > t) ?? Infinity;
    let wake = next === null ? Infinity : Math.max(ms(next), t);
    const outage = down(wake);
    if (outage !== undefined) wake = ms(outage.to);
    if (Math.min(wake, event) > end) return { sent, proposed, sweeps };
    if (wake <= event) {
      t = wake;
      sweeps++;
      const { summary, plan } = summaryAt(t, true);
      for (const message of plan.sendNow) {
        proposed.push({ sentAt: iso(t), message });
        if (outbox.has(message.id)) continue;
        outbox.add(message.id);
        sent.push({ sentAt: iso(t), message });
      }
      next = summary.nextActionAt;
      if (next !== null && ms(next) <= t) throw new Error(`the sweep at ${iso(t)} left nextActionAt at ${next}`);
    } else {
      t = event;
      next = summaryAt(t, false).summary.nextActionAt;
    }
  }
  throw new Error('the simulation did not finish');
}
