/** Record ids for the use cases that make records outside a conversation (audit records): random UUIDs. */
import { randomUUID } from 'node:crypto';
import type { IdGenerator } from '../app/ports';

export const randomIds: IdGenerator = { next: () => randomUUID() };
