/**
 * `export-person` as a separate process against the embedded store in a temp data folder: the
 * document on stdout or in a private file, what never goes in it or on stderr, tenant isolation,
 * an unknown email, and bad arguments.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SubjectAccessDocument } from '../../../src/app/exportSubjectAccess';
import { createCosmosRepositories, type CosmosRepositories } from '../../../src/adapters/cosmos/repositories';
import { cli } from './support';
import { openStore } from '../../../src/adapters/cosmos/store';
import { agreement, concern, conversation, must, note, organisation, person, session } from '../cosmos/support';

const A = 'tenant-sar-a';
const B = 'tenant-sar-b';

const NIA_PRIVATE = 'I froze when the father raised his voice at the door';
const NIA_SHARED = 'I would like help planning the court statement';
const NIA_CONCERN = 'Thirty-one children on my caseload and no cover';
const NIA_RESOLUTION = 'Cases moved to the duty team';
const OLA_CONCERN = 'Ola reports being shouted at by a manager in the office';
const OLA_PRIVATE = 'Ola private reflection about a bereavement';
const NIA_IN_B = 'Written in the other organisation';


/**
 * Tenant A: Nia (supervisee) supervised by Sam; Ola supervised by Sam too. Nia and Ola each wrote a
 * note and raised a concern that Sam handles. Tenant B: another Nia, same email.
 */
async function seed(repos: CosmosRepositories): Promise<void> {
  must(await repos.organisations.save(organisation(A, { name: 'Northmoor Council' })));
  must(await repos.organisations.save(organisation(B, { name: 'Southfield Trust' })));
  must(await repos.people.create(person(A, 'p-nia', { email: 'nia.evans@northmoor.example', name: 'Nia Evans', aadObjectId: 'aad-nia', nqsw: true })));
  must(await repos.people.create(person(A, 'p-sam', { email: 'sam.okafor@northmoor.example', name: 'Sam Okafor', roles: ['supervisor'] })));
  must(await repos.people.create(person(A, 'p-ola', { email: 'ola.ade@northmoor.example', name: 'Ola Ade' })));
  must(await repos.people.create(person(B, 'p-nia-b', { email: 'nia.evans@northmoor.example', name: 'Nia Evans (B)' })));
  must(await repos.conversations.upsert(conversation(A, 'aad-nia')));

  must(await repos.agreements.create(agreement(A, 'agr-nia', { superviseeId: 'p-nia', supervisorId: 'p-sam', supervisorHistory: [{ supervisorId: 'p-sam', from: '2025-09-01' }] })));
  must(await repos.agreements.create(agreement(A, 'agr-ola', { superviseeId: 'p-ola', supervisorId: 'p-sam', supervisorHistory: [{ supervisorId: 'p-sam', from: '2025-09-01' }] })));
  must(await repos.sessions.create(session(A, 'ses-nia-1', 'agr-nia', {
    superviseeId: 'p-nia',
    supervisorId: 'p-sam',
    status: 'held',
    start: '2026-03-10T10:00:00.000Z',
    minutes: 90,
    uninterrupted: true,
    agenda: ['Court statement'],
    actions: [{ text: 'Book the court room', ownerId: 'p-nia', dueDate: '2026-03-17' }],
    rating: { score: 4, comment: 'Sam made time for me', ratedAt: '2026-03-11T09:00:00.000Z' },
  })));
  must(await repos.sessions.create(session(A, 'ses-ola-1', 'agr-ola', { superviseeId: 'p-ola', supervisorId: 'p-sam', agenda: ['Ola agenda item'] })));

  must(await repos.notes.create(note(A, 'note-nia-1', 'p-nia', { whatHappened: NIA_PRIVATE })));
  must(await repos.notes.create(note(A, 'note-nia-2', 'p-nia', { whatHappened: NIA_SHARED, visibility: 'shared', sharedWithId: 'p-sam' })));
  must(await repos.notes.create(note(A, 'note-ola-1', 'p-ola', { whatHappened: OLA_PRIVATE })));
  must(await repos.notes.create(note(B, 'note-nia-b', 'p-nia-b', { whatHappened: NIA_IN_B })));

  must(await repos.concerns.create(concern(A, 'con-nia', 'p-nia', {
    description: NIA_CONCERN,
    route: 'supervisor',
    handlerId: 'p-sam',
    status: 'resolved',
    resolution: NIA_RESOLUTION,
    history: [
      { at: '2026-03-02T09:00:00.000Z', byId: 'p-nia', status: 'raised' },
      { at: '2026-03-04T09:00:00.000Z', byId: 'p-sam', status: 'resolved' },
    ],
  })));
  must(await repos.concerns.create(concern(A, 'con-ola', 'p-ola', { category: 'bullying', description: OLA_CONCERN, route: 'supervisor', handlerId: 'p-sam' })));
}

describe('export-person CLI (separate process, embedded store)', function () {
  this.timeout(60_000);
  let dir: string;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-export-person-'));
    const store = must(await openStore({ kind: 'embedded', dataDir: path.join(dir, 'data') }));
    try {
      await seed(createCosmosRepositories(store.database));
    } finally {
      must(await store.close());
    }
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes a supervisee\'s export to a file only its owner can read, replacing the old one atomically, with counts only on stderr', async () => {
    const outDir = await fs.mkdtemp(path.join(dir, 'out-'));
    const file = path.join(outDir, 'nia.json');
    await fs.writeFile(file, 'an older export', { mode: 0o644 });

    const run = await cli(['export-person', '--tenant', A, '--email', 'Nia.Evans@NORTHMOOR.example', '--out', file], path.join(dir, 'data'));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.equal(
      run.stderr,
      `export-person: exported person p-nia of tenant ${A} to ${file}: 1 agreement, 1 session, 2 reflective notes, 1 concern raised, 0 concerns handled\n`,
    );
    if (process.platform !== 'win32') assert.equal((await fs.stat(file)).mode & 0o777, 0o600);
    assert.deepEqual(await fs.readdir(outDir), ['nia.json'], 'no temp file left behind');

    const d = JSON.parse(await fs.readFile(file, 'utf8')) as SubjectAccessDocument;
    assert.equal(d.schemaVersion, 1);
    assert.ok(!Number.isNaN(Date.parse(d.generatedAt)));
    assert.deepEqual(d.organisation, { tenantId: A, name: 'Northmoor Council' });
    assert.equal(d.person.id, 'p-nia');
    assert.equal(d.teamsConversation?.installed, true);
    assert.deepEqual(d.reflectiveNotes.map((n) => [n.visibility, n.whatHappened]), [['private', NIA_PRIVATE], ['shared', NIA_SHARED]]);
    assert.deepEqual(d.concernsRaised.map((c) => [c.description, c.resolution, c.history.length]), [[NIA_CONCERN, NIA_RESOLUTION, 2]]);
    assert.deepEqual(d.sessions.map((s) => [s.id, s.agenda, s.actions[0]?.text, s.rating?.comment]), [['ses-nia-1', ['Court statement'], 'Book the court room', 'Sam made time for me']]);
    assert.deepEqual(d.people, [{ id: 'p-sam', name: 'Sam Okafor' }]);

    const text = JSON.stringify(d);
    for (const other of [OLA_CONCERN, OLA_PRIVATE, 'Ola agenda item', NIA_IN_B]) assert.ok(!text.includes(other), `"${other}" is not Nia's`);
    for (const secret of [NIA_PRIVATE, NIA_SHARED, NIA_CONCERN, NIA_RESOLUTION, 'Court statement']) assert.ok(!run.stderr.includes(secret));
  });

  it('exports a supervisor to stdout while the bot holds the store: a concern they handle as metadata, no one else\'s text', async () => {
    const bot = must(await openStore({ kind: 'embedded', dataDir: path.join(dir, 'data'), lifetime: 'service' }));
    let run: Awaited<ReturnType<typeof cli>>;
    try {
      run = await cli(['export-person', '--tenant', A, '--email', 'sam.okafor@northmoor.example'], path.join(dir, 'data'));
    } finally {
      must(await bot.close());
    }
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stderr,
      `export-person: exported person p-sam of tenant ${A} to stdout: 2 agreements, 2 sessions, 0 reflective notes, 0 concerns raised, 2 concerns handled\n`,
    );
    const d = JSON.parse(run.stdout) as SubjectAccessDocument;
    assert.deepEqual(d.agreements.map((a) => [a.id, a.rolesInAgreement]), [['agr-nia', ['supervisor']], ['agr-ola', ['supervisor']]]);
    const T0 = '2026-03-02T09:00:00.000Z';
    assert.deepEqual(d.concernsHandled, [
      { id: 'con-nia', category: 'workload', status: 'resolved', raisedAt: T0, updatedAt: T0, resolvedAt: '2026-03-04T09:00:00.000Z' },
      { id: 'con-ola', category: 'bullying', status: 'raised', raisedAt: T0, updatedAt: T0 },
    ]);
    assert.ok(d.notes.some((n) => n.startsWith('concernsHandled:')));
    const text = run.stdout;
    for (const third of [OLA_CONCERN, NIA_CONCERN, NIA_RESOLUTION, NIA_PRIVATE, NIA_SHARED, OLA_PRIVATE]) {
      assert.ok(!text.includes(third), `"${third}" is another person's data`);
    }
  });

  it('never finds a person in another tenant: the same email in tenant B gives B\'s data only, and an unknown one exits 2', async () => {
    const inB = await cli(['export-person', `--tenant=${B}`, '--email=nia.evans@northmoor.example'], path.join(dir, 'data'));
    assert.equal(inB.code, 0, inB.stderr);
    const d = JSON.parse(inB.stdout) as SubjectAccessDocument;
    assert.deepEqual([d.person.id, d.organisation.name], ['p-nia-b', 'Southfield Trust']);
    assert.deepEqual(d.reflectiveNotes.map((n) => n.whatHappened), [NIA_IN_B]);
    for (const fromA of [NIA_PRIVATE, NIA_SHARED, NIA_CONCERN, 'agr-nia', A]) assert.ok(!inB.stdout.includes(fromA), `"${fromA}" is tenant A's`);

    const file = path.join(dir, 'sam-in-b.json');
    const unknown = await cli(['export-person', '--tenant', B, '--email', 'sam.okafor@northmoor.example', '--out', file], path.join(dir, 'data'));
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stdout, '');
    assert.equal(unknown.stderr, `export-person: No one with the email sam.okafor@northmoor.example is on record in tenant ${B}.\n`);
    await assert.rejects(fs.stat(file), { code: 'ENOENT' });
  });

  it('refuses bad arguments with the reason and the usage, touching nothing', async () => {
    const missing = await cli(['export-person', '--tenant', A], path.join(dir, 'data'));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^export-person: --email <address> is required/);
    assert.match(missing.stderr, /usage: npm run --silent cli -- export-person --tenant <tenant id> --email <address>/);

    const unknownOption = await cli(['export-person', '--tenant', A, '--email', 'a@b.example', '--format', 'csv'], path.join(dir, 'data'));
    assert.equal(unknownOption.code, 1);
    assert.match(unknownOption.stderr, /^export-person: unknown option --format/);

    const noFolder = await cli(['export-person', '--tenant', A, '--email', 'nia.evans@northmoor.example', '--out', path.join(dir, 'no-such-folder', 'x.json')], path.join(dir, 'data'));
    assert.equal(noFolder.code, 1);
    assert.match(noFolder.stderr, /cannot write .*x\.json: the folder .*no-such-folder does not exist/);
    assert.equal(noFolder.stdout, '');

    const help = await cli(['help'], path.join(dir, 'data'));
    assert.match(help.stderr, /export-person --tenant <id> --email <address> \[--out <file\.json>\]/);
  });
});
