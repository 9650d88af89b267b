import assert from 'node:assert/strict';
import { defaultAgreementStart, importStaff } from '../../src/app/importStaff';
import type { Agreement, Person } from '../../src/domain/model';
import { emptyPorts } from '../fakes/ports';
import { NEW_ORGANISATION_ISSUE9_SETTINGS } from '../fakes/records';

const NOW = '2026-03-20T10:00:00.000Z'; // a Friday, GMT
const T = 'tenant-a';
const D = '@northmoor-council.example';

const HEADER = ['Email', 'Name', 'Roles', 'Team', 'Employment start', 'NQSW', 'Supervisor email', 'Line manager is a registered social worker', 'Professional supervisor email'];
const ROWS: string[][] = [
  [`priya.shah${D}`, 'Priya Shah', 'psw;supervisor', 'Quality and Practice', '05/01/2015', 'n', '', '', ''],
  [`admin.it${D}`, 'Alex Morgan', 'admin', 'Digital Services', '2019-04-01', '', '', '', ''],
  [`Sam.Okafor${D}`, 'Sam Okafor', 'supervisor;supervisee', 'Children East', '03/09/2018', 'n', `priya.shah${D}`, 'y', ''],
  [`jo.reynolds${D}`, 'Jo Reynolds', 'supervisor', 'Adults North', '2016-11-14', 'n', '', '', ''],
  [`nia.evans${D}`, 'Nia Evans', 'supervisee', 'Children East', '02/03/2026', 'y', `sam.okafor${D}`, 'y', ''],
  [`tom.baker${D}`, 'Tom Baker', 'supervisee', 'Children East', '12/01/2026', 'y', `sam.okafor${D}`, 'y', ''],
  [`leah.kim${D}`, 'Leah Kim', 'supervisee', 'Adults North', '2025-07-21', 'y', `jo.reynolds${D}`, 'y', ''],
  [`dev.patel${D}`, 'Dev Patel', 'supervisee', 'Hospital Discharge', '2012-06-18', 'n', `hannah.lee${D}`, 'n', `jo.reynolds${D}`],
  [`hannah.lee${D}`, 'Hannah Lee', 'supervisor', 'Hospital Discharge', '2020-02-03', 'n', '', '', ''],
];

function setup() {
  const ports = emptyPorts(NOW);
  const run = (rows: string[][] = ROWS, header: string[] = HEADER, name?: string) =>
    importStaff(ports, { tenantId: T, table: [header, ...rows], ...(name ? { organisationName: name } : {}) });
  const person = (local: string): Person => {
    const p = ports.people.all().find((x) => x.email === `${local}${D}`);
    assert.ok(p, `${local} stored`);
    return p;
  };
  const agreementOf = (local: string): Agreement => {
    const id = person(local).id;
    const found = ports.agreements.all().filter((a) => a.superviseeId === id);
    assert.equal(found.length, 1, `one agreement for ${local}`);
    return found[0];
  };
  return { ports, run, person, agreementOf };
}

describe('importStaff (use case)', () => {
  it('imports every valid row: people by email, active agreements, organisation settings with defaults', async () => {
    const { ports, run, person, agreementOf } = setup();
    const result = await run(ROWS, HEADER, 'Northmoor Council');
    assert.ok(result.ok);
    const r = result.value;
    assert.deepEqual([r.imported, r.updated, r.unchanged, r.invalid.length], [9, 0, 0, 0]);
    assert.equal(r.organisation, 'created');
    assert.deepEqual(r.rows.map((x) => x.row), [2, 3, 4, 5, 6, 7, 8, 9, 10]);

    const sam = person('sam.okafor');
    assert.equal(sam.email, `sam.okafor${D}`, 'email lower-cased');
    assert.equal(sam.aadObjectId, undefined, 'linked to Teams later, by the identify use case');
    assert.deepEqual(sam.roles, ['supervisee', 'supervisor']);
    assert.equal(person('jo.reynolds').isRegisteredSocialWorker, true, 'named as professional supervisor');
    assert.equal(person('hannah.lee').isRegisteredSocialWorker, undefined);

    const settings = ports.organisations.rows.get(T)?.value;
    assert.deepEqual(settings, {
      tenantId: T,
      name: 'Northmoor Council',
      zone: 'Europe/London',
      pswIds: [person('priya.shah').id],
      adminIds: [person('admin.it').id],
      reminderLeadDays: 3,
      escalationGraceDays: 5,
      quietHours: { start: '19:00', end: '08:00' },
      ...NEW_ORGANISATION_ISSUE9_SETTINGS,
    });

    assert.equal(ports.agreements.all().length, 5);
    const nia = agreementOf('nia.evans');
    assert.equal(nia.status, 'active');
    assert.equal(nia.supervisorId, sam.id);
    assert.equal(nia.agreedBySupervisorAt, undefined);
    assert.equal(nia.agreedBySuperviseeAt, undefined);
    assert.deepEqual(nia.supervisorHistory, [{ supervisorId: sam.id, from: '2026-03-16' }]);
    // Week 3 of Nia's NQSW schedule [16th, 23rd) contains the import date: the agreement starts there.
    assert.equal(nia.agreementStart, '2026-03-16');
    assert.equal(nia.summary.nextDueBy, '2026-03-22');
    assert.equal(nia.summary.missed, 0, 'nothing before the import counts as missed');
    // Issue 9: the reminders (3 working days before Sunday the 22nd: Wednesday 18th; and on its last
    // working day, Friday 20th, 09:00) are due already: the next sweep must send the latest, Friday's.
    assert.equal(nia.summary.nextActionAt, '2026-03-20T09:00:00.000Z');

    const dev = agreementOf('dev.patel');
    assert.equal(dev.lineManagerIsRegisteredSocialWorker, false);
    assert.equal(dev.professionalSupervisorId, person('jo.reynolds').id);
    assert.equal(dev.agreementStart, '2026-03-18'); // monthly from 18 June 2012
    assert.equal(agreementOf('tom.baker').agreementStart, '2026-03-09'); // fortnightly phase
    assert.equal(agreementOf('leah.kim').agreementStart, '2026-02-21'); // monthly phase, month 8
  });

  it('is idempotent: the same file again writes nothing', async () => {
    const { ports, run } = setup();
    assert.ok((await run()).ok);
    const writes = ports.people.writes + ports.agreements.writes;
    const again = await run();
    assert.ok(again.ok);
    assert.deepEqual([again.value.imported, again.value.updated, again.value.unchanged], [0, 0, 9]);
    assert.equal(again.value.organisation, 'unchanged');
    assert.equal(ports.people.writes + ports.agreements.writes, writes);
    assert.equal(ports.people.all().length, 9);
    assert.equal(ports.agreements.all().length, 5);
  });

  it('is idempotent on a later day too (the default agreement start is not recomputed)', async () => {
    const { ports, run } = setup();
    assert.ok((await run()).ok);
    ports.clock.set('2026-04-02T10:00:00.000Z');
    const again = await run();
    assert.ok(again.ok);
    assert.equal(again.value.unchanged, 9);
  });

  it('updates changed rows only: a new supervisor is a handover from today, a new team a person change', async () => {
    const { ports, run, person, agreementOf } = setup();
    assert.ok((await run()).ok);
    const before = agreementOf('tom.baker');
    ports.clock.set('2026-03-25T10:00:00.000Z');
    const changed = ROWS.map((r) =>
      r[0] === `tom.baker${D}` ? [r[0], r[1], r[2], r[3], r[4], r[5], `jo.reynolds${D}`, r[7], r[8]] : r[0] === `leah.kim${D}` ? [r[0], r[1], r[2], 'Adults South', ...r.slice(4)] : r,
    );
    const result = await run(changed);
    assert.ok(result.ok);
    assert.deepEqual([result.value.imported, result.value.updated, result.value.unchanged], [0, 2, 7]);
    assert.deepEqual(
      result.value.rows.filter((x) => x.outcome === 'updated').map((x) => [x.email, x.changes]),
      [
        [`tom.baker${D}`, ['agreement (supervisorId)']],
        [`leah.kim${D}`, ['team']],
      ],
    );
    const tom = agreementOf('tom.baker');
    assert.equal(tom.id, before.id, 'the same agreement, handed over');
    assert.equal(tom.supervisorId, person('jo.reynolds').id);
    assert.deepEqual(tom.supervisorHistory, [
      { supervisorId: person('sam.okafor').id, from: '2026-03-09', to: '2026-03-25' },
      { supervisorId: person('jo.reynolds').id, from: '2026-03-25', handoverNote: 'Changed by the staff import.' },
    ]);
    assert.equal(person('leah.kim').team, 'Adults South');
  });

  it('keeps a stored Teams link and leaves stored values alone for columns the file does not have', async () => {
    const { ports, run, person } = setup();
    assert.ok((await run()).ok);
    const nia = ports.people.rows.get(`${T}\u0000${person('nia.evans').id}`);
    assert.ok(nia);
    await ports.people.replace({ ...nia.value, aadObjectId: 'aad-nia' }, nia.etag);

    const result = await run(
      [[`NIA.EVANS${D}`, 'Nia Evans-Hughes', 'supervisee']],
      ['UPN', 'Display name', 'Role'],
    );
    assert.ok(result.ok);
    assert.deepEqual(result.value.rows.map((x) => [x.outcome, x.changes]), [['updated', ['name']]]);
    const after = person('nia.evans');
    assert.equal(after.aadObjectId, 'aad-nia');
    assert.equal(after.name, 'Nia Evans-Hughes');
    assert.equal(after.team, 'Children East');
    assert.equal(after.employmentStart, '2026-03-02');
  });

  it('imports the valid rows and reports the invalid ones by row number', async () => {
    const { ports, run } = setup();
    const rows = [
      ...ROWS,
      [`bad${D}`, 'Bad Date', 'supervisee', '', '30/02/2026', 'y', `sam.okafor${D}`, 'y', ''], // row 11
      [`ghost${D}`, 'Ghost', 'supervisee', '', '2026-01-05', 'n', `nobody${D}`, 'y', ''], // row 12
      [`nia.evans${D}`, 'Nia Again', 'supervisee', '', '', '', '', '', ''], // row 13: duplicate of row 6
    ];
    const result = await run(rows);
    assert.ok(result.ok);
    assert.deepEqual(
      result.value.invalid.map((i) => [i.row, i.reasons]),
      [
        [6, ['the same email is also on row 13']],
        [11, ['employment start "30/02/2026" is not a real date (DD/MM/YYYY is read day first)']],
        [12, [`supervisor nobody${D} is not in the file nor already stored`]],
        [13, ['the same email is also on row 6']],
      ],
    );
    assert.equal(result.value.imported, 8);
    assert.equal(ports.people.all().some((p) => p.email === `nia.evans${D}` || p.email === `bad${D}`), false);
    assert.equal(ports.agreements.all().length, 4);
  });

  it('accepts a supervisor stored by an earlier import who is not in this file', async () => {
    const { ports, run, person } = setup();
    assert.ok((await run()).ok);
    const result = await run([[`new.starter${D}`, 'New Starter', 'supervisee', 'Children East', '2026-03-23', 'y', `sam.okafor${D}`, 'y', '']]);
    assert.ok(result.ok);
    assert.equal(result.value.imported, 1);
    const agreement = ports.agreements.all().find((a) => a.superviseeId === person('new.starter').id);
    assert.equal(agreement?.supervisorId, person('sam.okafor').id);
    assert.equal(agreement?.agreementStart, '2026-03-23', 'a future starter starts at employment start');
    // PSW and admin lists are not touched by a file that does not list them.
    assert.equal(ports.organisations.rows.get(T)?.value.pswIds.length, 1);
  });

  it('refuses a stored professional supervisor not recorded as a registered social worker (people not in the file are untouched)', async () => {
    const { ports, run, person } = setup();
    assert.ok((await run()).ok);
    const result = await run([[`kay.new${D}`, 'Kay New', 'supervisee', '', '2026-01-05', 'n', `hannah.lee${D}`, 'n', `sam.okafor${D}`]]);
    assert.ok(result.ok);
    assert.deepEqual(result.value.invalid.map((i) => [i.row, i.reasons]), [
      [
        2,
        [
          `professional supervisor sam.okafor${D} is not recorded as a registered social worker: add their row to the file ` +
            '(naming someone as professional supervisor in the file records them as one)',
        ],
      ],
    ]);
    assert.equal(person('sam.okafor').isRegisteredSocialWorker, undefined);
    assert.equal(ports.people.all().some((p) => p.email === `kay.new${D}`), false, 'an invalid row stores nothing');

    // Named in the file as professional supervisor (with their row), they are recorded as one.
    const fixed = await run([
      ROWS[2],
      [`kay.new${D}`, 'Kay New', 'supervisee', '', '2026-01-05', 'n', `hannah.lee${D}`, 'n', `sam.okafor${D}`],
    ]);
    assert.ok(fixed.ok);
    assert.deepEqual(fixed.value.invalid, []);
    assert.equal(person('sam.okafor').isRegisteredSocialWorker, true);
    assert.equal(ports.agreements.all().filter((a) => a.superviseeId === person('kay.new').id).length, 1);
  });

  it('leaves an existing draft agreement a draft (agreeing happens in Teams)', async () => {
    const { ports, run, agreementOf } = setup();
    assert.ok((await run()).ok);
    const nia = agreementOf('nia.evans');
    const stored = ports.agreements.rows.get(`${T}\u0000${nia.id}`);
    assert.ok(stored);
    await ports.agreements.replace({ ...stored.value, status: 'draft' }, stored.etag);
    const changed = ROWS.map((r) => (r[0] === `nia.evans${D}` ? [...r.slice(0, 5), 'n', ...r.slice(6)] : r));
    const result = await run(changed);
    assert.ok(result.ok);
    const after = agreementOf('nia.evans');
    assert.equal(after.status, 'draft');
    assert.equal(after.nqsw, false);
    assert.equal(after.summary.nextActionAt, null, 'a draft sends nothing');
  });

  it('refuses a file without the required columns as a whole, storing nothing', async () => {
    const { ports, run } = setup();
    const result = await run([[`x${D}`, 'X']], ['Email', 'Team']);
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'INVALID_INPUT');
    assert.match(result.error.message, /has no name, roles columns/);
    assert.equal(ports.people.all().length, 0);
    assert.equal(ports.organisations.rows.size, 0);
  });

  it('stops with STORE_UNAVAILABLE and says the file can be run again', async () => {
    const { ports, run } = setup();
    ports.agreements.down = true;
    const result = await run();
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'STORE_UNAVAILABLE');
    assert.match(result.error.message, /stopped at row 4: .*run the same file again/);
    ports.agreements.down = false;
    const again = await run();
    assert.ok(again.ok);
    assert.deepEqual([again.value.imported, again.value.updated, again.value.unchanged], [0, 5, 4]);
    assert.equal(ports.agreements.all().length, 5);
  });

  it('defaultAgreementStart: the start of the period containing today, or a later employment start', () => {
    assert.equal(defaultAgreementStart('2026-03-02', true, '2026-03-20', 'Europe/London'), '2026-03-16');
    assert.equal(defaultAgreementStart('2026-03-02', true, '2026-03-16', 'Europe/London'), '2026-03-16');
    assert.equal(defaultAgreementStart('2015-01-31', false, '2026-03-20', 'Europe/London'), '2026-02-28');
    assert.equal(defaultAgreementStart('2026-04-01', false, '2026-03-20', 'Europe/London'), '2026-04-01');
  });
});
