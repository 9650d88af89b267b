import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseStaffCsv } from '../../../src/adapters/cli/importStaff';
import { createCosmosRepositories } from '../../../src/adapters/cosmos/repositories';
import { cli, ROOT } from './support';
import { openStore } from '../../../src/adapters/cosmos/store';
import { must } from '../cosmos/support';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'staff.csv');
const TENANT = 'tenant-cli';


describe('import-staff CLI: reading the CSV', () => {
  it('reads comma files with a BOM, quoted cells and CRLF, and semicolon or tab files by their header', () => {
    const comma = parseStaffCsv('\uFEFFEmail,Name,Roles\r\na@x.example,"Shah, Priya","psw;supervisor"\r\n');
    assert.deepEqual(comma, { ok: true, value: [['Email', 'Name', 'Roles'], ['a@x.example', 'Shah, Priya', 'psw;supervisor']] });
    const semicolon = parseStaffCsv('Email;Name;Roles\na@x.example;Priya;"psw;supervisor"\n');
    assert.deepEqual(semicolon, { ok: true, value: [['Email', 'Name', 'Roles'], ['a@x.example', 'Priya', 'psw;supervisor']] });
    const tab = parseStaffCsv('Email\tName\tRoles\na@x.example\tPriya\tpsw;supervisor\n');
    assert.deepEqual(tab, { ok: true, value: [['Email', 'Name', 'Roles'], ['a@x.example', 'Priya', 'psw;supervisor']] });
  });

  it('keeps a blank line as a row, so row numbers match the spreadsheet', () => {
    const r = parseStaffCsv('Email,Name,Roles\n\na@x.example,"Two\nlines",supervisee\n');
    assert.ok(r.ok);
    assert.equal(r.value.length, 3);
    assert.deepEqual(r.value[1], ['']);
  });

  it('refuses a file that is not UTF-8 or not CSV, saying what to do', () => {
    const latin1 = Buffer.from('Email,Name,Roles\nz@x.example,Zo\xeb,supervisee\n', 'latin1').toString('utf8');
    assert.deepEqual(parseStaffCsv(latin1), { ok: false, message: 'the file is not UTF-8 text: save it from the spreadsheet as "CSV UTF-8"' });
    const broken = parseStaffCsv('Email,Name,Roles\n"a@x.example,Priya,psw\n');
    assert.equal(broken.ok, false);
    assert.match(!broken.ok ? broken.message : '', /^the file is not valid CSV: Quote Not Closed/);
  });
});

describe('import-staff CLI (separate process, embedded store)', function () {
  this.timeout(60_000);
  let dir: string;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-import-cli-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('imports the demo file with no bot running, then changes nothing on a second run', async () => {
    const first = await cli(['import-staff', FIXTURE, '--tenant', TENANT, '--org-name', 'Northmoor Council'], dir);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(
      first.stdout,
      [
        `Staff import for tenant ${TENANT} from staff.csv:`,
        '  imported 9, updated 0, unchanged 0, invalid 0',
        '  organisation settings: created',
        '',
      ].join('\n'),
    );
    const second = await cli(['import-staff', FIXTURE, '--tenant', TENANT], dir);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /imported 0, updated 0, unchanged 9, invalid 0\n {2}organisation settings: unchanged/);

    // What the CLI saved is there for the next process (the snapshot in the data folder).
    const store = must(await openStore({ kind: 'embedded', dataDir: dir }));
    try {
      const repos = createCosmosRepositories(store.database);
      const people = must(await repos.people.listByTenant(TENANT));
      assert.equal(people.length, 9);
      for (const p of people) {
        assert.equal(p.email, p.email.toLowerCase());
        assert.equal(p.aadObjectId, undefined);
      }
      const agreements = must(await repos.agreements.listByTenant(TENANT));
      assert.equal(agreements.length, 5);
      assert.ok(agreements.every((a) => a.value.status === 'active'));
      const org = must(await repos.organisations.get(TENANT));
      assert.equal(org?.value.name, 'Northmoor Council');
      assert.equal(org?.value.pswIds.length, 1);
    } finally {
      await store.close();
    }
  });

  it('imports into the running bot\'s store (as its guest), where the bot sees the rows at once', async () => {
    const bot = must(await openStore({ kind: 'embedded', dataDir: dir, lifetime: 'service' }));
    try {
      const run = await cli(['import-staff', FIXTURE, '--tenant', TENANT], dir);
      assert.equal(run.code, 0, run.stderr);
      const repos = createCosmosRepositories(bot.database);
      const nia = must(await repos.people.findByEmail(TENANT, 'nia.evans@northmoor-council.example'));
      assert.equal(nia?.value.name, 'Nia Evans');
      assert.equal(must(await repos.agreements.listForPerson(TENANT, nia!.value.id)).length, 1);
    } finally {
      await bot.close();
    }
  });

  it('exits 2 when some rows are invalid, listing them by row, and imports the rest', async () => {
    const file = path.join(dir, 'with-errors.csv');
    const text = await fs.readFile(FIXTURE, 'utf8');
    await fs.writeFile(
      file,
      `${text}bad@northmoor-council.example,Bad Date,supervisee,Children East,31/02/2026,y,sam.okafor@northmoor-council.example,y,\n` +
        `ghost@northmoor-council.example,Ghost,supervisee;manager,,,,,,\n`,
    );
    const run = await cli(['import-staff', file, '--tenant', TENANT], dir);
    assert.equal(run.code, 2, run.stderr);
    assert.equal(
      run.stdout,
      [
        `Staff import for tenant ${TENANT} from with-errors.csv:`,
        '  imported 9, updated 0, unchanged 0, invalid 2',
        '  organisation settings: created',
        'Invalid rows (not imported):',
        '  row 11 (bad@northmoor-council.example): employment start "31/02/2026" is not a real date (DD/MM/YYYY is read day first)',
        '  row 12 (ghost@northmoor-council.example): unknown role "manager": use supervisee, supervisor, psw, admin (separated by ;)',
        '',
      ].join('\n'),
    );
  });

  it('exits 1 with a clear message for a missing file, a missing tenant, or a file without the required columns', async () => {
    const missing = await cli(['import-staff', path.join(dir, 'nope.csv'), '--tenant', TENANT], dir);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read .*nope\.csv: no such file/);

    const noTenant = await cli(['import-staff', FIXTURE], dir);
    assert.equal(noTenant.code, 1);
    assert.match(noTenant.stderr, /--tenant <id> is required/);

    const file = path.join(dir, 'teams.csv');
    await fs.writeFile(file, 'Email,Team\na@x.example,North\n');
    const noColumns = await cli(['import-staff', file, '--tenant', TENANT], dir);
    assert.equal(noColumns.code, 1);
    assert.match(noColumns.stderr, /the header row \(row 1\) has no name, roles columns/);
  });

  it('--help explains the columns and that imported agreements are active', async () => {
    const help = await cli(['import-staff', '--help'], dir);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /created ACTIVE/);
    assert.match(help.stdout, /read day first: 03\/04\/2026 is 3 April/);
    const list = await cli(['--help'], dir);
    assert.match(list.stderr + list.stdout, /import-staff <file\.csv> --tenant <id>/);
  });
});
