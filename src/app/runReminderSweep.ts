/**
 * The proactive sweep: for every organisation, the active agreements whose `summary.nextActionAt`
 * has come (`listDue`), what the proactive policy says is due now (src/domain/proactivePolicy.ts, in
 * the organisation's working days and send moments: proactivePlanning.ts), written to the outbox as
 * typed messages, then the agreement's summary saved with its next action time so it is not picked
 * again before then; and the follow-up of every open concern (src/domain/concernFollowUp.ts).
 *
 * - Outbox ids are deterministic (per agreement, kind, period and recipient; per concern, kind and
 *   recipient): a sweep run twice, or by two instances at once, writes each message once (the
 *   second create gets CONFLICT), so a follow-up fires once.
 * - A supervisor gets at most one reminder card a day (`reminder-digest`), listing every supervisee
 *   due: the day's reminders to them are gathered (groupSupervisorReminders); each listed reminder is
 *   recorded under its own id (a spent outbox entry) so it is never listed twice. A reminder found
 *   after the day's card has gone joins the next working day's card.
 * - Messages are written only at a send moment (the policy plans nothing else), so `notBefore` is now.
 * - A recipient not yet linked to Teams (imported, never talked to the bot) cannot be messaged: the
 *   message is not queued (the other party's still is), the person is listed as unreachable on the
 *   admins' and PSWs' home card, and the agreement is looked at again after `RELINK_RETRY_MINUTES`,
 *   so the reminder still reaches them if they install the bot while it is relevant.
 * - A failure on one agreement (store unavailable, a conflicting save) is reported and the sweep goes
 *   on; the agreement keeps its due time and the next sweep tries again.
 */
import { DateTime } from 'luxon';
import { planConcernFollowUp, type ConcernMessage } from '../domain/concernFollowUp';
import type { Agreement, ComplianceSummary, CompleteOrganisationSettings, Concern, Instant, LocalDate, Person, PersonId, TenantId } from '../domain/model';
import { groupSupervisorReminders, supervisorDigestId, type AgreementMessage, type SupervisorDigest } from '../domain/proactivePolicy';
import { fail, ok, type Result } from '../domain/result';
import { sendTimeOn, type WorkingCalendar } from '../domain/workingCalendar';
import type {
  AgreementRepository,
  ConcernRepository,
  ConversationRepository,
  OrganisationRepository,
  OutboxEntry,
  OutboxRepository,
  PersonRepository,
  SessionRepository,
  Versioned,
} from './ports';
import { pendingEntry } from './outboxEntry';
import { planAgreementSummary, planningOf, sessionsThatCount } from './proactivePlanning';
import type { ReminderFacts, SweepMessage } from './proactiveMessages';
import type { PersonRef } from './views';

export interface ReminderSweepDeps {
  readonly organisations: OrganisationRepository;
  readonly agreements: AgreementRepository;
  readonly sessions: SessionRepository;
  readonly people: PersonRepository;
  readonly outbox: OutboxRepository;
  readonly concerns: ConcernRepository;
  /** Whether the bot can reach a person (a conversation, installed); absent: anyone linked is taken as reachable. */
  readonly conversations?: Pick<ConversationRepository, 'get'>;
}

/** How soon to look again when a recipient could not be messaged because they are not linked to Teams. */
export const RELINK_RETRY_MINUTES = 60;

export interface SweepProblem {
  readonly tenantId: TenantId;
  readonly agreementId?: string;
  readonly concernId?: string;
  readonly code: string;
  readonly message: string;
}

export interface SweepReport {
  readonly tenants: number;
  /** Agreements that were due and looked at. */
  readonly agreements: number;
  /** Outbox entries written by this sweep (cards to go out). */
  readonly queued: number;
  /** Messages already in the outbox from an earlier sweep (not written again). */
  readonly alreadyQueued: number;
  /** Messages not queued because the recipient has not talked to the bot yet. */
  readonly waitingForTeams: number;
  /** Escalations with nobody to send to (no PSW nor admin set), or a recipient not on the staff list. */
  readonly noRecipient: number;
  /** Agreements whose summary was saved with a new next action time. */
  readonly saved: number;
  /** Concern follow-up messages queued. */
  readonly concernFollowUps: number;
  readonly problems: readonly SweepProblem[];
}

type Counters = { -readonly [K in keyof SweepReport]: SweepReport[K] } & { problems: SweepProblem[] };

/** One sweep over every organisation, as of `now`. Fails only when the list of tenants cannot be read. */
export async function runReminderSweep(deps: ReminderSweepDeps, now: Instant): Promise<Result<SweepReport>> {
  const tenants = await deps.organisations.listTenants();
  if (!tenants.ok) return tenants;
  const c: Counters = { tenants: 0, agreements: 0, queued: 0, alreadyQueued: 0, waitingForTeams: 0, noRecipient: 0, saved: 0, concernFollowUps: 0, problems: [] };
  for (const tenantId of tenants.value) {
    c.tenants++;
    await sweepTenant(deps, tenantId, now, c);
  }
  return ok({ ...c });
}

/** What one tenant's sweep shares: settings, calendar, people read once, the outbox writer. */
class TenantSweep {
  private readonly people = new Map<PersonId, Person | null>();

  constructor(
    readonly deps: ReminderSweepDeps,
    readonly tenantId: TenantId,
    readonly settings: CompleteOrganisationSettings,
    readonly calendar: WorkingCalendar,
    readonly now: Instant,
    readonly c: Counters,
  ) {}

  async person(id: PersonId): Promise<Result<Person | null>> {
    if (this.people.has(id)) return ok(this.people.get(id) ?? null);
    const found = await this.deps.people.get(this.tenantId, id);
    if (!found.ok) return found;
    const p = found.value?.value ?? null;
    this.people.set(id, p !== null && p.tenantId === this.tenantId ? p : null);
    return ok(this.people.get(id) ?? null);
  }

  async ref(id: PersonId): Promise<Result<PersonRef>> {
    const p = await this.person(id);
    return p.ok ? ok({ id, name: p.value?.name ?? 'Someone no longer on the staff list' }) : p;
  }

  /**
   * The recipient's Teams id, or why there is none: 'gone' (not on the staff list), 'unlinked'
   * (never talked to the bot). Counted here.
   */
  async reachable(id: PersonId): Promise<Result<string | 'gone' | 'unlinked'>> {
    const p = await this.person(id);
    if (!p.ok) return p;
    if (p.value === null) {
      this.c.noRecipient++;
      return ok('gone');
    }
    const aad = p.value.aadObjectId;
    if (aad === undefined || !(await this.installed(aad))) {
      this.c.waitingForTeams++;
      return ok('unlinked');
    }
    return ok(aad);
  }

  private readonly reach = new Map<string, boolean>();

  /**
   * True when the bot has the person's chat and the app is installed: a card written for anyone
   * else would be lost (recipient-not-found); instead they are looked at again (RELINK_RETRY_MINUTES,
   * or at once when they install: lookAgainOnInstall).
   */
  private async installed(aadObjectId: string): Promise<boolean> {
    if (this.deps.conversations === undefined) return true;
    let known = this.reach.get(aadObjectId);
    if (known === undefined) {
      const c = await this.deps.conversations.get(this.tenantId, aadObjectId);
      // A read failure: try to send (delivery retries and records the outcome).
      known = !c.ok || (c.value !== null && c.value.value.installed);
      this.reach.set(aadObjectId, known);
    }
    return known;
  }

  entry(id: string, aadObjectId: string, payload: SweepMessage, notBefore?: Instant): OutboxEntry {
    return pendingEntry({ id, tenantId: this.tenantId, recipientAadObjectId: aadObjectId, message: payload, now: this.now, notBefore });
  }

  /** Writes once: CONFLICT means an earlier sweep wrote it. */
  async write(entry: OutboxEntry): Promise<Result<'queued' | 'already'>> {
    const created = await this.deps.outbox.create(entry);
    if (created.ok) {
      this.c.queued++;
      return ok('queued');
    }
    if (created.error.code === 'CONFLICT') {
      this.c.alreadyQueued++;
      return ok('already');
    }
    return created;
  }
}

async function sweepTenant(deps: ReminderSweepDeps, tenantId: TenantId, now: Instant, c: Counters): Promise<void> {
  const problem = (code: string, message: string, about: { agreementId?: string; concernId?: string } = {}) =>
    c.problems.push({ tenantId, ...about, code, message });
  const org = await deps.organisations.get(tenantId);
  if (!org.ok) return void problem(org.error.code, org.error.message);
  if (org.value === null) return;
  const { settings, calendar } = planningOf(org.value.value);
  const sweep = new TenantSweep(deps, tenantId, settings, calendar, now, c);

  const due = await deps.agreements.listDue(tenantId, now);
  if (!due.ok) problem(due.error.code, due.error.message);
  const planned: PlannedAgreement[] = [];
  for (const item of due.ok ? due.value : []) {
    c.agreements++;
    try {
      const p = await planOne(sweep, item);
      if (p.ok) planned.push(p.value);
      else problem(p.error.code, p.error.message, { agreementId: item.value.id });
    } catch (error) {
      // A bug or a corrupt record: report it and go on with the other agreements.
      problem('BUG', error instanceof Error ? error.message : String(error), { agreementId: item.value.id });
    }
  }

  // Every message of the tenant's due agreements, the supervisors' reminders gathered per day.
  const byId = new Map<string, PlannedAgreement>();
  for (const p of planned) for (const m of p.messages) byId.set(m.id, p);
  // Grouped by the day they go (now), not the day each was planned for: what an outage or an
  // unreachable supervisor held back joins today's one card.
  const { digests, others } = groupSupervisorReminders(
    planned.flatMap((p) => p.messages.map((m) => ({ ...m, at: now }))),
    settings.zone,
  );
  for (const m of others) {
    const p = byId.get(m.id) as PlannedAgreement;
    if (p.failed) continue;
    const sent = await guarded(() => writeAgreementMessage(sweep, p, m));
    if (!sent.ok) {
      p.failed = true;
      problem(sent.error.code, sent.error.message, { agreementId: p.item.value.id });
    } else if (sent.value === 'unlinked') p.waiting = true;
  }
  for (const digest of digests) {
    const items = digest.items.filter((m) => !(byId.get(m.id) as PlannedAgreement).failed);
    const sent = await guarded(() => writeDigest(sweep, { ...digest, items }, byId));
    if (!sent.ok) {
      for (const m of items) (byId.get(m.id) as PlannedAgreement).failed = true;
      problem(sent.error.code, sent.error.message);
    } else if (sent.value === 'unlinked') for (const m of items) (byId.get(m.id) as PlannedAgreement).waiting = true;
  }
  for (const p of planned) {
    if (p.failed) continue; // keeps its due time: the next sweep tries again
    const saved = await saveSummary(sweep, p);
    if (saved.ok) c.saved++;
    else problem(saved.error.code, saved.error.message, { agreementId: p.item.value.id });
  }

  await followUpConcerns(sweep, problem);
}

/** A bug or a corrupt record in one message is reported as a problem (code BUG); the sweep goes on. */
async function guarded<T>(f: () => Promise<Result<T>>): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }> {
  try {
    return await f();
  } catch (error) {
    return { ok: false, error: { code: 'BUG', message: error instanceof Error ? error.message : String(error) } };
  }
}

interface PlannedAgreement {
  readonly item: Versioned<Agreement>;
  /** The summary just computed (lastSessionOn, overdueSince as of now; nextActionAt after this sweep). */
  readonly summary: ComplianceSummary;
  readonly messages: readonly AgreementMessage[];
  failed: boolean;
  waiting: boolean;
}

async function planOne(sweep: TenantSweep, item: Versioned<Agreement>): Promise<Result<PlannedAgreement>> {
  const agreement = item.value;
  const sessions = await sessionsThatCount(sweep.deps, sweep.tenantId, agreement, sweep.settings.zone);
  if (!sessions.ok) return sessions;
  const { summary, plan } = planAgreementSummary(agreement, sessions.value, sweep.settings, sweep.now, true);
  return ok({ item, summary, messages: plan.sendNow, failed: false, waiting: false });
}

async function reminderFacts(sweep: TenantSweep, p: PlannedAgreement, m: AgreementMessage): Promise<Result<ReminderFacts>> {
  const a = p.item.value;
  const supervisee = await sweep.ref(a.superviseeId);
  if (!supervisee.ok) return supervisee;
  const supervisor = await sweep.ref(a.supervisorId);
  if (!supervisor.ok) return supervisor;
  return ok({
    zone: sweep.settings.zone,
    agreementId: a.id,
    audience: m.recipientIs === 'supervisor' ? 'supervisor' : 'supervisee',
    supervisee: supervisee.value,
    supervisor: supervisor.value,
    nqsw: a.nqsw,
    periodStart: m.periodStart,
    dueBy: m.dueBy,
    lastSessionOn: p.summary.lastSessionOn,
    scheduledSession: m.session === undefined ? null : { sessionId: m.session.id, start: m.session.start },
    reason: m.kind === 'reminder-session' ? 'session' : m.kind === 'reminder-due-today' ? 'due-today' : 'due',
  });
}

/** A message to one person about an agreement, other than a supervisor's reminder (those go in the digest). */
async function writeAgreementMessage(sweep: TenantSweep, p: PlannedAgreement, m: AgreementMessage): Promise<Result<'queued' | 'already' | 'gone' | 'unlinked'>> {
  const to = await sweep.reachable(m.recipientId);
  if (!to.ok) return to;
  if (to.value === 'gone' || to.value === 'unlinked') return ok(to.value);
  const a = p.item.value;
  let payload: SweepMessage;
  if (m.kind === 'escalation' || m.kind === 'escalation-notice') {
    const supervisee = await sweep.ref(a.superviseeId);
    if (!supervisee.ok) return supervisee;
    const supervisor = await sweep.ref(a.supervisorId);
    if (!supervisor.ok) return supervisor;
    const common = {
      zone: sweep.settings.zone,
      agreementId: a.id,
      supervisee: supervisee.value,
      supervisor: supervisor.value,
      nqsw: a.nqsw,
      periodStart: m.periodStart,
      dueBy: m.dueBy,
      missedCount: m.missedCount ?? 1,
      lastSessionOn: p.summary.lastSessionOn,
      atOnce: m.atOnce === true,
    };
    if (m.kind === 'escalation') {
      payload = { kind: 'escalation', data: { ...common, overdueSince: p.summary.overdueSince } };
    } else {
      const informed: PersonRef[] = [];
      for (const id of m.informedIds ?? []) {
        const r = await sweep.ref(id);
        if (!r.ok) return r;
        informed.push(r.value);
      }
      payload = { kind: 'escalation-notice', data: { ...common, informed } };
    }
  } else {
    const facts = await reminderFacts(sweep, p, m);
    if (!facts.ok) return facts;
    payload = { kind: 'reminder', data: facts.value };
  }
  return sweep.write(sweep.entry(m.id, to.value, payload));
}

/**
 * A supervisor's reminders of the day as one card: merged into the day's card while it waits, else
 * (it has gone) into the next working day's. Each item is then recorded under its own id, so a
 * reminder planned again (a retry, a change to the agreement) is never listed twice.
 */
async function writeDigest(sweep: TenantSweep, digest: SupervisorDigest, byId: ReadonlyMap<string, PlannedAgreement>): Promise<Result<'queued' | 'already' | 'gone' | 'unlinked'>> {
  const fresh: AgreementMessage[] = [];
  for (const m of digest.items) {
    const seen = await sweep.deps.outbox.get(sweep.tenantId, m.id);
    if (!seen.ok) return seen;
    if (seen.value === null) fresh.push(m);
  }
  if (fresh.length === 0) {
    sweep.c.alreadyQueued += digest.items.length;
    return ok('already');
  }
  const to = await sweep.reachable(digest.supervisorId);
  if (!to.ok) return to;
  if (to.value === 'gone' || to.value === 'unlinked') return ok(to.value);
  const items: ReminderFacts[] = [];
  for (const m of fresh) {
    const f = await reminderFacts(sweep, byId.get(m.id) as PlannedAgreement, m);
    if (!f.ok) return f;
    items.push(f.value);
  }
  const supervisor = await sweep.ref(digest.supervisorId);
  if (!supervisor.ok) return supervisor;
  let date: LocalDate = digest.date;
  let notBefore = sweep.now;
  let written: 'queued' | 'already' | null = null;
  let digestId = '';
  for (let attempt = 0; attempt < 2 && written === null; attempt++) {
    digestId = supervisorDigestId(digest.supervisorId, date);
    const existing = await sweep.deps.outbox.get(sweep.tenantId, digestId);
    if (!existing.ok) return existing;
    if (existing.value === null) {
      const r = await sweep.write(
        sweep.entry(digestId, to.value, { kind: 'reminder-digest', data: { zone: sweep.settings.zone, supervisor: supervisor.value, date, items } }, notBefore),
      );
      if (!r.ok) return r;
      written = r.value;
    } else if (existing.value.value.status === 'pending' && existing.value.value.payload.kind === 'reminder-digest' && !('spent' in existing.value.value.payload)) {
      const listed = existing.value.value.payload.data.items;
      const key = (i: ReminderFacts) => `${i.agreementId}:${i.periodStart}:${i.reason}`;
      const merged = [...listed, ...items.filter((i) => !listed.some((l) => key(l) === key(i)))];
      const replaced = await sweep.deps.outbox.replace(
        { ...existing.value.value, payload: { kind: 'reminder-digest', data: { ...existing.value.value.payload.data, items: merged } }, updatedAt: sweep.now },
        existing.value.etag,
      );
      if (!replaced.ok) return replaced; // CONFLICT: the sender took it; the next sweep tries again
      sweep.c.queued++;
      written = 'queued';
    } else {
      // The day's card has gone: the next working day's card lists these.
      date = sweep.calendar.nextWorkingDay(date);
      notBefore = sendTimeOn(date, sweep.settings, sweep.calendar);
    }
  }
  if (written === null) return fail('CONFLICT', `The reminder cards of ${digest.date} and the next working day have both gone already.`);
  for (const m of fresh) {
    const marked = await sweep.deps.outbox.create({
      ...sweep.entry(m.id, to.value, { kind: 'reminder-digest', data: { zone: sweep.settings.zone, supervisor: supervisor.value, date, items: [] } }),
      payload: { kind: 'reminder-digest', spent: true },
      status: 'sent',
      lastOutcome: `listed in ${digestId}`,
    });
    if (!marked.ok && marked.error.code !== 'CONFLICT') return marked;
  }
  return ok(written);
}

async function saveSummary(sweep: TenantSweep, p: PlannedAgreement): Promise<Result<void>> {
  let nextActionAt = p.summary.nextActionAt;
  if (p.waiting) {
    const retry = DateTime.fromISO(sweep.now).plus({ minutes: RELINK_RETRY_MINUTES }).toUTC().toISO() as Instant;
    if (nextActionAt === null || Date.parse(retry) < Date.parse(nextActionAt)) nextActionAt = retry;
  }
  const saved = await sweep.deps.agreements.replace({ ...p.item.value, summary: { ...p.summary, nextActionAt } }, p.item.etag);
  if (saved.ok) return ok(undefined);
  // CONFLICT: someone changed the agreement since it was listed and saved its own summary; the
  // messages are queued (or will be, idempotently, by the next sweep).
  return saved.error.code === 'CONFLICT' ? fail('CONFLICT', 'The agreement changed during the sweep; it will be looked at again.') : saved;
}

/** Every open concern's follow-up (fires once: deterministic ids). */
async function followUpConcerns(sweep: TenantSweep, problem: (code: string, message: string, about?: { concernId?: string }) => void): Promise<void> {
  const open = await sweep.deps.concerns.listOpen(sweep.tenantId);
  if (!open.ok) return void problem(open.error.code, open.error.message);
  for (const { value: concern } of open.value) {
    if (concern.tenantId !== sweep.tenantId) continue;
    try {
      const plan = planConcernFollowUp(concern, sweep.settings, sweep.calendar, sweep.now);
      for (const m of plan.sendNow) {
        const r = await writeConcernMessage(sweep, concern, m);
        if (!r.ok) {
          problem(r.error.code, r.error.message, { concernId: concern.id });
          break;
        }
      }
    } catch (error) {
      problem('BUG', error instanceof Error ? error.message : String(error), { concernId: concern.id });
    }
  }
}

async function writeConcernMessage(sweep: TenantSweep, concern: Concern, m: ConcernMessage): Promise<Result<void>> {
  const to = await sweep.reachable(m.recipientId);
  if (!to.ok) return to;
  if (to.value === 'gone' || to.value === 'unlinked') return ok(undefined);
  const assignee = m.assigneeId === undefined ? null : await sweep.ref(m.assigneeId);
  if (assignee !== null && !assignee.ok) return assignee;
  const reason = m.kind === 'concern-unacknowledged' ? 'unacknowledged' : m.kind === 'concern-followed-up' ? 'followed-up' : 'overdue';
  const written = await sweep.write(
    sweep.entry(m.id, to.value, {
      kind: 'concern-follow-up',
      data: {
        zone: sweep.settings.zone,
        concernId: concern.id,
        reason,
        recipientIs: m.recipientIs,
        category: concern.category,
        urgency: concern.urgency,
        raisedAt: m.raisedAt,
        targetDays: reason === 'overdue' ? sweep.settings.concernResolveTargetDays : sweep.settings.concernAckDays,
        assignedAt: m.assignedAt ?? null,
        assignee: assignee === null ? null : assignee.value,
      },
    }),
  );
  if (!written.ok) return written;
  if (written.value === 'queued') sweep.c.concernFollowUps++;
  return ok(undefined);
}
