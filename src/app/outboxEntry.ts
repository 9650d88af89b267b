/** Outbox entries as the writers of the outbox (the notifier, the reminder sweep, the digest) make them. */
import type { Instant, TenantId } from '../domain/model';
import type { OutboxEntry } from './ports';
import type { ProactiveMessage } from './proactiveMessages';

/** A message queued for its recipient: pending, never tried, to go at `notBefore` (default: now). */
export function pendingEntry(p: {
  readonly id: string;
  readonly tenantId: TenantId;
  readonly recipientAadObjectId: string;
  readonly message: ProactiveMessage;
  readonly now: Instant;
  readonly notBefore?: Instant;
}): OutboxEntry {
  return {
    id: p.id,
    tenantId: p.tenantId,
    recipientAadObjectId: p.recipientAadObjectId,
    kind: p.message.kind,
    payload: p.message,
    notBefore: p.notBefore ?? p.now,
    attempts: 0,
    status: 'pending',
    createdAt: p.now,
    updatedAt: p.now,
  };
}
