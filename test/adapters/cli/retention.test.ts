/**
 * `retention` as a separate process against the embedded store in a temp data folder: a dry run
 * lists and keeps; a run deletes what expired (recorded in the audit log) and keeps what is held.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCosmosRepositories } from '../../../src/adapters/cosmos/repositories';
import { openStore } from '../../../src/adapters/cosmos/store';
import { agreement, must, note, organisation } from '../cosmos/support';
import { cli } from './support';

const T = 'tenant-cli-retention';
const SECRET = 'A note the output must never show';

describe('retention CLI (separate process, embedded store)', function () {
  this.timeout(90_000);
  let dir: string;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-cli-retention-'));
    const store = must(await openStore({ kind: 'embedded', dataDir: dir, lifetime: 'command' }));
    const repos = createCosmosRepositories(store.database);
    must(await repos.organisations.save(organisation(T, { retention: { years: { supervision: 6, notes: 6, concerns: 6 }, holds: [{ personId: 'p-held', placedOn: '2024-01-01', placedById: 'p-admin' }] } })));
    must(await repos.agreements.create(agreement(T, 'a-old', { superviseeId: 'p-old', status: 'ended', endedOn: '2015-06-30' })));
    must(await repos.agreements.create(agreement(T, 'a-held', { superviseeId: 'p-held', status: 'ended', endedOn: '2015-06-30' })));
    must(await repos.notes.create(note(T, 'n-old', 'p-old', { whatHappened: SECRET })));
    must(await store.close());
  });

  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('--dry-run lists what would go and what a hold keeps, and deletes nothing', async () => {
    const r = await cli(['retention', '--dry-run', '--tenant', T], dir);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(lines.filter((l) => l.startsWith('would delete')).sort(), [
      'would delete agreement a-old (kept from 2015-06-30, expired on 2021-06-30)',
      'would delete note n-old (kept from 2015-06-30, expired on 2021-06-30)',
    ]);
    assert.ok(lines.includes('held agreement a-held (kept from 2015-06-30, expired on 2021-06-30): legal hold on p-held'));
    assert.match(lines[lines.length - 1], /^retention: tenant tenant-cli-retention on \d{4}-\d{2}-\d{2}: 2 would delete, 1 held, 0 skipped$/);
    assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET));
    const again = await cli(['retention', '--dry-run', '--tenant', T], dir);
    assert.equal(again.stdout, r.stdout, 'nothing was deleted');
  });

  it('a run deletes and records; a second run finds nothing; bad arguments are refused', async () => {
    const r = await cli(['retention', '--tenant', T], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^retention: tenant tenant-cli-retention on \d{4}-\d{2}-\d{2}: 2 deleted, 1 held, 0 skipped$/m);
    const second = await cli(['retention', '--tenant', T], dir);
    assert.match(second.stdout, /: 0 deleted, 1 held, 0 skipped$/m);

    const store = must(await openStore({ kind: 'embedded', dataDir: dir, lifetime: 'command' }));
    try {
      const repos = createCosmosRepositories(store.database);
      assert.equal(must(await repos.agreements.get(T, 'a-old')), null);
      assert.notEqual(must(await repos.agreements.get(T, 'a-held')), null);
      const audit = must(await repos.audit.list(T, { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z', max: 10 }));
      assert.deepEqual(audit.map((a) => a.id).sort(), ['deleted-agreement-a-old', 'deleted-note-n-old']);
    } finally {
      await store.close();
    }
    const bad = await cli(['retention', '--tenant'], dir);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^retention: --tenant <value> needs a value\n/);
  });
});
