/**
 * The Notifier port over the outbox: a use case's notification becomes an outbox entry with a
 * deterministic id (the recipient, the kind and the exact message data), so the same notification
 * written twice (a double press, a retried turn, two instances) is queued and sent once. The entry
 * is then delivered at once, awaited, unless the organisation's quiet hours say later or the
 * tenant's send budget is spent (then the outbox sender delivers it, paced).
 *
 * A person not linked to Teams yet (imported, never talked to the bot) cannot be messaged: nothing
 * is queued. Who is told at all is decided before this, once, by `notifyEach` (never the actor: their
 * own card already shows the outcome). Failures come back as values and never undo the use case's
 * change.
 */
import { createHash } from 'node:crypto';
import type { PersonId, TenantId } from '../domain/model';
import { defaultOrganisationSettings } from '../domain/organisationDefaults';
import { deferOutOfQuietHours } from '../domain/reminderPolicy';
import { ok, type Result } from '../domain/result';
import type { OutboxDelivery } from './outboxDelivery';
import type { Clock, Notifier, OrganisationRepository, OutboxRepository, PersonRepository } from './ports';
import { pendingEntry } from './outboxEntry';
import type { Notification } from './proactiveMessages';

export interface OutboxNotifierDeps {
  readonly people: Pick<PersonRepository, 'get'>;
  readonly organisations: Pick<OrganisationRepository, 'get'>;
  readonly outbox: Pick<OutboxRepository, 'create'>;
  readonly delivery: Pick<OutboxDelivery, 'deliverEntry' | 'mayStartNow'>;
  readonly clock: Clock;
  readonly log?: { info(obj: object, msg: string): void };
}

/** JSON with object keys sorted, so equal data always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The outbox id of a notification: the same recipient, kind and data give the same id. */
export function notificationId(tenantId: TenantId, recipientId: PersonId, message: Notification): string {
  const digest = createHash('sha256').update(canonical([tenantId, recipientId, message.kind, message.data])).digest('hex');
  return `notify-${digest.slice(0, 40)}`;
}

export class OutboxNotifier implements Notifier {
  constructor(private readonly deps: OutboxNotifierDeps) {}

  async notify(tenantId: TenantId, recipientId: PersonId, message: Notification): Promise<Result<void>> {
    const person = await this.deps.people.get(tenantId, recipientId);
    if (!person.ok) return person;
    const aadObjectId = person.value?.value.aadObjectId;
    if (aadObjectId === undefined || aadObjectId === '') {
      this.deps.log?.info({ event: 'notify.not_linked', tenantId, kind: message.kind }, 'recipient not linked to Teams yet');
      return ok(undefined);
    }
    const org = await this.deps.organisations.get(tenantId);
    if (!org.ok) return org;
    const settings = org.value?.value ?? defaultOrganisationSettings(tenantId, '');
    const now = this.deps.clock.now();
    const notBefore = deferOutOfQuietHours(now, settings.zone, settings.quietHours);
    const entry = pendingEntry({ id: notificationId(tenantId, recipientId, message), tenantId, recipientAadObjectId: aadObjectId, message, now, notBefore });
    const created = await this.deps.outbox.create(entry);
    if (!created.ok) return created.error.code === 'CONFLICT' ? ok(undefined) : created;
    // At once when due and the tenant's budget has room; otherwise the outbox sender takes it, paced.
    if (Date.parse(notBefore) <= Date.parse(now) && this.deps.delivery.mayStartNow(entry)) await this.deps.delivery.deliverEntry(created.value, now);
    return ok(undefined);
  }
}
