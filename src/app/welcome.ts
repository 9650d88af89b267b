/**
 * The welcome on installation is said once per installation, whichever instance sees it first:
 * installationUpdate and conversationUpdate both announce one, and two instances may get either.
 * The welcome itself (the person's home, kind 'welcome' of ProactiveMessage) is sent in the turn;
 * what the outbox keeps is its once-only marker.
 */
import { createHash } from 'node:crypto';
import type { Instant } from '../domain/model';
import { ok, type Result } from '../domain/result';
import type { Actor } from './commands';
import type { OutboxRepository } from './ports';

/**
 * True for the first caller only: a marker in the outbox with an id derived from the person and the
 * `occasion` (created once; the second create gets CONFLICT). Already finished, so the outbox
 * delivery never picks it up. A store failure comes back as a value (then no one is greeted).
 */
export async function firstWelcome(outbox: Pick<OutboxRepository, 'create'>, actor: Actor, occasion: string, now: Instant): Promise<Result<boolean>> {
  const id = `welcome-${createHash('sha256').update(`${actor.tenantId}|${actor.aadObjectId}|${occasion}`).digest('hex').slice(0, 40)}`;
  const created = await outbox.create({
    id,
    tenantId: actor.tenantId,
    recipientAadObjectId: actor.aadObjectId,
    kind: 'welcome',
    payload: { kind: 'welcome', spent: true },
    notBefore: now,
    attempts: 1,
    status: 'sent',
    lastOutcome: 'sent in the turn',
    createdAt: now,
    updatedAt: now,
  });
  if (created.ok) return ok(true);
  return created.error.code === 'CONFLICT' ? ok(false) : created;
}
