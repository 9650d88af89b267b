import assert from 'node:assert/strict';
import { defaultOrganisationSettings, withRolesFromPeople } from '../../src/domain/organisationDefaults';
import { mapHeader, parseSheetDate, readStaffFile, type KnownPerson } from '../../src/domain/staffImport';
import { NEW_ORGANISATION_ISSUE9_SETTINGS } from '../fakes/records';

const HEADER = [
  'Email',
  'Name',
  'Roles',
  'Team',
  'Employment start',
  'NQSW',
  'Supervisor email',
  'Line manager is a registered social worker',
  'Professional supervisor email',
];

function read(rows: string[][], known: KnownPerson[] = []) {
  const result = readStaffFile([HEADER, ...rows], known);
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.value;
}

const PSW = ['psw@council.gov.uk', 'Pat Shaw', 'psw;supervisor', 'Quality', '2015-01-05', 'n', '', '', ''];
const SUPERVISOR = ['sam@council.gov.uk', 'Sam Patel', 'supervisor', 'Children East', '2018-09-03', 'n', '', '', ''];
const NQSW = ['nia@council.gov.uk', 'Nia Jones', 'supervisee', 'Children East', '02/03/2026', 'y', 'sam@council.gov.uk', 'y', ''];

describe('staff import: header', () => {
  it('accepts spellings in any case and ignores columns it does not know', () => {
    const h = mapHeader(['E-mail address', 'Full Name', 'ROLE', 'Start date', 'Line manager is registered social worker (y/n)', 'Notes']);
    assert.ok(h.ok);
    assert.deepEqual(h.value.columns, { email: 0, name: 1, roles: 2, employmentStart: 3, lineManagerIsRegisteredSocialWorker: 4 });
    assert.deepEqual(h.value.ignored, ['Notes']);
  });

  it('accepts UPN for the email column', () => {
    const h = mapHeader(['UPN', 'Name', 'Roles']);
    assert.ok(h.ok);
    assert.equal(h.value.columns.email, 0);
  });

  it('names the missing required columns and columns that mean the same field', () => {
    const h = mapHeader(['Email', 'UPN', 'Team']);
    assert.equal(h.ok, false);
    assert.ok(!h.ok);
    assert.deepEqual(h.problems, [
      'two columns mean email: "Email" and "UPN"',
      'the header row (row 1) has no name, roles columns; it needs at least: email, name, roles',
    ]);
  });
});

describe('staff import: dates', () => {
  it('reads YYYY-MM-DD and day-first DD/MM/YYYY', () => {
    assert.deepEqual(parseSheetDate('2026-03-02', 'employment start'), { ok: true, value: '2026-03-02' });
    assert.deepEqual(parseSheetDate('03/04/2026', 'employment start'), { ok: true, value: '2026-04-03' });
    assert.deepEqual(parseSheetDate('3/4/2026', 'employment start'), { ok: true, value: '2026-04-03' });
  });

  it('refuses impossible dates, month-first dates, two-digit years and other shapes, saying why', () => {
    const reason = (s: string) => {
      const r = parseSheetDate(s, 'employment start');
      assert.ok(!r.ok);
      return r.reason;
    };
    assert.equal(reason('31/02/2026'), 'employment start "31/02/2026" is not a real date (DD/MM/YYYY is read day first)');
    assert.equal(reason('04/13/2026'), 'employment start "04/13/2026" is not a real date (DD/MM/YYYY is read day first)');
    assert.equal(reason('2026-02-29'), 'employment start "2026-02-29" is not a real date (DD/MM/YYYY is read day first)');
    assert.equal(reason('03/04/26'), 'employment start "03/04/26" has a two-digit year: write the year in full (DD/MM/YYYY or YYYY-MM-DD)');
    assert.equal(reason('March 3rd'), 'employment start "March 3rd" is not a date: write YYYY-MM-DD or DD/MM/YYYY (day first)');
    assert.equal(reason('1900-01-01'), 'employment start "1900-01-01" is outside the years 1950-2100');
  });
});

describe('staff import: rows', () => {
  it('reads valid rows: email lower-cased, roles normalised, dates and y/n parsed', () => {
    const r = read([PSW, SUPERVISOR, ['Nia@Council.GOV.uk', ...NQSW.slice(1, 3), '', '2026-03-02', 'Yes', 'SAM@council.gov.uk', 'Y', '']]);
    assert.deepEqual(r.invalid, []);
    assert.deepEqual(r.valid[2], {
      row: 4,
      email: 'nia@council.gov.uk',
      name: 'Nia Jones',
      roles: ['supervisee'],
      employmentStart: '2026-03-02',
      nqsw: true,
      supervisorEmail: 'sam@council.gov.uk',
      lineManagerIsRegisteredSocialWorker: true,
    });
    assert.deepEqual(r.valid[0].roles, ['supervisor', 'psw']);
  });

  it('reports each invalid row by its spreadsheet row number with every reason', () => {
    const r = read([
      SUPERVISOR, // row 2
      ['not-an-email', 'X', 'supervisee', '', '', '', '', '', ''], // row 3
      ['a@council.gov.uk', 'A', 'supervisee;manager', '', '', '', '', '', ''], // row 4
      ['b@council.gov.uk', 'B', 'supervisee', '', '31/02/2026', 'y', 'sam@council.gov.uk', 'y', ''], // row 5
      ['c@council.gov.uk', 'C', 'supervisee', '', '2026-01-05', 'maybe', 'sam@council.gov.uk', 'y', ''], // row 6
      ['d@council.gov.uk', 'D', 'supervisee', '', '2026-01-05', 'n', 'sam@council.gov.uk', 'n', ''], // row 7
      ['e@council.gov.uk', 'E', 'supervisee', '', '2026-01-05', 'n', 'nobody@council.gov.uk', 'y', ''], // row 8
      ['f@council.gov.uk', '', '', '', '', '', '', '', ''], // row 9
      ['g@council.gov.uk', 'G', 'supervisee', '', '', '', 'sam@council.gov.uk', '', ''], // row 10
    ]);
    assert.deepEqual(r.valid.map((v) => v.row), [2]);
    assert.deepEqual(r.invalid, [
      { row: 3, email: 'not-an-email', reasons: ['email "not-an-email" is not an email address'] },
      {
        row: 4,
        email: 'a@council.gov.uk',
        reasons: ['unknown role "manager": use supervisee, supervisor, psw, admin (separated by ;)'],
      },
      { row: 5, email: 'b@council.gov.uk', reasons: ['employment start "31/02/2026" is not a real date (DD/MM/YYYY is read day first)'] },
      { row: 6, email: 'c@council.gov.uk', reasons: ['NQSW "maybe" must be y or n'] },
      {
        row: 7,
        email: 'd@council.gov.uk',
        reasons: [
          'the line manager is not a registered social worker, so a professional supervisor email is required ' +
            '(Standard 5: additional professional supervision from a registered social worker)',
        ],
      },
      { row: 8, email: 'e@council.gov.uk', reasons: ['supervisor nobody@council.gov.uk is not in the file nor already stored'] },
      {
        row: 9,
        email: 'f@council.gov.uk',
        reasons: ['name is empty', 'roles is empty: give at least one of supervisee, supervisor, psw, admin'],
      },
      {
        row: 10,
        email: 'g@council.gov.uk',
        reasons: [
          'employment start is required for a supervisee with a supervisor',
          'NQSW (y or n) is required for a supervisee with a supervisor',
          'line manager is a registered social worker (y or n) is required for a supervisee with a supervisor',
        ],
      },
    ]);
  });

  it('refuses every row of a duplicated email, and then the rows that depend on them', () => {
    const r = read([
      SUPERVISOR, // 2
      ['sam@council.gov.uk', 'Sam P', 'supervisor', '', '', '', '', '', ''], // 3
      NQSW, // 4: supervised by the duplicated email
      PSW, // 5
    ]);
    assert.deepEqual(r.valid.map((v) => v.row), [5]);
    assert.deepEqual(
      r.invalid.map((i) => [i.row, i.reasons]),
      [
        [2, ['the same email is also on row 3']],
        [3, ['the same email is also on row 2']],
        [4, ['supervisor sam@council.gov.uk is on row 2, 3, which cannot be imported']],
      ],
    );
  });

  it('follows refusals through chains of supervisors', () => {
    const r = read([
      ['top@council.gov.uk', 'Top', 'supervisor;supervisee', '', 'bad', 'n', 'psw@council.gov.uk', 'y', ''], // 2: bad date
      ['mid@council.gov.uk', 'Mid', 'supervisor;supervisee', '', '2020-01-01', 'n', 'top@council.gov.uk', 'y', ''], // 3
      ['low@council.gov.uk', 'Low', 'supervisee', '', '2020-01-01', 'n', 'mid@council.gov.uk', 'y', ''], // 4
      PSW, // 5
    ]);
    assert.deepEqual(r.valid.map((v) => v.row), [5]);
    assert.deepEqual(r.invalid.map((i) => i.row), [2, 3, 4]);
    assert.match(r.invalid[2].reasons[0], /mid@council.gov.uk is on row 3, which cannot be imported/);
  });

  it('accepts a supervisor already stored, but not one without the supervisor role, nor a stored professional supervisor not recorded as registered', () => {
    const known: KnownPerson[] = [
      { email: 'sam@council.gov.uk', roles: ['supervisor'] },
      { email: 'nosup@council.gov.uk', roles: ['supervisee'] },
      { email: 'rsw@council.gov.uk', roles: ['supervisor'], isRegisteredSocialWorker: true },
    ];
    const r = read(
      [
        NQSW,
        ['x@council.gov.uk', 'X', 'supervisee', '', '2026-01-05', 'n', 'nosup@council.gov.uk', 'y', ''],
        ['y@council.gov.uk', 'Y', 'supervisee', '', '2026-01-05', 'n', 'sam@council.gov.uk', 'n', 'rsw@council.gov.uk'],
        ['z@council.gov.uk', 'Z', 'supervisee', '', '2026-01-05', 'n', 'rsw@council.gov.uk', 'n', 'sam@council.gov.uk'],
      ],
      known,
    );
    assert.deepEqual(r.valid.map((v) => v.row), [2, 4]);
    assert.deepEqual(r.invalid.map((i) => [i.row, i.reasons]), [
      [3, ['supervisor nosup@council.gov.uk is stored without the supervisor role']],
      [
        5,
        [
          'professional supervisor sam@council.gov.uk is not recorded as a registered social worker: add their row to the file ' +
            '(naming someone as professional supervisor in the file records them as one)',
        ],
      ],
    ]);
  });

  it('requires a supervisor role in the file too, and a professional supervisor who is someone else', () => {
    const r = read([
      ['peer@council.gov.uk', 'Peer', 'supervisee', '', '', '', '', '', ''], // 2
      ['x@council.gov.uk', 'X', 'supervisee', '', '2026-01-05', 'n', 'peer@council.gov.uk', 'y', ''], // 3
      SUPERVISOR, // 4
      ['y@council.gov.uk', 'Y', 'supervisee', '', '2026-01-05', 'n', 'sam@council.gov.uk', 'n', 'sam@council.gov.uk'], // 5
      ['z@council.gov.uk', 'Z', 'supervisee', '', '2026-01-05', 'n', 'z@council.gov.uk', 'y', ''], // 6
      ['w@council.gov.uk', 'W', 'supervisor', '', '', '', 'sam@council.gov.uk', '', ''], // 7
    ]);
    assert.deepEqual(r.valid.map((v) => v.row), [2, 4]);
    assert.deepEqual(
      r.invalid.map((i) => [i.row, i.reasons]),
      [
        [3, ['supervisor peer@council.gov.uk (row 2) does not have the supervisor role']],
        [5, ['the professional supervisor is the supervisor: the additional supervision must come from someone else']],
        [6, ["supervisor email is the person's own email: nobody supervises themselves"]],
        [7, ['has a supervisor email but the roles do not include supervisee']],
      ],
    );
  });

  it('skips blank rows without shifting the row numbers after them', () => {
    const r = read([[''], ['', '', ''], ['bad', 'X', 'supervisee']]);
    assert.deepEqual(r.blankRows, [2, 3]);
    assert.equal(r.invalid[0].row, 4);
  });

  it('refuses an empty file and a file without the required columns as a whole', () => {
    assert.deepEqual(readStaffFile([], []), { ok: false, problems: ['the file is empty: it needs a header row and one row per person'] });
    const r = readStaffFile([['Email', 'Team']], []);
    assert.equal(r.ok, false);
  });
});

describe('organisation defaults', () => {
  it('starts a new tenant on Europe/London, 3 working days lead, 5 working days grace, quiet 19:00-08:00, England and Wales, Monday to Friday from 09:00', () => {
    assert.deepEqual(defaultOrganisationSettings('t1', 'Council'), {
      tenantId: 't1',
      name: 'Council',
      zone: 'Europe/London',
      pswIds: [],
      adminIds: [],
      reminderLeadDays: 3,
      escalationGraceDays: 5,
      quietHours: { start: '19:00', end: '08:00' },
      ...NEW_ORGANISATION_ISSUE9_SETTINGS,
    });
  });

  it('sets PSWs and admins for the people listed and leaves the others in place', () => {
    const before = { ...defaultOrganisationSettings('t1', 'Council'), pswIds: ['old-psw', 'demoted'], adminIds: ['it-admin'] };
    const after = withRolesFromPeople(before, [
      { id: 'demoted', roles: ['supervisor'] },
      { id: 'new-psw', roles: ['psw', 'admin'] },
    ]);
    assert.deepEqual(after.pswIds, ['old-psw', 'new-psw']);
    assert.deepEqual(after.adminIds, ['it-admin', 'new-psw']);
    assert.deepEqual(withRolesFromPeople(after, [{ id: 'new-psw', roles: ['psw', 'admin'] }]), after);
  });
});
