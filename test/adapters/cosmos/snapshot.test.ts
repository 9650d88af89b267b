import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  parseSnapshot,
  readSnapshotFile,
  removeLeftoverTempFiles,
  serializeSnapshot,
  stripSystemFields,
  writeFileAtomic,
  writeSnapshotFile,
  SNAPSHOT_FILE,
  type Snapshot,
} from '../../../src/adapters/cosmos/snapshot';
import { removeDir, spawnChild, tempDataDir } from './support';

const snapshot = (databaseName: string, documents: Snapshot['containers'][number]['documents']): Snapshot => ({
  format: 'supervision-bot/embedded-store',
  version: 1,
  savedAt: '2026-03-03T09:00:00.000Z',
  databaseName,
  containers: [
    { name: 'people', partitionKeyPath: '/tenantId', documents },
    { name: 'empty', partitionKeyPath: '/tenantId', documents: [] },
  ],
});

describe('embedded store snapshot file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDataDir('snapshot');
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  it('round-trips through its one-document-per-line JSON, including awkward text', async () => {
    const s = snapshot('db', [
      { id: 'a', tenantId: 't1', text: 'line\nbreak "quoted" \u2028 é 😀', nested: { list: [1, null, { x: true }] } },
      { id: 'b', tenantId: 't2' },
    ]);
    const text = serializeSnapshot(s);
    assert.equal(text.split('\n').filter((l) => l.startsWith('{"id"')).length, 2);
    assert.deepEqual(parseSnapshot(text), s);
    await writeSnapshotFile(dir, s);
    assert.deepEqual(await readSnapshotFile(dir), s);
  });

  it('reads "no snapshot" as null and refuses a file that is not one', async () => {
    assert.equal(await readSnapshotFile(dir), null);
    await fs.writeFile(path.join(dir, SNAPSHOT_FILE), '{"format":"something else","version":1,"containers":[]}');
    await assert.rejects(readSnapshotFile(dir), /not a supervision-bot\/embedded-store v1 file/);
    await fs.writeFile(path.join(dir, SNAPSHOT_FILE), '{"format":"supervision-bot/embedded-store","version":1,"containers":[{"name":"x"}]}');
    await assert.rejects(readSnapshotFile(dir), /malformed/);
  });

  it('drops the fields the server assigns and keeps everything else', () => {
    assert.deepEqual(
      stripSystemFields({ id: 'a', tenantId: 't', type: 'person', schemaVersion: 1, _rid: 'r', _self: 's', _ts: 1, _etag: 'e', _attachments: 'x' }),
      { id: 'a', tenantId: 't', type: 'person', schemaVersion: 1 },
    );
  });

  it('a save that fails before the rename leaves the previous snapshot and no temp file', async () => {
    const previous = snapshot('previous', [{ id: 'a', tenantId: 't1' }]);
    await writeSnapshotFile(dir, previous);
    await assert.rejects(
      writeSnapshotFile(dir, snapshot('next', [{ id: 'b', tenantId: 't1' }]), {
        beforeRename: async (temp) => {
          // The new content is complete on disk under the temp name when the crash comes.
          assert.equal(parseSnapshot(await fs.readFile(temp, 'utf8')).databaseName, 'next');
          throw new Error('simulated crash');
        },
      }),
      /simulated crash/,
    );
    assert.deepEqual(await readSnapshotFile(dir), previous);
    assert.deepEqual(await fs.readdir(dir), [SNAPSHOT_FILE]);
  });

  it('writeFileAtomic replaces the whole content', async () => {
    const file = path.join(dir, 'x.json');
    await writeFileAtomic(file, 'a'.repeat(10_000));
    await writeFileAtomic(file, 'short');
    assert.equal(await fs.readFile(file, 'utf8'), 'short');
  });

  it('a process killed in the middle of a save leaves the previous snapshot, and the next host clears its temp file', async () => {
    const child = spawnChild(['snapshot-crash', dir]);
    const { tempWritten } = await child.next();
    child.process.kill('SIGKILL');
    await child.exited;
    const survived = await readSnapshotFile(dir);
    assert.equal(survived?.databaseName, 'first');
    assert.equal(survived?.containers[0].documents.length, 10_000);
    assert.ok((await fs.readdir(dir)).includes(path.basename(String(tempWritten))), 'the crash left its temp file');
    assert.equal(await removeLeftoverTempFiles(dir), 1);
    assert.deepEqual(await fs.readdir(dir), [SNAPSHOT_FILE]);
  });
});
