/**
 * The health-check export on the fakes: who may download it, the window, one row per agreement
 * with figures over that window (read back with a real CSV parser), and what never goes in it.
 */
import { strict as assert } from 'node:assert';
import { parse } from 'csv-parse/sync';
import { EXPORT_COLUMNS, csvCell } from '../../src/app/exportCompliance';
import type { Agreement, Person } from '../../src/domain/model';
import { failure, okValue } from '../fakes/results';
import { T1 } from '../fakes/world';
import { SECRET_COMMENT, SECRET_CONCERN, SECRET_NOTE, held, northshire } from './complianceWorld';

type Row = Record<(typeof EXPORT_COLUMNS)[number], string>;

function rows(csv: string): Row[] {
  assert.ok(csv.startsWith('\uFEFF'), 'a byte-order mark, so spreadsheets read UTF-8 names right');
  assert.ok(csv.endsWith('\r\n'));
  const header = parse(csv, { bom: true, to_line: 1 }) as string[][];
  assert.deepEqual(header[0], [...EXPORT_COLUMNS]);
  return parse(csv, { bom: true, columns: true }) as Row[];
}

const bySupervisee = (all: Row[], name: string): Row => {
  const r = all.find((x) => x.Supervisee === name);
  assert.ok(r, `${name} has no row`);
  return r;
};

describe('app/exportCompliance', () => {
  it('the PSW gets one row per agreement of the last twelve months, with figures over that window', async () => {
    const w = northshire();
    const ola = w.deps.agreements.peek(T1, 'agr-2') as Agreement;
    w.deps.sessions.seed({ ...held(ola, '2026-02-20'), id: 'ses-cancelled', status: 'cancelled', cancelReason: 'Sickness, not to be exported', start: undefined, minutes: undefined });

    const out = okValue(await w.uc.exportCompliance(w.actor('psw'), {}));
    assert.deepEqual([out.from, out.to, out.zone], ['2025-03-03', '2026-03-02', 'Europe/London']);
    assert.equal(out.fileName, 'supervision-compliance_northshire-council_2025-03-03_to_2026-03-02.csv');
    const all = rows(out.csv);
    assert.equal(out.rows, all.length);
    assert.deepEqual(all.map((r) => r.Supervisee), ['Nia Quinn', 'Ola Okafor', 'Rhys Evans', 'Tess Bell', 'Uma Khan'], 'sorted by name; the ended agreement is in; tenant 2 is not');

    assert.deepEqual(bySupervisee(all, 'Ola Okafor'), {
      Agreement: 'agr-2',
      Supervisee: 'Ola Okafor',
      'Supervisee email': 'sw2@northshire.example',
      Team: '',
      'NQSW (ASYE)': 'no',
      'Employment start': '2020-09-01',
      'Agreement start': '2025-09-01',
      Supervisor: 'Jo Reed',
      'Line manager is a registered social worker': 'yes',
      'Professional supervisor': '',
      'Agreement status': 'active',
      'Ended on': '',
      'Periods met': '7',
      'Periods missed': '0',
      'Periods excused (leave)': '0',
      'Periods in progress': '0',
      'Frequency met (%)': '100',
      'Sessions held': '9',
      'Qualifying sessions (90+ minutes, uninterrupted)': '8',
      'Sessions under 90 minutes': '1',
      'Sessions interrupted': '0',
      'Average session length (minutes)': '87',
      'Sessions cancelled': '1',
      'Sessions rated': '2',
      'Average quality rating (1-5)': '4.5',
      'Standing today': 'On track',
      'Next due by': '2026-04-30',
      'Overdue since': '',
      'Last session on': '2026-03-01',
    });

    const nia = bySupervisee(all, 'Nia Quinn');
    assert.deepEqual(
      [nia['NQSW (ASYE)'], nia['Periods met'], nia['Periods missed'], nia['Periods in progress'], nia['Frequency met (%)'], nia['Standing today'], nia['Next due by'], nia['Overdue since']],
      ['yes', '1', '1', '1', '50', 'Overdue', '2026-03-08', '2026-03-02'],
    );
    const uma = bySupervisee(all, 'Uma Khan');
    assert.deepEqual(
      [uma['Agreement status'], uma['Ended on'], uma['Periods missed'], uma['Periods in progress'], uma['Frequency met (%)'], uma['Standing today'], uma['Next due by']],
      ['ended', '2026-01-31', '10', '1', '0', 'Ended', ''],
      'counted up to its end only',
    );
    const tess = bySupervisee(all, 'Tess Bell');
    assert.deepEqual([tess['Agreement status'], tess['Standing today'], tess['Frequency met (%)']], ['draft', 'Not yet agreed', '']);
  });

  it('a chosen window counts only the periods and sessions in it', async () => {
    const w = northshire();
    const out = okValue(await w.uc.exportCompliance(w.actor('admin'), { from: '2026-01-01', to: '2026-01-31' }));
    const all = rows(out.csv);
    assert.deepEqual(all.map((r) => r.Supervisee), ['Ola Okafor', 'Uma Khan'], 'agreements that started later are left out');
    const ola = bySupervisee(all, 'Ola Okafor');
    assert.deepEqual(
      [ola['Periods met'], ola['Sessions held'], ola['Qualifying sessions (90+ minutes, uninterrupted)'], ola['Sessions under 90 minutes'], ola['Average session length (minutes)'], ola['Sessions rated']],
      ['1', '2', '1', '1', '75', '0'],
    );
    assert.deepEqual([bySupervisee(all, 'Uma Khan')['Periods in progress'], bySupervisee(all, 'Uma Khan')['Periods missed']], ['1', '0']);
  });

  it('is for the PSW and admins only', async () => {
    const w = northshire();
    for (const who of ['sup1', 'sup2', 'nqsw', 'sw2'] as const) {
      const e = failure(await w.uc.exportCompliance(w.actor(who), {}), 'NOT_AUTHORIZED');
      assert.match(e.message, /Principal Social Worker/);
    }
    failure(await w.uc.exportCompliance({ tenantId: T1, aadObjectId: 'aad-nobody' }, {}), 'UNKNOWN_USER');
    const other = okValue(await w.uc.exportCompliance(w.actor('outsider'), {}));
    assert.deepEqual(rows(other.csv).map((r) => r.Supervisee), ['Vic Other']);
  });

  it('refuses a window it cannot or should not cover, naming the field', async () => {
    const w = northshire();
    const psw = w.actor('psw');
    failure(await w.uc.exportCompliance(psw, { to: '2026-03-03' }), 'INVALID_DATE', 'to');
    failure(await w.uc.exportCompliance(psw, { to: '31/01/2026' }), 'INVALID_DATE', 'to');
    failure(await w.uc.exportCompliance(psw, { from: '2026-02-30' }), 'INVALID_DATE', 'from');
    failure(await w.uc.exportCompliance(psw, { from: '2026-02-01', to: '2026-01-01' }), 'INVALID_INPUT', 'from');
    failure(await w.uc.exportCompliance(psw, { from: '2022-03-01', to: '2026-03-01' }), 'INVALID_INPUT', 'from');
    okValue(await w.uc.exportCompliance(psw, { from: '2023-03-02', to: '2026-03-01' }));
  });

  it('never contains notes, concerns, cancel reasons or rating comments; a name cannot run as a formula', async () => {
    const w = northshire();
    const rhys = w.deps.people.peek(T1, 'rhys') as Person;
    w.deps.people.seed({ ...rhys, name: '=HYPERLINK("http://evil.example","Rhys")', team: '+Adults, East' });
    const ola = w.deps.agreements.peek(T1, 'agr-2') as Agreement;
    w.deps.sessions.seed({ ...held(ola, '2026-02-20'), id: 'ses-cancelled', status: 'cancelled', cancelReason: 'Sickness, not to be exported', start: undefined, minutes: undefined });
    const csv = okValue(await w.uc.exportCompliance(w.actor('psw'), {})).csv;
    for (const secret of [SECRET_NOTE, SECRET_CONCERN, SECRET_COMMENT, 'Sickness, not to be exported']) assert.ok(!csv.includes(secret), secret);
    const r = rows(csv).find((x) => x.Agreement === 'agr-3');
    assert.ok(r);
    assert.equal(r.Supervisee, `'=HYPERLINK("http://evil.example","Rhys")`);
    assert.equal(r.Team, "'+Adults, East");
  });

  it('says when the store is down instead of writing half a file', async () => {
    const w = northshire();
    w.deps.sessions.failNext('list');
    failure(await w.uc.exportCompliance(w.actor('psw'), {}), 'STORE_UNAVAILABLE');
  });
});

describe('app/exportCompliance csvCell', () => {
  it('quotes what RFC 4180 needs quoted and neutralises formulas', () => {
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(12), '12');
    assert.equal(csvCell('Nia Quinn'), 'Nia Quinn');
    assert.equal(csvCell('Quinn, Nia'), '"Quinn, Nia"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell(' padded '), '" padded "');
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) assert.ok(csvCell(`${lead}1+1`).replace(/^"/, '').startsWith(`'${lead}`), JSON.stringify(lead));
    assert.equal(csvCell('2026-03-02'), '2026-03-02');
  });
});
