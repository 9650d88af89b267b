/**
 * The PSW's weekly digest (issue 11 §1), run from the scheduler's tick: for each organisation whose
 * digest is due this week (src/domain/pswDigest.ts: the first working day of the week, or the
 * weekday an admin chose, at the send time; not when turned off), one card to each PSW (to the
 * admins when there is no PSW, as escalations go), queued in the outbox under a deterministic id
 * per recipient per ISO week, so it goes once however many ticks and instances run it. A tick on a
 * later working day of the same week (the bot was down on the day) still sends that week's digest.
 *
 * The figures are computed only when some recipient has no digest yet this week, so the tick's
 * other runs read one outbox entry per recipient and nothing else.
 */
import { digestDateOfWeek, digestFigures, digestMessageId, isoWeekOf, type DigestAgreement, type Unreachable } from '../domain/pswDigest';
import type { CompleteOrganisationSettings, Instant, Person, PersonId, TenantId } from '../domain/model';
import { pswsOrAdmins } from '../domain/organisationDefaults';
import { ok, type Result } from '../domain/result';
import { localDateOf } from '../domain/validation';
import { isSendable } from '../domain/workingCalendar';
import { whyUnreachable } from './notifying';
import { planningOf, sessionsByAgreement } from './proactivePlanning';
import type {
  AgreementRepository,
  ConcernRepository,
  ConversationRepository,
  OrganisationRepository,
  OutboxRepository,
  PersonRepository,
  SessionRepository,
} from './ports';
import { pendingEntry } from './outboxEntry';
import type { DigestMessage } from './proactiveMessages';

export interface DigestDeps {
  readonly organisations: OrganisationRepository;
  readonly agreements: AgreementRepository;
  readonly sessions: SessionRepository;
  readonly people: PersonRepository;
  readonly concerns: ConcernRepository;
  readonly conversations: ConversationRepository;
  readonly outbox: OutboxRepository;
}

export interface DigestReport {
  /** Organisations whose digest was due and not yet queued for everyone. */
  readonly organisations: number;
  readonly queued: number;
  readonly alreadyQueued: number;
  /** Recipients who have not talked to the bot yet: retried on later ticks this week. */
  readonly waitingForTeams: number;
  readonly problems: readonly { readonly tenantId: TenantId; readonly code: string; readonly message: string }[];
}

export async function sendPswDigests(deps: DigestDeps, now: Instant, tabUrl: string | null): Promise<Result<DigestReport>> {
  const tenants = await deps.organisations.listTenants();
  if (!tenants.ok) return tenants;
  const report = { organisations: 0, queued: 0, alreadyQueued: 0, waitingForTeams: 0, problems: [] as DigestReport['problems'][number][] };
  for (const tenantId of tenants.value) {
    const done = await digestForTenant(deps, tenantId, now, tabUrl, report);
    if (!done.ok) report.problems.push({ tenantId, code: done.error.code, message: done.error.message });
  }
  return ok(report);
}

async function digestForTenant(
  deps: DigestDeps,
  tenantId: TenantId,
  now: Instant,
  tabUrl: string | null,
  report: { organisations: number; queued: number; alreadyQueued: number; waitingForTeams: number },
): Promise<Result<void>> {
  const org = await deps.organisations.get(tenantId);
  if (!org.ok) return org;
  if (org.value === null) return ok(undefined);
  const { settings, calendar } = planningOf(org.value.value);
  const today = localDateOf(now, settings.zone);
  const day = digestDateOfWeek(today, settings.pswDigestDay, calendar);
  // Only when a message may go out now (a working day, after the send time, out of quiet hours).
  if (day === null || day > today || !isSendable(now, settings, calendar)) return ok(undefined);
  const week = isoWeekOf(today);

  const waiting: Person[] = [];
  for (const id of pswsOrAdmins(settings)) {
    const got = await deps.people.get(tenantId, id);
    if (!got.ok) return got;
    const person = got.value?.value;
    if (person === undefined || person.tenantId !== tenantId) continue;
    if (person.aadObjectId === undefined) {
      report.waitingForTeams++;
      continue;
    }
    const queued = await deps.outbox.get(tenantId, digestMessageId(person.id, week));
    if (!queued.ok) return queued;
    if (queued.value === null) waiting.push(person);
  }
  if (waiting.length === 0) return ok(undefined);
  report.organisations++;

  const message = await digestMessage(deps, tenantId, settings, now, today, week, tabUrl);
  if (!message.ok) return message;
  for (const recipient of waiting) {
    const created = await deps.outbox.create(
      pendingEntry({ id: digestMessageId(recipient.id, week), tenantId, recipientAadObjectId: recipient.aadObjectId as string, message: message.value, now }),
    );
    if (created.ok) report.queued++;
    else if (created.error.code === 'CONFLICT') report.alreadyQueued++;
    else return created;
  }
  return ok(undefined);
}

async function digestMessage(
  deps: DigestDeps,
  tenantId: TenantId,
  settings: CompleteOrganisationSettings,
  now: Instant,
  today: string,
  week: string,
  tabUrl: string | null,
): Promise<Result<DigestMessage>> {
  const [listed, people, concerns] = await Promise.all([deps.agreements.listByTenant(tenantId), deps.people.listByTenant(tenantId), deps.concerns.listByTenant(tenantId)]);
  if (!listed.ok) return listed;
  if (!people.ok) return people;
  if (!concerns.ok) return concerns;
  const byId = new Map(people.value.filter((p) => p.tenantId === tenantId).map((p) => [p.id, p]));
  const ref = (id: PersonId) => ({ id, name: byId.get(id)?.name ?? 'Someone no longer on the staff list' });

  const agreements: DigestAgreement[] = [];
  const digested = listed.value.map((v) => v.value).filter((a) => a.tenantId === tenantId && a.status !== 'draft');
  const sessions = await sessionsByAgreement(deps.sessions, tenantId, digested);
  if (!sessions.ok) return sessions;
  for (const a of digested) {
    agreements.push({
      agreement: a,
      sessions: sessions.value.get(a.id) ?? [],
      team: byId.get(a.superviseeId)?.team ?? null,
      supervisee: ref(a.superviseeId),
      supervisor: ref(a.supervisorId),
    });
  }

  // Who the bot cannot message: everyone in a live agreement without a conversation it can use.
  const unreachable = new Map<PersonId, Unreachable>();
  const live = new Set(agreements.filter((x) => x.agreement.status !== 'ended').flatMap((x) => [x.agreement.superviseeId, x.agreement.supervisorId]));
  for (const id of live) {
    const why = await whyUnreachable(deps.conversations, tenantId, byId.get(id) ?? {});
    if (!why.ok) return why;
    if (why.value === 'removed') unreachable.set(id, 'removed-the-app');
    else if (why.value !== null) unreachable.set(id, 'never-talked');
  }

  const figures = digestFigures({
    now,
    today,
    settings,
    agreements,
    concerns: concerns.value.map((c) => c.value).filter((c) => c.tenantId === tenantId),
    unreachable,
  });
  return ok({ kind: 'digest', data: { ...figures, zone: settings.zone, organisationName: settings.name, week, tabUrl } });
}
