/**
 * The home card: the person's next due date, last session, what is overdue, open concerns, what is
 * waiting for them, and which flows they may start. Built from the stored compliance summaries (no
 * cadence recomputation) and the sessions of the person's own agreements.
 */
import { isAdmin, isPsw, mayConfirmSession, mayRateSession, mayRecordSession, mayRespondToSchedule } from '../domain/authorization';
import type { Viewer } from '../domain/authorization';
import type { Agreement, Instant, Person, Session } from '../domain/model';
import { ok, type Result } from '../domain/result';
import { isQualifying } from '../domain/session';
import { parseInstant } from '../domain/validation';
import type { Actor, GetHome } from './commands';
import { begin, type Ctx } from './acting';
import { whyUnreachable } from './notifying';
import { sessionsByAgreement } from './proactivePlanning';
import type { UseCaseDeps } from './deps';
import type { Versioned } from './ports';
import { agreementPeople, agreementSummaryView } from './views/build/agreement';
import type { HomeView, LastSessionView, OverdueItem, PendingItem, UnreachablePerson } from './views';

export async function getHome(deps: UseCaseDeps, actor: Actor, _command: GetHome, now: Instant): Promise<Result<HomeView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const { me, people, viewer } = ctx;

  const listed = await deps.agreements.listForPerson(ctx.tenantId, me.id);
  if (!listed.ok) return listed;
  const { all: agreements, asSupervisee, asSupervisor } = partiesOf(listed.value, ctx.tenantId, me);

  // One request for the sessions of all their agreements (a supervisor may have tens), none without any.
  const listedSessions = await sessionsByAgreement(deps.sessions, ctx.tenantId, agreements);
  if (!listedSessions.ok) return listedSessions;
  const sessionsOf = listedSessions.value;

  const concernsOpen = await openConcernCount(deps, ctx.tenantId, me.id);
  if (!concernsOpen.ok) return concernsOpen;

  // The PSW oversees supervision across the organisation: everyone overdue, not only their own.
  // PSWs and admins see across the organisation: its agreements are read once for both uses.
  let organisation: Agreement[] = [];
  if (isPsw(viewer) || isAdmin(viewer)) {
    const all = await deps.agreements.listByTenant(ctx.tenantId);
    if (!all.ok) return all;
    organisation = all.value.map((v) => v.value).filter((a) => a.tenantId === ctx.tenantId);
  }
  let overseen: Agreement[] = [];
  if (isPsw(viewer)) {
    const mine = new Set(agreements.map((a) => a.id));
    overseen = organisation.filter((a) => !mine.has(a.id) && a.status === 'active' && a.summary.overdueSince !== null);
  }

  const allSessions = [...sessionsOf.values()].flat();
  const loaded = await people.load([
    ...agreements.flatMap(agreementPeople),
    ...overseen.flatMap((a) => [a.superviseeId, a.supervisorId]),
    ...allSessions.flatMap((s) => [s.supervisorId, s.superviseeId]),
  ]);
  if (!loaded.ok) return loaded;

  const nowMs = parseInstant(now).toMillis();
  const otherParty = (s: Session) => people.ref(s.superviseeId === me.id ? s.supervisorId : s.superviseeId);

  let lastSession: LastSessionView | null = null;
  let lastSessionMs = -Infinity;
  for (const s of allSessions) {
    if (s.status !== 'held' || s.start === undefined) continue;
    const startMs = parseInstant(s.start).toMillis();
    if (startMs > nowMs) continue;
    if (s.superviseeId !== me.id && s.supervisorId !== me.id) continue;
    if (lastSession === null || startMs > lastSessionMs) {
      lastSessionMs = startMs;
      lastSession = {
        sessionId: s.id,
        agreementId: s.agreementId,
        start: s.start,
        minutes: s.minutes ?? 0,
        qualifying: isQualifying(s),
        with: otherParty(s),
      };
    }
  }

  const dues = asSupervisee.filter((a) => a.status === 'active' && a.summary.nextDueBy !== null).map((a) => a.summary.nextDueBy as string);
  const overdue: OverdueItem[] = [...agreements, ...overseen]
    .filter((a) => a.status === 'active' && a.summary.overdueSince !== null)
    .sort((a, b) => (a.summary.overdueSince as string).localeCompare(b.summary.overdueSince as string))
    .map((a) => ({
      agreementId: a.id,
      supervisee: people.ref(a.superviseeId),
      supervisor: people.ref(a.supervisorId),
      overdueSince: a.summary.overdueSince as string,
    }));

  const pending: PendingItem[] = [];
  for (const a of agreements) {
    if (a.status !== 'draft') continue;
    if (a.superviseeId === me.id && a.agreedBySuperviseeAt === undefined) {
      pending.push({ kind: 'agree-to-agreement', agreementId: a.id, with: people.ref(a.supervisorId) });
    } else if (a.supervisorId === me.id && a.agreedBySupervisorAt === undefined) {
      pending.push({ kind: 'agree-to-agreement', agreementId: a.id, with: people.ref(a.superviseeId) });
    }
  }
  const byAgreement = new Map<string, Agreement>(agreements.map((a) => [a.id, a]));
  for (const s of allSessions.sort((x, y) => (x.scheduledStart < y.scheduledStart ? -1 : 1))) {
    const a = byAgreement.get(s.agreementId);
    if (a === undefined) continue;
    const start = s.start ?? s.scheduledStart;
    const item = { sessionId: s.id, start, with: otherParty(s) };
    if (s.status === 'scheduled') {
      if (s.superviseeAcceptedAt === undefined && s.proposedStart === undefined && mayRespondToSchedule(viewer, s).ok) {
        pending.push({ kind: 'respond-to-schedule', ...item });
      }
      if (parseInstant(s.scheduledStart).toMillis() <= nowMs && mayRecordSession(viewer, s, a).ok) pending.push({ kind: 'record-session', ...item });
    } else if (s.status === 'held') {
      if (s.superviseeConfirmedAt === undefined && mayConfirmSession(viewer, s).ok) pending.push({ kind: 'confirm-session', ...item });
      if (s.rating === undefined && mayRateSession(viewer, s).ok) pending.push({ kind: 'rate-session', ...item });
    }
  }

  const unreachable = isAdmin(viewer) || isPsw(viewer) ? await unreachablePeople(ctx, organisation) : ok([]);
  if (!unreachable.ok) return unreachable;
  return ok({
    person: { id: me.id, name: me.name, email: me.email },
    roles: me.roles,
    zone: ctx.zone,
    organisationName: ctx.settings.name,
    nextDueBy: dues.length > 0 ? dues.sort()[0] : null,
    lastSession,
    overdue,
    openConcerns: concernsOpen.value,
    asSupervisee: asSupervisee.map((a) => agreementSummaryView(a, people)),
    asSupervisor: asSupervisor.map((a) => agreementSummaryView(a, people)),
    pending,
    unreachable: unreachable.value,
    youCan: youCanFrom(viewer, { asSupervisee, asSupervisor }),
  });
}

/** The agreements a person is party to that are not ended, split by their side of each. */
export function partiesOf(listed: readonly Versioned<Agreement>[], tenantId: string, me: Person): { asSupervisee: Agreement[]; asSupervisor: Agreement[]; all: Agreement[] } {
  const all = listed.map((v) => v.value).filter((a) => a.tenantId === tenantId && a.status !== 'ended');
  return {
    all,
    asSupervisee: all.filter((a) => a.superviseeId === me.id),
    asSupervisor: all.filter((a) => a.superviseeId !== me.id && (a.supervisorId === me.id || a.professionalSupervisorId === me.id)),
  };
}

/** Which flows the viewer may start, from their roles and the live agreements on each side. */
export function youCanFrom(viewer: Viewer, parties: { readonly asSupervisee: readonly Agreement[]; readonly asSupervisor: readonly Agreement[] }): HomeView['youCan'] {
  const { asSupervisee, asSupervisor } = parties;
  const admin = isAdmin(viewer);
  const supervisor = viewer.person.roles.includes('supervisor');
  return {
    proposeAgreement: admin || supervisor,
    scheduleSession: asSupervisor.some((a) => a.status === 'active'),
    requestSession: asSupervisee.some((a) => a.status === 'active'),
    writeNote: true,
    raiseConcern: true,
    editSettings: admin,
    seeCompliance: admin || isPsw(viewer) || supervisor,
  };
}

async function openConcernCount(deps: UseCaseDeps, tenantId: string, personId: string): Promise<Result<number>> {
  const involving = await deps.concerns.listInvolving(tenantId, personId);
  if (!involving.ok) return involving;
  // listInvolving answers each concern once, raised or handled by the person.
  return ok(involving.value.filter(({ value: c }) => c.tenantId === tenantId && c.status !== 'resolved').length);
}

/**
 * The people the bot cannot reach who matter to supervision (a party to a live agreement, or a PSW
 * or admin who would be escalated to): never linked (imported, never talked to the bot), the app
 * not installed for them, or removed (uninstalled or blocked). Their reminders cannot go; the other
 * party's still do.
 */
async function unreachablePeople(ctx: Ctx, agreements: readonly Agreement[]): Promise<Result<UnreachablePerson[]>> {
  const { deps, tenantId, settings } = ctx;
  const ids = new Set<string>([...settings.pswIds, ...settings.adminIds]);
  for (const a of agreements) {
    if (a.status === 'ended') continue;
    ids.add(a.superviseeId);
    ids.add(a.supervisorId);
  }
  const loaded = await ctx.people.load(ids);
  if (!loaded.ok) return loaded;
  const people = [...ids].flatMap((id) => ctx.people.get(id) ?? []);
  const whys = await Promise.all(people.map((p) => whyUnreachable(deps.conversations, tenantId, p)));
  const out: UnreachablePerson[] = [];
  for (const [i, why] of whys.entries()) {
    if (!why.ok) return why;
    if (why.value !== null) out.push({ person: ctx.people.ref(people[i].id), reason: why.value });
  }
  return ok(out.sort((x, y) => x.person.name.localeCompare(y.person.name, 'en-GB')));
}
