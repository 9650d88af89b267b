/**
 * `npm run seed:demo`: creates the demo organisation of `.m365agentsplayground.yml` so that a newcomer
 * running `npm run playground` sees real cards at once.
 *
 * The tenant and the people (name, email, aadObjectId) come from that file (the Teams adapter owns
 * it); what each person is in the demo (roles, team, supervisor, where they are in their first year)
 * is the cast below, matched by email. Employment starts are computed from today (Europe/London), so
 * the demo always shows the same states:
 *   - Noah, NQSW in week 2: week 1 met, week 2 due;
 *   - Amira, NQSW in week 10: every period met so far, the current fortnight due;
 *   - Leah, NQSW in month 8: every period met so far, the current month due, her ASYE extended by
 *     three months after her mid-point review (seeded, but not a Playground user: the Playground
 *     holds six people);
 *   - Daniel, experienced: three months met, the month that ended last missed (a short, 60-minute
 *     session was held in it: recorded, flagged, not counted), the current month due: overdue;
 *   - Sam and Rachel supervise them; Priya is the PSW and the admin.
 *
 * Idempotent: records have fixed ids and are written only when they differ, so running it twice
 * changes nothing. Running it on a later day moves the demo to that day's states; sessions on the
 * demo agreements that are not part of the demo (recorded while trying it) are removed. It writes
 * through the same store as the bot (openStore: as the running bot's guest, or hosting the data
 * folder itself), and refuses a real Cosmos DB account unless given --allow-cosmos.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { parse as parseYaml } from 'yaml';
import { openCommandStore } from '../src/adapters/cli/commandStore';
import { systemClock } from '../src/adapters/clock';
import type { AgreementRepository, OrganisationRepository, PersonRepository, SessionRepository, Versioned } from '../src/app/ports';
import { evaluateCadence } from '../src/domain/cadence';
import type { Agreement, Instant, LocalDate, OrganisationSettings, Person, Role, Session, TenantId } from '../src/domain/model';
import { defaultOrganisationSettings } from '../src/domain/organisationDefaults';
import { fail, ok, type Result } from '../src/domain/result';
import { withSummary } from '../src/app/proactivePlanning';

export const PLAYGROUND_FILE = path.resolve(__dirname, '..', '.m365agentsplayground.yml');
export const DEMO_ORGANISATION_NAME = 'Northshire Council Children and Adults Services';
const ZONE = 'Europe/London';

export interface PlaygroundPerson {
  readonly name: string;
  readonly email: string;
  readonly aadObjectId: string;
}

export interface PlaygroundConfig {
  readonly tenantId: TenantId;
  readonly people: readonly PlaygroundPerson[];
}

/** The tenant and the people (`currentUser` and `users`) of the Playground's config file. */
export function parsePlaygroundConfig(text: string): Result<PlaygroundConfig> {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    return fail('INVALID_INPUT', `.m365agentsplayground.yml is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const d = doc as { tenantId?: unknown; currentUser?: unknown; users?: unknown } | null;
  if (d === null || typeof d !== 'object' || typeof d.tenantId !== 'string' || d.tenantId.trim() === '') {
    return fail('INVALID_INPUT', '.m365agentsplayground.yml has no tenantId');
  }
  const raw = [d.currentUser, ...(Array.isArray(d.users) ? d.users : [])];
  const people: PlaygroundPerson[] = [];
  for (const [i, u] of raw.entries()) {
    const p = u as { name?: unknown; email?: unknown; aadObjectId?: unknown } | undefined;
    const where = i === 0 ? 'currentUser' : `users[${i - 1}]`;
    if (typeof p?.name !== 'string' || typeof p.email !== 'string' || typeof p.aadObjectId !== 'string') {
      return fail('INVALID_INPUT', `.m365agentsplayground.yml: ${where} needs name, email and aadObjectId`);
    }
    people.push({ name: p.name, email: p.email.toLowerCase(), aadObjectId: p.aadObjectId });
  }
  return ok({ tenantId: d.tenantId, people });
}

export type DemoKey = 'psw' | 'sam' | 'rachel' | 'noah' | 'amira' | 'daniel' | 'leah';

/** Where a supervisee is: the states the home cards should show. */
type Stage = 'nqsw-week-2' | 'nqsw-week-10' | 'nqsw-month-8' | 'experienced-missed-month';

export interface CastMember {
  readonly key: DemoKey;
  readonly email: string;
  readonly roles: readonly Role[];
  readonly team: string;
  readonly supervisor?: DemoKey;
  readonly stage?: Stage;
}

export const CAST: readonly CastMember[] = [
  { key: 'psw', email: 'priya.shah@northshire.example', roles: ['psw', 'admin'], team: 'Practice Quality' },
  { key: 'sam', email: 'sam.okafor@northshire.example', roles: ['supervisor'], team: 'Children in Need (North)' },
  { key: 'rachel', email: 'rachel.green@northshire.example', roles: ['supervisor'], team: 'Adults Long Term' },
  { key: 'noah', email: 'noah.patel@northshire.example', roles: ['supervisee'], team: 'Children in Need (North)', supervisor: 'sam', stage: 'nqsw-week-2' },
  { key: 'amira', email: 'amira.hussain@northshire.example', roles: ['supervisee'], team: 'Children in Need (North)', supervisor: 'sam', stage: 'nqsw-week-10' },
  { key: 'daniel', email: 'daniel.evans@northshire.example', roles: ['supervisee'], team: 'Adults Long Term', supervisor: 'rachel', stage: 'experienced-missed-month' },
  { key: 'leah', email: 'leah.thompson@northshire.example', roles: ['supervisee'], team: 'Adults Long Term', supervisor: 'rachel', stage: 'nqsw-month-8' },
];

/** The demo person the Playground cannot hold (it takes exactly six); the yml names her in a comment. */
export const OUTSIDE_PLAYGROUND: PlaygroundPerson = {
  name: 'Leah Thompson',
  email: 'leah.thompson@northshire.example',
  aadObjectId: '3f2b6a10-0001-4c1e-8a00-00000000a007',
};

export interface DemoRecords {
  readonly settings: OrganisationSettings;
  readonly people: readonly Person[];
  readonly agreements: readonly Agreement[];
  readonly sessions: readonly Session[];
}

const localDate = (dt: DateTime): LocalDate => dt.toISODate() as LocalDate;
const instant = (date: LocalDate, hour: number, minute = 0): Instant =>
  DateTime.fromISO(date, { zone: ZONE }).set({ hour, minute }).toUTC().toISO() as Instant;
const plusDays = (date: LocalDate, days: number): LocalDate => localDate(DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }));

/** Person ids: the id already stored for that email, else `demo-<key>`. */
export type IdsByKey = Readonly<Record<DemoKey, string>>;

/**
 * Every record of the demo as of `now`. The people of `config` must be exactly the cast (but Leah),
 * by email: a mismatch is an error naming it, so the seed and the Playground file stay in step.
 */
export function planDemo(config: PlaygroundConfig, now: Instant, ids: IdsByKey): Result<DemoRecords> {
  const everyone = [...config.people, OUTSIDE_PLAYGROUND];
  const byEmail = new Map(everyone.map((p) => [p.email, p]));
  for (const p of config.people) {
    if (!CAST.some((c) => c.email === p.email)) {
      return fail('INVALID_INPUT', `.m365agentsplayground.yml has ${p.email}, who is not in the demo cast (scripts/seedDemo.ts)`);
    }
  }
  for (const c of CAST) {
    if (!byEmail.has(c.email)) return fail('INVALID_INPUT', `the demo cast's ${c.email} is not in .m365agentsplayground.yml`);
  }

  const today = DateTime.fromISO(now, { zone: ZONE }).startOf('day');
  const T = localDate(today);
  const tenantId = config.tenantId;

  const starts: Record<DemoKey, { employmentStart: LocalDate; agreementStart?: LocalDate; nqsw: boolean }> = {
    psw: { employmentStart: localDate(today.minus({ years: 12, months: 5 })), nqsw: false },
    sam: { employmentStart: localDate(today.minus({ years: 8, months: 2 })), nqsw: false },
    rachel: { employmentStart: localDate(today.minus({ years: 6, months: 9 })), nqsw: false },
    noah: { employmentStart: localDate(today.minus({ days: 8 })), nqsw: true },
    amira: { employmentStart: localDate(today.minus({ days: 66 })), nqsw: true },
    leah: { employmentStart: localDate(today.minus({ months: 8 }).plus({ days: 5 })), nqsw: true },
    daniel: {
      employmentStart: localDate(today.minus({ years: 9, months: 3 })),
      // Fourteen months of monthly supervision: enough history for the tab's twelve-month trend.
      agreementStart: localDate(today.minus({ months: 14 })),
      nqsw: false,
    },
  };

  const people: Person[] = CAST.map((c) => {
    const p = byEmail.get(c.email) as PlaygroundPerson;
    return {
      id: ids[c.key],
      tenantId,
      email: c.email,
      name: p.name,
      roles: c.roles,
      team: c.team,
      aadObjectId: p.aadObjectId,
      employmentStart: starts[c.key].employmentStart,
      nqsw: starts[c.key].nqsw,
      isRegisteredSocialWorker: true,
    };
  });

  const settings: OrganisationSettings = {
    ...defaultOrganisationSettings(tenantId, DEMO_ORGANISATION_NAME),
    pswIds: [ids.psw],
    adminIds: [ids.psw],
    // Proactive cards arrive within a minute of opening the Playground, on any day at any hour: no
    // quiet hours, every day a working day, no bank holidays, sent from midnight; reminders a week
    // before the due-by date (so Noah's week is in its reminder now) and escalations as soon as a
    // period ends unmet (Daniel's month ended today).
    quietHours: { start: '00:00', end: '00:00' },
    region: 'none',
    workingDays: [1, 2, 3, 4, 5, 6, 7],
    sendTime: '00:00',
    reminderLeadDays: 7,
    escalationGraceDays: 0,
  };

  const agreements: Agreement[] = [];
  const sessions: Session[] = [];
  for (const c of CAST) {
    if (c.supervisor === undefined || c.stage === undefined) continue;
    const { employmentStart, agreementStart = employmentStart, nqsw } = starts[c.key];
    const supervisorId = ids[c.supervisor];
    const superviseeId = ids[c.key];
    const agreementId = `demo-agreement-${c.key}`;
    const agreedAt = instant(agreementStart, 9);

    // One session per period that has ended: qualifying, except in the experienced worker's last one.
    const { periods } = evaluateCadence({ zone: ZONE, employmentStart, agreementStart, nqsw, today: T, until: plusDays(T, 1), sessions: [] });
    const ended = periods.filter((p) => p.end <= T);
    const own: Session[] = ended.map((p, i) => {
      const last = i === ended.length - 1;
      const short = c.stage === 'experienced-missed-month' && last;
      const day = plusDays(p.start, p.end > plusDays(p.start, 1) ? 1 : 0);
      const start = instant(day, 10);
      const minutes = short ? 60 : 90 + (i % 3) * 5;
      return {
        id: `demo-session-${c.key}-${i + 1}`,
        tenantId,
        agreementId,
        supervisorId,
        superviseeId,
        status: 'held',
        mode: i % 2 === 0 ? 'in-person' : 'teams',
        scheduledStart: start,
        plannedMinutes: 90,
        start,
        minutes,
        uninterrupted: true,
        agenda: short ? ['Caseload review (cut short: called to an urgent visit)'] : ['Caseload review', 'Reflection on practice', 'Learning and development'],
        actions: [],
        superviseeAcceptedAt: instant(plusDays(day, -2), 12),
        recordedById: supervisorId,
        recordedAt: instant(day, 12),
        superviseeConfirmedAt: instant(day, 15),
        rating: { score: short ? 2 : 3 + (i % 3), ratedAt: instant(day, 15, 5) },
        createdAt: instant(plusDays(day, -2), 11),
        updatedAt: instant(day, 15, 5),
      };
    });
    sessions.push(...own);

    const agreement: Agreement = {
      id: agreementId,
      tenantId,
      superviseeId,
      supervisorId,
      lineManagerIsRegisteredSocialWorker: true,
      employmentStart,
      agreementStart,
      nqsw,
      pauses: [],
      status: 'active',
      agreedBySupervisorAt: agreedAt,
      agreedBySuperviseeAt: agreedAt,
      supervisorHistory: [{ supervisorId, from: agreementStart }],
      ...(c.key === 'leah'
        ? {
            // The PSW extended Leah's ASYE after her mid-point review: the ASYE log and the tab's drill-down show it.
            asyeExtensions: [
              {
                newEnd: localDate(DateTime.fromISO(employmentStart, { zone: 'UTC' }).plus({ months: 15 })),
                reason: 'assessment' as const,
                note: 'Mid-point review: three more months to evidence the PCF domains',
                recordedById: ids.psw,
                recordedOn: plusDays(T, -14),
              },
            ],
          }
        : {}),
      summary: { nextDueBy: null, nextActionAt: null, met: 0, missed: 0, excused: 0, short: 0, lastSessionOn: null, overdueSince: null, evaluatedOn: T },
      createdAt: agreedAt,
      updatedAt: agreedAt,
    };
    agreements.push(withSummary(agreement, own, settings, now));
  }
  return ok({ settings, people, agreements, sessions });
}

export interface SeedDeps {
  readonly people: PersonRepository;
  readonly agreements: AgreementRepository;
  readonly sessions: SessionRepository;
  readonly organisations: OrganisationRepository;
  /** Removes a session that is not part of the demo (the repositories have no delete). */
  readonly deleteSession: (tenantId: TenantId, id: string) => Promise<Result<void>>;
}

export interface SeedReport {
  readonly tenantId: TenantId;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly removed: number;
  /**
   * Agreements set up while trying the demo for a demo supervisee, ended so that the restored demo
   * agreement is their only live one (their booked sessions are cancelled with it).
   */
  readonly ended: number;
}

type Timestamps = { createdAt?: unknown; updatedAt?: unknown };
const withoutTimes = (r: object): string => {
  const { createdAt: _c, updatedAt: _u, ...rest } = r as Timestamps & Record<string, unknown>;
  return JSON.stringify(rest, Object.keys(rest).sort());
};

export async function seedDemo(deps: SeedDeps, config: PlaygroundConfig, now: Instant): Promise<Result<SeedReport>> {
  const tenantId = config.tenantId;
  const ids = {} as Record<DemoKey, string>;
  for (const c of CAST) {
    const found = await deps.people.findByEmail(tenantId, c.email);
    if (!found.ok) return found;
    ids[c.key] = found.value?.value.id ?? `demo-${c.key}`;
  }
  const plan = planDemo(config, now, ids);
  if (!plan.ok) return plan;
  const counts = { created: 0, updated: 0, unchanged: 0, removed: 0, ended: 0 };

  async function put<T extends { id: string; tenantId: TenantId }>(
    store: { get(t: TenantId, id: string): Promise<Result<Versioned<T> | null>>; create(r: T): Promise<Result<Versioned<T>>>; replace(r: T, etag: string): Promise<Result<Versioned<T>>> },
    record: T,
  ): Promise<Result<void>> {
    const current = await store.get(record.tenantId, record.id);
    if (!current.ok) return current;
    if (current.value === null) {
      const created = await store.create(record);
      if (!created.ok) return created;
      counts.created++;
      return ok(undefined);
    }
    if (withoutTimes(current.value.value) === withoutTimes(record)) {
      counts.unchanged++;
      return ok(undefined);
    }
    const kept = 'createdAt' in current.value.value ? { createdAt: (current.value.value as Timestamps).createdAt } : {};
    const replaced = await store.replace({ ...record, ...kept }, current.value.etag);
    if (!replaced.ok) return replaced;
    counts.updated++;
    return ok(undefined);
  }

  const org = await deps.organisations.get(tenantId);
  if (!org.ok) return org;
  if (org.value === null) {
    const saved = await deps.organisations.save(plan.value.settings);
    if (!saved.ok) return saved;
    counts.created++;
  } else if (JSON.stringify(org.value.value) !== JSON.stringify(plan.value.settings)) {
    const saved = await deps.organisations.save(plan.value.settings, org.value.etag);
    if (!saved.ok) return saved;
    counts.updated++;
  } else counts.unchanged++;

  for (const p of plan.value.people) {
    const r = await put(deps.people, p);
    if (!r.ok) return r;
  }
  for (const s of plan.value.sessions) {
    const r = await put(deps.sessions, s);
    if (!r.ok) return r;
  }
  const planned = new Set(plan.value.sessions.map((s) => s.id));
  for (const a of plan.value.agreements) {
    const listed = await deps.sessions.listByAgreement(tenantId, a.id);
    if (!listed.ok) return listed;
    for (const s of listed.value) {
      if (planned.has(s.value.id)) continue;
      const removed = await deps.deleteSession(tenantId, s.value.id);
      if (!removed.ok) return removed;
      counts.removed++;
    }
    const r = await put(deps.agreements, a);
    if (!r.ok) return r;
    const others = await endOtherAgreements(deps, a, now);
    if (!others.ok) return others;
    counts.ended += others.value;
  }
  return ok({ tenantId, ...counts });
}

/**
 * Ends every other live agreement (draft, active or paused) of the demo agreement's supervisee, as of
 * today, and cancels the sessions still booked in it: after a run each demo supervisee has exactly
 * the one live agreement the demo describes, however the demo was tried before. The ended agreements
 * and their history are kept. Returns how many were ended.
 */
async function endOtherAgreements(deps: SeedDeps, demo: Agreement, now: Instant): Promise<Result<number>> {
  const listed = await deps.agreements.listForPerson(demo.tenantId, demo.superviseeId);
  if (!listed.ok) return listed;
  const today = DateTime.fromISO(now, { zone: ZONE }).toISODate() as LocalDate;
  let ended = 0;
  for (const { value: other, etag } of listed.value) {
    if (other.id === demo.id || other.superviseeId !== demo.superviseeId || other.status === 'ended') continue;
    const sessions = await deps.sessions.listByAgreement(other.tenantId, other.id);
    if (!sessions.ok) return sessions;
    for (const { value: s, etag: sessionEtag } of sessions.value) {
      if (s.status !== 'scheduled') continue;
      const cancelled = await deps.sessions.replace(
        { ...s, status: 'cancelled', cancelReason: 'The supervision agreement ended.', updatedAt: now },
        sessionEtag,
      );
      if (!cancelled.ok) return cancelled;
    }
    const saved = await deps.agreements.replace({ ...other, status: 'ended', endedOn: today, updatedAt: now }, etag);
    if (!saved.ok) return saved;
    ended++;
  }
  return ok(ended);
}

async function main(args: readonly string[]): Promise<number> {
  let text: string;
  try {
    text = await fs.readFile(PLAYGROUND_FILE, 'utf8');
  } catch (error) {
    process.stderr.write(`seed:demo: cannot read ${path.basename(PLAYGROUND_FILE)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return 1;
  }
  const playground = parsePlaygroundConfig(text);
  if (!playground.ok) {
    process.stderr.write(`seed:demo: ${playground.error.message}\n`);
    return 1;
  }
  const opened = await openCommandStore('seed:demo', process.stderr, {
    refuse: (target) =>
      target.kind === 'cosmos' && !args.includes('--allow-cosmos')
        ? `COSMOS_ENDPOINT names a real Cosmos DB account (${target.endpoint}); demo data belongs in the local store. Add --allow-cosmos to seed it anyway.`
        : undefined,
  });
  if (opened === undefined) return 1;
  try {
    const sessionsContainer = opened.store.database.container('sessions');
    const result = await seedDemo(
      {
        ...opened.repositories,
        deleteSession: async (tenantId, id) => {
          try {
            await sessionsContainer.item(id, tenantId).delete();
            return ok(undefined);
          } catch (error) {
            const code = (error as { code?: unknown }).code;
            return code === 404 ? ok(undefined) : fail('STORE_UNAVAILABLE', `could not remove session ${id}`);
          }
        },
      },
      playground.value,
      systemClock.now(),
    );
    if (!result.ok) {
      process.stderr.write(`seed:demo: ${result.error.message}\n`);
      return 1;
    }
    const r = result.value;
    process.stdout.write(
      `Demo organisation "${DEMO_ORGANISATION_NAME}" (tenant ${r.tenantId}): ` +
        `created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}, removed ${r.removed}, ended ${r.ended}.\n` +
        'Try it: npm start, then npm run playground.\n',
    );
    return 0;
  } finally {
    await opened.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
