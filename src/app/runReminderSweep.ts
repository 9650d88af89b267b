/**
 * The reminder sweep: for every organisation, the active agreements whose `summary.nextActionAt`
 * has come (`listDue`), what the reminder policy says is due now (src/domain/reminderPolicy.ts),
 * written to the outbox, then the agreement's summary saved with its next action time so it is not
 * picked again before then.
 *
 * - Outbox ids are deterministic (`agreement:kind:periodStart:recipient`): a sweep run twice, or by
 *   two instances at once, writes each message once (the second create gets CONFLICT).
 * - Nothing is queued to go out in quiet hours: `notBefore` is moved to their end.
 * - A recipient not yet linked to Teams (imported, never talked to the bot) cannot be messaged: the
 *   message is not queued, and the agreement is looked at again after `RELINK_RETRY_MINUTES`, so
 *   the reminder still reaches them if they install the bot while it is relevant.
 * - A failure on one agreement (store unavailable, a conflicting save) is reported and the sweep goes
 *   on; the agreement keeps its due time and the next sweep tries again.
 */
import { DateTime } from 'luxon';
import type { Agreement, Instant, OrganisationSettings, Person, PersonId, Session, TenantId } from '../domain/model';
import {
  deferOutOfQuietHours,
  reminderMessageId,
  summaryWithPlan,
  type PlannedMessage,
} from '../domain/reminderPolicy';
import { fail, ok, type Result } from '../domain/result';
import type {
  AgreementRepository,
  OrganisationRepository,
  OutboxEntry,
  OutboxRepository,
  PersonRepository,
  SessionRepository,
  Versioned,
} from './ports';
import type { SweepMessage } from './proactiveMessages';
import type { PersonRef } from './views';

export interface ReminderSweepDeps {
  readonly organisations: OrganisationRepository;
  readonly agreements: AgreementRepository;
  readonly sessions: SessionRepository;
  readonly people: PersonRepository;
  readonly outbox: OutboxRepository;
}

/** How soon to look again when a recipient could not be messaged because they are not linked to Teams. */
export const RELINK_RETRY_MINUTES = 60;

export interface SweepProblem {
  readonly tenantId: TenantId;
  readonly agreementId?: string;
  readonly code: string;
  readonly message: string;
}

export interface SweepReport {
  readonly tenants: number;
  /** Agreements that were due and looked at. */
  readonly agreements: number;
  /** Outbox entries written by this sweep. */
  readonly queued: number;
  /** Messages already in the outbox from an earlier sweep (not written again). */
  readonly alreadyQueued: number;
  /** Messages not queued because the recipient has not talked to the bot yet. */
  readonly waitingForTeams: number;
  /** Escalations with nobody to send to (no PSW nor admin set). */
  readonly noRecipient: number;
  /** Agreements whose summary was saved with a new next action time. */
  readonly saved: number;
  readonly problems: readonly SweepProblem[];
}

interface Counters {
  tenants: number;
  agreements: number;
  queued: number;
  alreadyQueued: number;
  waitingForTeams: number;
  noRecipient: number;
  saved: number;
  problems: SweepProblem[];
}

const ref = (p: Person | null, id: PersonId): PersonRef => ({ id, name: p?.name ?? 'Unknown person' });

/** One sweep over every organisation, as of `now`. Fails only when the list of tenants cannot be read. */
export async function runReminderSweep(deps: ReminderSweepDeps, now: Instant): Promise<Result<SweepReport>> {
  const tenants = await deps.organisations.listTenants();
  if (!tenants.ok) return tenants;
  const c: Counters = { tenants: 0, agreements: 0, queued: 0, alreadyQueued: 0, waitingForTeams: 0, noRecipient: 0, saved: 0, problems: [] };
  for (const tenantId of tenants.value) {
    c.tenants++;
    await sweepTenant(deps, tenantId, now, c);
  }
  return ok({ ...c });
}

async function sweepTenant(deps: ReminderSweepDeps, tenantId: TenantId, now: Instant, c: Counters): Promise<void> {
  const problem = (code: string, message: string, agreementId?: string) =>
    c.problems.push({ tenantId, ...(agreementId ? { agreementId } : {}), code, message });
  const org = await deps.organisations.get(tenantId);
  if (!org.ok) return void problem(org.error.code, org.error.message);
  if (org.value === null) return;
  const settings = org.value.value;
  const due = await deps.agreements.listDue(tenantId, now);
  if (!due.ok) return void problem(due.error.code, due.error.message);

  const people = new Map<PersonId, Person | null>();
  const person = async (id: PersonId): Promise<Result<Person | null>> => {
    if (people.has(id)) return ok(people.get(id) ?? null);
    const found = await deps.people.get(tenantId, id);
    if (!found.ok) return found;
    people.set(id, found.value?.value ?? null);
    return ok(found.value?.value ?? null);
  };

  for (const item of due.value) {
    c.agreements++;
    try {
      const done = await sweepAgreement(deps, item, settings, now, person, c);
      if (!done.ok) problem(done.error.code, done.error.message, item.value.id);
    } catch (error) {
      // A bug or a corrupt record: report it and go on with the other agreements.
      problem('BUG', error instanceof Error ? error.message : String(error), item.value.id);
    }
  }
}

async function sweepAgreement(
  deps: ReminderSweepDeps,
  item: Versioned<Agreement>,
  settings: OrganisationSettings,
  now: Instant,
  person: (id: PersonId) => Promise<Result<Person | null>>,
  c: Counters,
): Promise<Result<void>> {
  const agreement = item.value;
  const listed = await deps.sessions.listByAgreement(agreement.tenantId, agreement.id);
  if (!listed.ok) return listed;
  const sessions = listed.value.map((s) => s.value);
  const { summary, plan } = summaryWithPlan(agreement, sessions, settings, now, true);

  let waiting = false;
  for (const message of plan.sendNow) {
    const recipients =
      message.audience === 'parties'
        ? [agreement.supervisorId, agreement.superviseeId]
        : settings.pswIds.length > 0
          ? settings.pswIds
          : settings.adminIds;
    if (recipients.length === 0) c.noRecipient++;
    for (const recipientId of recipients) {
      const recipient = await person(recipientId);
      if (!recipient.ok) return recipient;
      if (recipient.value === null) {
        c.noRecipient++;
        continue;
      }
      if (recipient.value.aadObjectId === undefined) {
        c.waitingForTeams++;
        waiting = true;
        continue;
      }
      const entry = await outboxEntry({ ...agreement, summary }, sessions, message, recipient.value, settings, now, person);
      if (!entry.ok) return entry;
      const created = await deps.outbox.create(entry.value);
      if (created.ok) c.queued++;
      else if (created.error.code === 'CONFLICT') c.alreadyQueued++;
      else return created;
    }
  }

  let nextActionAt = summary.nextActionAt;
  if (waiting) {
    const retry = DateTime.fromISO(now).plus({ minutes: RELINK_RETRY_MINUTES }).toUTC().toISO() as Instant;
    if (nextActionAt === null || Date.parse(retry) < Date.parse(nextActionAt)) nextActionAt = retry;
  }
  const saved = await deps.agreements.replace({ ...agreement, summary: { ...summary, nextActionAt } }, item.etag);
  if (!saved.ok) {
    // CONFLICT: someone changed the agreement since it was listed and saved its own summary; the
    // messages are queued (or will be, idempotently, by the next sweep).
    return saved.error.code === 'CONFLICT' ? fail('CONFLICT', 'The agreement changed during the sweep; it will be looked at again.') : saved;
  }
  c.saved++;
  return ok(undefined);
}

/** `agreement` carries the summary just computed (overdueSince, lastSessionOn as of now). */
async function outboxEntry(
  agreement: Agreement,
  sessions: readonly Session[],
  message: PlannedMessage,
  recipient: Person,
  settings: OrganisationSettings,
  now: Instant,
  person: (id: PersonId) => Promise<Result<Person | null>>,
): Promise<Result<OutboxEntry>> {
  const supervisee = await person(agreement.superviseeId);
  if (!supervisee.ok) return supervisee;
  const supervisor = await person(agreement.supervisorId);
  if (!supervisor.ok) return supervisor;
  const common = {
    zone: settings.zone,
    agreementId: agreement.id,
    supervisee: ref(supervisee.value, agreement.superviseeId),
    supervisor: ref(supervisor.value, agreement.supervisorId),
    nqsw: agreement.nqsw,
    periodStart: message.periodStart,
    dueBy: message.dueBy,
  };
  let payload: SweepMessage;
  if (message.kind === 'reminder') {
    const periodStartMs = DateTime.fromISO(message.periodStart, { zone: settings.zone }).toMillis();
    const periodEndMs = DateTime.fromISO(message.periodEnd, { zone: settings.zone }).toMillis();
    const scheduled = sessions
      .filter((s) => s.status === 'scheduled')
      .filter((s) => {
        const t = Date.parse(s.scheduledStart);
        return t >= periodStartMs && t < periodEndMs && t >= Date.parse(now);
      })
      .sort((a, b) => Date.parse(a.scheduledStart) - Date.parse(b.scheduledStart))[0];
    payload = {
      kind: 'reminder',
      data: {
        ...common,
        audience: recipient.id === agreement.supervisorId ? 'supervisor' : 'supervisee',
        lastSessionOn: agreement.summary.lastSessionOn,
        scheduledSession: scheduled ? { sessionId: scheduled.id, start: scheduled.scheduledStart } : null,
      },
    };
  } else {
    payload = {
      kind: 'escalation',
      data: {
        ...common,
        missedCount: message.missedCount ?? 1,
        overdueSince: agreement.summary.overdueSince,
        lastSessionOn: agreement.summary.lastSessionOn,
      },
    };
  }
  return ok({
    id: reminderMessageId(agreement.id, message.kind, message.periodStart, recipient.id),
    tenantId: agreement.tenantId,
    recipientAadObjectId: recipient.aadObjectId as string,
    kind: payload.kind,
    payload,
    notBefore: deferOutOfQuietHours(now, settings.zone, settings.quietHours),
    attempts: 0,
    status: 'pending',
    createdAt: now,
    updatedAt: now,
  });
}
