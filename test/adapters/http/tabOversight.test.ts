/**
 * The tab's oversight API over real HTTP (the app's restify server on loopback) with the real use
 * cases over the real Cosmos repositories on the embedded server: per role, what each may and may
 * not export or read, and the audit record each read of another person's data and each export
 * leaves. People sign in with the local sign-in (local mode), which identifies them exactly as a
 * Teams token does (tenant + object id, verified on the server; nothing from the request body).
 */
import { strict as assert } from 'node:assert';
import { ActivityHandler } from 'botbuilder';
import { parse } from 'csv-parse/sync';
import { createUseCases } from '../../../src/app';
import { createOversightUseCases } from '../../../src/app/oversight';
import { createBotHost } from '../../../src/adapters/http/botHost';
import { createServer, type HttpServer } from '../../../src/adapters/http/server';
import { tabRoutes } from '../../../src/adapters/http/tab';
import { createCosmosRepositories, type CosmosRepositories } from '../../../src/adapters/cosmos/repositories';
import { openStore, type CosmosStore } from '../../../src/adapters/cosmos/store';
import type { AccessRecord, AuditRecord } from '../../../src/domain/audit';
import { summarize } from '../../../src/domain/compliance';
import type { CpdDraft } from '../../../src/domain/cpdDraft';
import type { Agreement, Instant, OrganisationSettings, Person, Session } from '../../../src/domain/model';
import { ok } from '../../../src/domain/result';
import { captureLog } from '../../support/captureLog';
import { FixedClock, RecordingNotifier, SequentialIds } from '../../fakes/ports';
import { activeAgreement, heldSession } from '../../fakes/records';
import { must, note, removeDir, tempDataDir } from '../cosmos/support';

const A = 'tenant-a';
const B = 'tenant-b';
const NOW: Instant = '2026-03-02T10:00:00.000Z';
const NOTE_TEXT = 'A home visit where I should have asked sooner';
const RATING_COMMENT = 'A rating comment no export may carry';

const person = (id: string, name: string, roles: Person['roles'], extra: Partial<Person> = {}): Person => ({
  id,
  tenantId: A,
  email: `${id}@northshire.example`,
  name,
  roles,
  aadObjectId: `aad-${id}`,
  ...extra,
});

const PEOPLE = {
  psw: person('psw', 'Priya Shah', ['psw']),
  admin: person('admin', 'Alex Adams', ['admin']),
  sup1: person('sup1', 'Sam Okafor', ['supervisor'], { team: 'North' }),
  sup2: person('sup2', 'Jo Reed', ['supervisor'], { team: 'South' }),
  nia: person('nia', 'Nia Quinn', ['supervisee'], { nqsw: true, team: 'North' }),
  ana: person('ana', 'Ana Lopes', ['supervisee'], { team: '=HYPERLINK("http://evil.example")' }),
  ben: person('ben', 'Ben Carter', ['supervisee'], { team: 'South' }),
  other: { ...person('other', 'Zed Other', ['admin', 'psw']), tenantId: B },
} as const;
type Who = keyof typeof PEOPLE;

const settings = (tenantId: string, pswIds: string[], adminIds: string[]): OrganisationSettings => ({
  tenantId,
  name: tenantId === A ? 'Northshire Council' : 'Elsewhere Trust',
  zone: 'Europe/London',
  pswIds,
  adminIds,
  reminderLeadDays: 2,
  escalationGraceDays: 3,
  quietHours: { start: '19:00', end: '08:00' },
});

describe('adapters/http tab: evidence exports, audit log and retention, per role', function () {
  this.timeout(60_000);
  let dir: string;
  let store: CosmosStore;
  let repos: CosmosRepositories;
  let server: HttpServer;
  let url: string;
  const tokens = new Map<Who, string>();
  let logs: ReturnType<typeof captureLog>;

  before(async () => {
    dir = await tempDataDir('tab-oversight');
    store = must(await openStore({ kind: 'embedded', dataDir: dir, saveDebounceMs: 60_000, saveMaxDelayMs: 60_000 }));
    repos = createCosmosRepositories(store.database);
    for (const p of Object.values(PEOPLE)) must(await repos.people.create(p));
    const orgA = settings(A, ['psw'], ['admin']);
    must(await repos.organisations.save(orgA));
    must(await repos.organisations.save(settings(B, ['other'], ['other'])));

    const save = async (a: Agreement, sessions: Session[]) => {
      for (const s of sessions) must(await repos.sessions.create(s));
      must(await repos.agreements.create({ ...a, summary: summarize({ agreement: a, sessions, settings: orgA, now: NOW }) }));
    };
    const held = (a: Agreement, n: number, start: Instant, minutes: number, extra: Partial<Session> = {}) =>
      heldSession(start, minutes, { id: `${a.id}-s${n}`, tenantId: A, agreementId: a.id, supervisorId: a.supervisorId, superviseeId: a.superviseeId, ...extra });
    // Nia: NQSW from Mon 2 Feb 2026 with Sam. Weeks 1 and 2 met (the second session rated), week 3 missed,
    // week 4 (23 Feb - 1 Mar) missed too: its only session lasted 60 minutes.
    const nia = activeAgreement({ id: 'agr-nia', tenantId: A, superviseeId: 'nia', supervisorId: 'sup1', employmentStart: '2026-02-02', agreementStart: '2026-02-02', supervisorHistory: [{ supervisorId: 'sup1', from: '2026-02-02' }] });
    await save(nia, [
      held(nia, 1, '2026-02-03T10:00:00.000Z', 90),
      held(nia, 2, '2026-02-10T14:30:00.000Z', 95, { rating: { score: 4, comment: RATING_COMMENT, ratedAt: '2026-02-10T17:00:00.000Z' } }),
      held(nia, 3, '2026-02-24T10:00:00.000Z', 60),
    ]);
    const ana = activeAgreement({ id: 'agr-ana', tenantId: A, superviseeId: 'ana', supervisorId: 'sup1', nqsw: false, employmentStart: '2025-12-01', agreementStart: '2025-12-01', supervisorHistory: [{ supervisorId: 'sup1', from: '2025-12-01' }] });
    await save(ana, [held(ana, 1, '2026-01-12T10:00:00.000Z', 90)]);
    const ben = activeAgreement({ id: 'agr-ben', tenantId: A, superviseeId: 'ben', supervisorId: 'sup2', nqsw: false, employmentStart: '2026-01-05', agreementStart: '2026-01-05', supervisorHistory: [{ supervisorId: 'sup2', from: '2026-01-05' }] });
    await save(ben, []);
    // Nia's note, shared with Sam on 9 Feb; her next session with him was on 10 Feb.
    must(await repos.notes.create(note(A, 'note-nia', 'nia', { whatHappened: NOTE_TEXT, whatILearned: 'Ask about the children first', whatNext: 'Plan visits with a checklist', howIFelt: 'Unsettled', cpdTag: 'Safeguarding', visibility: 'shared', sharedWithId: 'sup1', createdAt: '2026-02-09T18:00:00.000Z', updatedAt: '2026-02-09T18:00:00.000Z' })));
    must(await repos.notes.create(note(A, 'note-ben', 'ben', { createdAt: '2026-02-20T18:00:00.000Z' })));

    const deps = { ...repos, notifier: new RecordingNotifier(), clock: new FixedClock(NOW), ids: new SequentialIds('oversight') };
    logs = captureLog('debug');
    // Each request in a minute of its own: the tests make more exports than a person may in one minute.
    let offsetMs = 0;
    server = createServer({
      config: { port: 0, host: '127.0.0.1' },
      botHost: createBotHost({ mode: 'local' }, logs.log),
      bot: new ActivityHandler(),
      health: { check: async () => ok({ latencyMs: 1 }) },
      log: logs.log,
      extraRoutes: tabRoutes({ config: { bot: { mode: 'local' }, host: '127.0.0.1' }, useCases: { ...createUseCases(deps), ...createOversightUseCases(deps) }, directory: repos, log: logs.log, nowMs: () => Date.now() + (offsetMs += 61_000) }),
    });
    ({ url } = await server.listen());
    for (const [who, p] of Object.entries(PEOPLE) as [Who, Person][]) {
      const res = await fetch(`${url}/tab/api/local/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenantId: p.tenantId, aadObjectId: p.aadObjectId }) });
      assert.equal(res.status, 200);
      tokens.set(who, ((await res.json()) as { token: string }).token);
    }
  });

  after(async () => {
    await server?.close();
    await store?.close();
    if (dir !== undefined) await removeDir(dir);
  });

  const get = (who: Who | null, path: string) => fetch(`${url}${path}`, { headers: who === null ? {} : { authorization: `Bearer ${tokens.get(who)}` } });
  const put = (who: Who, path: string, body: unknown) =>
    fetch(`${url}${path}`, { method: 'PUT', headers: { authorization: `Bearer ${tokens.get(who)}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const auditOf = async (tenantId = A): Promise<readonly AuditRecord[]> => must(await repos.audit.list(tenantId, { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z', max: 1000 }));
  /** The access records written while `run` ran. */
  const written = async (run: () => Promise<void>): Promise<AccessRecord[]> => {
    const before = new Set((await auditOf()).map((r) => r.id));
    await run();
    return (await auditOf()).filter((r): r is AccessRecord => !before.has(r.id) && r.kind === 'access');
  };
  const csvRows = (text: string) => parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
  const refused = async (who: Who, path: string, status = 403) => {
    const records = await written(async () => {
      const res = await get(who, path);
      assert.equal(res.status, status, `${who} ${path}`);
      const body = (await res.json()) as { code: string; message: string };
      assert.ok(body.message.length > 0);
    });
    assert.deepEqual(records, [], 'a refused request leaves no access record');
  };

  describe('health check (per team per month)', () => {
    it('the PSW downloads the CSV: UTF-8 with BOM, CRLF, formulas neutralised; the export is audited with whose data it holds', async () => {
      let text = '';
      const records = await written(async () => {
        const res = await get('psw', '/tab/api/health-check?fromMonth=2026-01&toMonth=2026-02');
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
        assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="supervision-health-check_northshire-council_2026-01_to_2026-02\.csv"/);
        text = Buffer.from(await res.arrayBuffer()).toString('utf8');
      });
      assert.ok(text.startsWith('\uFEFF'));
      assert.ok(text.includes('\r\n') && !/[^\r]\n/.test(text));
      const rows = csvRows(text);
      assert.equal(rows[0][0], 'Month');
      const north = rows.find((r) => r[0] === '2026-02' && r[1] === 'North');
      // Nia in February: weeks 1-2 met, week 3 missed; week 4 ends 1 March. Three sessions, one short, one rated 4; 1.5 hours uninterrupted: yes.
      assert.deepEqual(north?.slice(2), ['3', '2', '1', '0', '67', '3', '1', '1', '4', '1', '1', '100']);
      assert.ok(rows.some((r) => r[1] === `'=HYPERLINK("http://evil.example")`), 'a team name that is a formula is neutralised');
      assert.ok(!text.includes(RATING_COMMENT));
      assert.equal(records.length, 1);
      assert.deepEqual([records[0].action, records[0].actorId, records[0].subjectIds, records[0].detail.format], ['health-check.export', 'psw', ['ana', 'ben', 'nia'], 'csv']);
    });

    it('the admin gets the printable page, self-contained, escaped, with a policy that runs no script', async () => {
      const res = await get('admin', '/tab/api/health-check?fromMonth=2026-02&toMonth=2026-02&format=html');
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      const html = await res.text();
      assert.match(html, /<h1>Supervision health check: Northshire Council<\/h1>/);
      assert.match(html, /@media print/);
      assert.ok(html.includes('=HYPERLINK(&quot;http://evil.example&quot;)'));
      assert.ok(!html.includes('<script'));
    });

    it('supervisors and supervisees may not; a bad month is a clear 400', async () => {
      await refused('sup1', '/tab/api/health-check');
      await refused('nia', '/tab/api/health-check');
      const bad = await get('psw', '/tab/api/health-check?fromMonth=2026-13');
      assert.equal(bad.status, 400);
      assert.equal(((await bad.json()) as { field: string }).field, 'fromMonth');
    });
  });

  describe('ASYE supervision log', () => {
    it('the NQSW downloads her own: every session, the periods met and missed; recorded as an export', async () => {
      let text = '';
      const records = await written(async () => {
        const res = await get('nia', '/tab/api/asye-log');
        assert.equal(res.status, 200);
        text = await res.text();
      });
      const rows = csvRows(text);
      assert.deepEqual(rows[0].slice(0, 9), ['Record', 'Agreement', 'Date', 'Start', 'Minutes', 'Uninterrupted', 'Qualifying (90+ minutes, uninterrupted)', 'Supervisor', 'Rating (1-5)']);
      const sessions = rows.filter((r) => r[0] === 'Session').map((r) => r.slice(2, 9));
      assert.deepEqual(sessions, [
        ['2026-02-03', '10:00', '90', 'yes', 'yes', 'Sam Okafor', ''],
        ['2026-02-10', '14:30', '95', 'yes', 'yes', 'Sam Okafor', '4'],
        ['2026-02-24', '10:00', '60', 'yes', 'no', 'Sam Okafor', ''],
      ]);
      const periods = rows.filter((r) => r[0] === 'Period').map((r) => r.slice(2, 7));
      assert.deepEqual(periods, [
        ['2026-02-02', '2026-02-08', 'weekly', 'Met', '2026-02-03'],
        ['2026-02-09', '2026-02-15', 'weekly', 'Met', '2026-02-10'],
        ['2026-02-16', '2026-02-22', 'weekly', 'Missed', ''],
        ['2026-02-23', '2026-03-01', 'weekly', 'Missed', ''],
        ['2026-03-02', '2026-03-08', 'weekly', 'In progress', ''],
      ]);
      assert.ok(!text.includes(RATING_COMMENT));
      assert.deepEqual(records.map((r) => [r.action, r.actorId, r.subjectIds]), [['asye-log.export', 'nia', []]]);
    });

    it('her supervisor and the PSW download it (audited with her as the subject); another supervisor may not', async () => {
      const records = await written(async () => {
        assert.equal((await get('sup1', '/tab/api/asye-log?personId=nia')).status, 200);
        const page = await get('psw', '/tab/api/asye-log?personId=nia&format=html');
        assert.equal(page.status, 200);
        const html = await page.text();
        assert.match(html, /ASYE supervision log: Nia Quinn/);
        assert.match(html, /2 met, 2 missed, 0 excused, 1 in progress/);
      });
      assert.deepEqual(records.map((r) => [r.action, r.actorId, r.subjectIds, r.detail.format]).sort(), [
        ['asye-log.export', 'psw', ['nia'], 'html'],
        ['asye-log.export', 'sup1', ['nia'], 'csv'],
      ]);
      await refused('sup2', '/tab/api/asye-log?personId=nia');
      await refused('ben', '/tab/api/asye-log?personId=nia');
      // Someone of another tenant cannot name a person of this one.
      await refused('other', '/tab/api/asye-log?personId=nia');
    });

    it('someone with no early-career agreement: 404 for those who may see them', async () => {
      const res = await get('psw', '/tab/api/asye-log?personId=ben');
      assert.equal(res.status, 404);
      assert.match(((await res.json()) as { message: string }).message, /Ben Carter has no early-career/);
    });
  });

  describe('CPD draft from a reflective note', () => {
    it('for its author: the fields Social Work England asks for, supervision as peer reflection; recorded', async () => {
      let draft: CpdDraft | undefined;
      const records = await written(async () => {
        const res = await get('nia', '/tab/api/cpd-draft?noteId=note-nia');
        assert.equal(res.status, 200);
        draft = (await res.json()) as CpdDraft;
      });
      assert.ok(draft);
      assert.equal(draft.title, 'Reflection on practice: Safeguarding');
      assert.equal(draft.date, '2026-02-09');
      assert.match(draft.descriptionAndRelevance, new RegExp(NOTE_TEXT));
      assert.equal(draft.whatWasLearnt, 'Ask about the children first');
      assert.equal(draft.impactOnPractice, 'Plan visits with a checklist');
      assert.match(draft.peerReflection, /^Supervision with Sam Okafor on 10 February 2026 \(supervision counts as peer reflection\)/);
      assert.ok(!draft.text.includes('Unsettled'), '"How I felt" stays out');
      assert.match(draft.text, /^Title\nReflection on practice: Safeguarding\n\nType of CPD\n/);
      assert.deepEqual(records.map((r) => [r.action, r.actorId, r.subjectIds, r.detail.recordId]), [['cpd-draft.export', 'nia', [], 'note-nia']]);
      assert.ok(!JSON.stringify(records).includes(NOTE_TEXT));
    });

    it('nobody else: not the supervisor it was shared with, not the PSW, not an admin', async () => {
      for (const who of ['sup1', 'psw', 'admin', 'ben'] as const) await refused(who, '/tab/api/cpd-draft?noteId=note-nia', 404);
    });

    it('her own notes are listed for her to choose from, and nobody else\'s', async () => {
      const res = await get('nia', '/tab/api/notes');
      assert.equal(res.status, 200);
      const body = (await res.json()) as { notes: { noteId: string }[] };
      assert.deepEqual(body.notes.map((n) => n.noteId), ['note-nia']);
    });
  });

  describe('subject access export', () => {
    it('an admin downloads the export-person document of someone in their organisation; recorded', async () => {
      let doc: { format: string; person: { id: string }; reflectiveNotes: { id: string }[] } | undefined;
      const records = await written(async () => {
        const res = await get('admin', '/tab/api/subject-access?email=NIA@northshire.example');
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-disposition') ?? '', /filename="subject-access_nia-quinn_2026-03-02\.json"/);
        doc = (await res.json()) as typeof doc;
      });
      assert.equal(doc?.format, 'supervision-bot/subject-access-export');
      assert.equal(doc?.person.id, 'nia');
      assert.deepEqual(doc?.reflectiveNotes.map((n) => n.id), ['note-nia']);
      assert.deepEqual(records.map((r) => [r.action, r.actorId, r.subjectIds, r.detail.format]), [['subject-access.export', 'admin', ['nia'], 'json']]);
    });

    it('only admins, and only in their own tenant', async () => {
      await refused('psw', '/tab/api/subject-access?email=nia@northshire.example');
      await refused('sup1', '/tab/api/subject-access?email=nia@northshire.example');
      await refused('other', '/tab/api/subject-access?email=nia@northshire.example', 404);
    });
  });

  describe('reads of another person\'s data', () => {
    it('a supervisor viewing compliance is recorded with the supervisees shown; a supervisee viewing only their own is not', async () => {
      const bySupervisor = await written(async () => assert.equal((await get('sup1', '/tab/api/compliance')).status, 200));
      assert.deepEqual(bySupervisor.map((r) => [r.action, r.actorId, r.subjectIds, r.detail.count]), [['compliance.read', 'sup1', ['ana', 'nia'], 2]]);
      const bySupervisee = await written(async () => assert.equal((await get('ben', '/tab/api/compliance')).status, 200));
      assert.deepEqual(bySupervisee, []);
    });

    it('the compliance CSV export is recorded', async () => {
      const records = await written(async () => assert.equal((await get('psw', '/tab/api/compliance.csv')).status, 200));
      assert.deepEqual(records.map((r) => [r.action, r.subjectIds, r.detail.format]), [['compliance.export', ['ana', 'ben', 'nia'], 'csv']]);
    });
  });

  describe('the audit log', () => {
    it('the PSW reads it: who did what to whose data and when, never content; the read is itself recorded', async () => {
      let view: { lines: { action: string; actor: { name: string }; subjects: { name: string }[] }[] } = { lines: [] };
      const records = await written(async () => {
        const res = await get('psw', '/tab/api/audit?from=2026-03-01&to=2026-03-02');
        assert.equal(res.status, 200);
        view = (await res.json()) as typeof view;
      });
      const asye = view.lines.find((l) => l.action === 'asye-log.export' && l.actor.name === 'Sam Okafor');
      assert.deepEqual(asye?.subjects.map((s) => s.name), ['Nia Quinn']);
      assert.ok(view.lines.some((l) => l.action === 'subject-access.export' && l.actor.name === 'Alex Adams'));
      const text = JSON.stringify(view);
      assert.ok(!text.includes(NOTE_TEXT) && !text.includes(RATING_COMMENT));
      assert.deepEqual(records.map((r) => `${r.action} ${r.actorId}`), ['audit-log.read psw']);
    });

    it('an admin exports it as CSV (recorded); supervisors and supervisees may not read it', async () => {
      const records = await written(async () => {
        const res = await get('admin', '/tab/api/audit.csv?from=2026-03-02&to=2026-03-02');
        assert.equal(res.status, 200);
        const rows = csvRows(await res.text());
        assert.equal(rows[0][0], 'When (UTC)');
        assert.ok(rows.some((r) => r[4] === 'health-check.export' && r[1] === 'Priya Shah'));
      });
      assert.deepEqual(records.map((r) => r.action), ['audit-log.export']);
      await refused('sup1', '/tab/api/audit');
      await refused('nia', '/tab/api/audit.csv');
    });

    it('another tenant\'s PSW sees none of this tenant\'s records', async () => {
      const res = await get('other', '/tab/api/audit');
      assert.equal(res.status, 200);
      const view = (await res.json()) as { lines: { actor: { id: string } }[] };
      assert.ok(view.lines.every((l) => l.actor.id === 'other'));
    });
  });

  describe('retention settings', () => {
    it('an admin changes the years and places a legal hold; the PSW may see but not change; others may not see', async () => {
      const before = await get('admin', '/tab/api/retention');
      assert.equal(before.status, 200);
      assert.deepEqual(((await before.json()) as { kinds: { years: number }[] }).kinds.map((k) => k.years), [6, 6, 6]);
      const changed = await put('admin', '/tab/api/retention', { years: { concerns: 7 }, placeHold: 'ben', actor: 'psw' });
      assert.equal(changed.status, 200, await changed.clone().text());
      const view = (await changed.json()) as { kinds: { kind: string; years: number }[]; holds: { person: { name: string }; placedBy: { name: string } }[] };
      assert.deepEqual(view.kinds.map((k) => `${k.kind} ${k.years}`), ['supervision 6', 'notes 6', 'concerns 7']);
      assert.deepEqual(view.holds.map((h) => `${h.person.name} by ${h.placedBy.name}`), ['Ben Carter by Alex Adams']);
      const stored = must(await repos.organisations.get(A))?.value.retention;
      assert.deepEqual(stored, { years: { supervision: 6, notes: 6, concerns: 7 }, holds: [{ personId: 'ben', placedOn: '2026-03-02', placedById: 'admin' }] });

      assert.equal((await get('psw', '/tab/api/retention')).status, 200);
      const byPsw = await put('psw', '/tab/api/retention', { years: { concerns: 1 } });
      assert.equal(byPsw.status, 403);
      await refused('sup1', '/tab/api/retention');
      const bad = await put('admin', '/tab/api/retention', { years: { notes: 0 } });
      assert.equal(bad.status, 400);
      assert.equal(((await bad.json()) as { field: string }).field, 'years.notes');
    });
  });

  describe('the tab by role: figures by team and experience, one agreement', () => {
    type Group = { label: string; required: number; met: number; missed: number; excused: number; frequencyMet: number | null; sessionsHeld: number; short: number; rated: number; averageQuality: number | null };
    type Teams = { byTeam: Group[]; byExperience: Group[]; trend: (Group & { month: string })[]; teams: string[]; supervisors: { id: string; name: string }[] };
    const figures = (g: Group) => [g.required, g.met, g.missed, g.excused, g.frequencyMet, g.sessionsHeld, g.short, g.rated, g.averageQuality];

    it('the PSW sees each team and NQSW apart from experienced over twelve months, computed by hand; audited with whose data', async () => {
      let view: Teams | undefined;
      const records = await written(async () => {
        const res = await get('psw', '/tab/api/teams');
        assert.equal(res.status, 200);
        view = (await res.json()) as Teams;
      });
      assert.ok(view);
      const by = (groups: Group[], label: string) => figures(groups.find((g) => g.label === label) as Group);
      // Nia (North, NQSW): weeks to 8 and 15 Feb met, to 22 Feb and 1 Mar missed; 3 sessions, one of 60 minutes, one rated 4.
      assert.deepEqual(by(view.byTeam, 'North'), [4, 2, 2, 0, 50, 3, 1, 1, 4]);
      // Ben (South, experienced, monthly from 5 Jan): the month to 4 Feb missed.
      assert.deepEqual(by(view.byTeam, 'South'), [1, 0, 1, 0, 0, 0, 0, 0, null]);
      // Ana (experienced, monthly from 1 Dec): December missed, January met (12 Jan), February missed.
      assert.deepEqual(by(view.byTeam, '=HYPERLINK("http://evil.example")'), [3, 1, 2, 0, 33, 1, 0, 0, null]);
      assert.deepEqual(by(view.byTeam, 'All teams'), [8, 3, 5, 0, 38, 4, 1, 1, 4]);
      assert.deepEqual(by(view.byExperience, 'NQSW (newly qualified)'), [4, 2, 2, 0, 50, 3, 1, 1, 4]);
      assert.deepEqual(by(view.byExperience, 'Experienced'), [4, 1, 3, 0, 25, 1, 0, 0, null]);
      assert.equal(view.trend.length, 12);
      assert.equal(view.trend[0].month, '2025-04');
      // February: Nia's weeks to 8, 15 and 22 Feb (2 met), Ana's February and Ben's month to 4 Feb (missed).
      assert.deepEqual(figures(view.trend.find((m) => m.month === '2026-02') as Group), [5, 2, 3, 0, 40, 3, 1, 1, 4]);
      assert.deepEqual(view.supervisors.map((p) => p.name), ['Jo Reed', 'Sam Okafor']);
      assert.equal(records.length, 1);
      assert.deepEqual([records[0].action, records[0].actorId, [...records[0].subjectIds].sort()], ['compliance.read', 'psw', ['ana', 'ben', 'nia']]);
    });

    it('filters by team and by supervisor, and the audit names only whose data was read', async () => {
      let view: Teams | undefined;
      const records = await written(async () => {
        view = (await (await get('admin', '/tab/api/teams?team=South')).json()) as Teams;
      });
      assert.deepEqual(view?.byTeam.map((g) => g.label), ['South', 'All teams']);
      assert.deepEqual(records.map((r) => r.subjectIds), [['ben']]);
      const bySam = (await (await get('psw', '/tab/api/teams?supervisorId=sup1')).json()) as Teams;
      assert.deepEqual(bySam.byTeam.map((g) => g.label), ['=HYPERLINK("http://evil.example")', 'North', 'All teams']);
      const bad = await get('psw', '/tab/api/teams?team=Nowhere');
      assert.equal(bad.status, 400);
      assert.equal(((await bad.json()) as { field: string }).field, 'team');
    });

    it('supervisors and supervisees may not see the figures by team', async () => {
      await refused('sup1', '/tab/api/teams');
      await refused('nia', '/tab/api/teams');
    });

    it('one agreement: the supervisee sees her own periods, sessions and ratings (no audit); her supervisor and the PSW read it audited', async () => {
      type Detail = { periods: { start: string; status: string }[]; sessions: { date: string; minutes: number; rating: number | null }[]; totals: { met: number; missed: number } };
      const own = await written(async () => {
        const res = await get('nia', '/tab/api/agreement?agreementId=agr-nia');
        assert.equal(res.status, 200);
        const text = await res.text();
        assert.ok(!text.includes(RATING_COMMENT) && !text.includes(NOTE_TEXT));
        const d = JSON.parse(text) as Detail;
        assert.deepEqual(d.periods.map((p) => `${p.start} ${p.status}`), ['2026-03-02 due', '2026-02-23 missed', '2026-02-16 missed', '2026-02-09 met', '2026-02-02 met']);
        assert.deepEqual(d.sessions.map((x) => `${x.date} ${x.minutes} ${x.rating}`), ['2026-02-24 60 null', '2026-02-10 95 4', '2026-02-03 90 null']);
        assert.deepEqual([d.totals.met, d.totals.missed], [2, 2]);
      });
      assert.deepEqual(own, []);
      for (const who of ['sup1', 'psw'] as const) {
        const records = await written(async () => assert.equal((await get(who, '/tab/api/agreement?agreementId=agr-nia')).status, 200));
        assert.deepEqual(records.map((r) => [r.action, r.actorId, r.subjectIds, r.detail.recordId]), [['compliance.read', who, ['nia'], 'agr-nia']]);
      }
    });

    it("nobody else sees an agreement: another supervisor, another supervisee, another tenant's admin (the same 404 as a missing one)", async () => {
      await refused('sup2', '/tab/api/agreement?agreementId=agr-nia', 404);
      await refused('nia', '/tab/api/agreement?agreementId=agr-ben', 404);
      await refused('other', '/tab/api/agreement?agreementId=agr-nia', 404);
      await refused('psw', '/tab/api/agreement?agreementId=agr-none', 404);
    });
  });

  describe('an ASYE extension, recorded from the drill-down', () => {
    const EXTENSION_NOTE = 'Sickness absence, nine weeks';
    type Detail = { asye: { plannedEnd: string; currentEnd: string; extensions: { recordedOn: string; newEnd: string; reason: string; note: string | null; recordedBy: { name: string } }[] } | null; canRecordAsyeExtension: boolean };
    const post = (who: Who, body: unknown) =>
      fetch(`${url}/tab/api/asye-extension`, { method: 'POST', headers: { authorization: `Bearer ${tokens.get(who)}`, 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const extension = { agreementId: 'agr-nia', newEnd: '2027-04-30', reason: 'absence', note: EXTENSION_NOTE };

    it('the admin records one: the drill-down answers with it; audited with whose agreement, never the note; a second press records nothing more', async () => {
      let view: Detail | undefined;
      const records = await written(async () => {
        const res = await post('admin', { ...extension, recordedById: 'psw' });
        assert.equal(res.status, 200, await res.clone().text());
        view = (await res.json()) as Detail;
      });
      assert.deepEqual(view?.asye, {
        plannedEnd: '2027-02-02',
        currentEnd: '2027-04-30',
        extensions: [{ recordedOn: '2026-03-02', newEnd: '2027-04-30', reason: 'absence', note: EXTENSION_NOTE, recordedBy: { id: 'admin', name: 'Alex Adams' } }],
      });
      assert.equal(view?.canRecordAsyeExtension, true);
      assert.deepEqual(records.map((r) => [r.action, r.actorId, r.subjectIds, r.detail]), [['asye-extension.record', 'admin', ['nia'], { recordId: 'agr-nia' }]]);
      assert.ok(!JSON.stringify(await auditOf()).includes('Sickness absence'), 'the note is not in the audit log');
      assert.ok(!logs.text().includes('Sickness absence'), 'the note is not logged');
      const stored = must(await repos.agreements.get(A, 'agr-nia'))?.value;
      assert.deepEqual(stored?.asyeExtensions, [{ newEnd: '2027-04-30', reason: 'absence', note: EXTENSION_NOTE, recordedById: 'admin', recordedOn: '2026-03-02' }]);

      const again = await written(async () => assert.equal((await post('admin', extension)).status, 200));
      assert.deepEqual(again, []);
      // The supervisee and her supervisor see it in the drill-down; only the PSW and admins may record one.
      for (const who of ['nia', 'sup1'] as const) {
        const d = (await (await get(who, '/tab/api/agreement?agreementId=agr-nia')).json()) as Detail;
        assert.deepEqual([d.asye?.currentEnd, d.canRecordAsyeExtension], ['2027-04-30', false], who);
      }
    });

    it('the supervisor, the supervisee and another tenant may not; the PSW gets clear refusals for an earlier end, an experienced worker, an oversized body', async () => {
      const refusedPost = async (who: Who, body: unknown, status: number, code: string, field?: string) => {
        const records = await written(async () => {
          const res = await post(who, body);
          assert.equal(res.status, status, `${who} ${JSON.stringify(body).slice(0, 80)}`);
          const answer = (await res.json()) as { code: string; message: string; field?: string };
          assert.equal(answer.code, code);
          assert.equal(answer.field, field);
        });
        assert.deepEqual(records, []);
      };
      await refusedPost('sup1', { ...extension, newEnd: '2027-09-30' }, 403, 'NOT_AUTHORIZED');
      await refusedPost('nia', { ...extension, newEnd: '2027-09-30' }, 403, 'NOT_AUTHORIZED');
      await refusedPost('other', { ...extension, newEnd: '2027-09-30' }, 404, 'NOT_FOUND');
      await refusedPost('psw', { ...extension, newEnd: '2027-03-31' }, 400, 'INVALID_DATE', 'newEnd');
      await refusedPost('psw', { ...extension, newEnd: '2027-09-30', reason: 'holiday' }, 400, 'INVALID_INPUT', 'reason');
      await refusedPost('psw', { ...extension, agreementId: 'agr-ana', newEnd: '2027-09-30' }, 400, 'NOT_NQSW');
      const big = await post('psw', { ...extension, newEnd: '2027-09-30', note: 'x'.repeat(3000) });
      assert.equal(big.status, 413);
      assert.deepEqual(must(await repos.agreements.get(A, 'agr-nia'))?.value.asyeExtensions?.map((x) => x.newEnd), ['2027-04-30']);
    });

    it('the ASYE log shows the planned end, the extension with its note, and the current end, in the CSV and the printable page', async () => {
      const rows = csvRows(await (await get('psw', '/tab/api/asye-log?personId=nia')).text());
      assert.deepEqual(rows.find((r) => r[0] === 'ASYE')?.slice(1, 5), ['agr-nia', '2027-02-02', '2027-04-30', '1']);
      assert.deepEqual(rows.find((r) => r[0] === 'Extension')?.slice(1, 7), ['agr-nia', '2026-03-02', '2027-04-30', 'Absence (sickness, parental or other leave)', EXTENSION_NOTE, 'Alex Adams']);
      const html = await (await get('nia', '/tab/api/asye-log?format=html')).text();
      assert.match(html, /<dt>ASYE planned end<\/dt><dd>2 February 2027 \(12 months from employment start\)<\/dd>/);
      assert.match(html, /<dt>ASYE current end<\/dt><dd>30 April 2027<\/dd>/);
      assert.match(html, /<caption>ASYE extensions<\/caption>/);
      assert.match(html, /<td>2 March 2026<\/td><td>30 April 2027<\/td><td>Absence \(sickness, parental or other leave\)<\/td><td>Sickness absence, nine weeks<\/td><td>Alex Adams<\/td>/);
    });
  });

  it('without a sign-in every new route is 401', async () => {
    assert.equal((await fetch(`${url}/tab/api/asye-extension`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status, 401);
    for (const path of ['/tab/api/health-check', '/tab/api/asye-log', '/tab/api/cpd-draft?noteId=note-nia', '/tab/api/subject-access?email=a@b.c', '/tab/api/audit', '/tab/api/audit.csv', '/tab/api/retention', '/tab/api/notes', '/tab/api/teams', '/tab/api/agreement?agreementId=agr-nia']) {
      assert.equal((await get(null, path)).status, 401, path);
    }
  });
});
