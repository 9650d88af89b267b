import { strict as assert } from 'node:assert';
import { promises as fs, writeSync } from 'node:fs';
import path from 'node:path';
import type { Container } from '@azure/cosmos';
import { createCosmosClient, type CosmosConnection } from '../../../src/adapters/cosmos/client';
import { startEmbeddedServer, type EmbeddedServer } from '../../../src/adapters/cosmos/embeddedServer';
import { Journal, parseSegment, segmentFileName, type JournalEntry, type WriteBytes } from '../../../src/adapters/cosmos/journal';
import { removeDir, tempDataDir } from './support';

/** A server on loopback, an SDK client to it, and a container in database `db`. */
async function serverWithClient(databaseName = 'db') {
  const server = await startEmbeddedServer();
  const connection = createCosmosClient({ kind: 'embedded', endpoint: server.endpoint, key: 'local', requestTimeoutMs: 5_000 });
  const { database } = await connection.client.databases.createIfNotExists({ id: databaseName });
  const { container } = await database.containers.createIfNotExists({ id: 'things', partitionKey: { paths: ['/tenantId'] } });
  return { server, connection, container };
}

async function journalLines(dir: string, segment = 1): Promise<JournalEntry[]> {
  return parseSegment(await fs.readFile(path.join(dir, segmentFileName(segment)), 'utf8'), 'j').entries;
}

const settledWithin = async (promise: Promise<unknown>, ms: number) => {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((r) => setTimeout(r, ms));
  return settled;
};

describe('embedded server with a journal attached', () => {
  const dirs: string[] = [];
  const open: { server: EmbeddedServer; connection: CosmosConnection; journal?: Journal }[] = [];
  const newDir = async () => {
    const d = await tempDataDir('server-journal');
    dirs.push(d);
    return d;
  };
  afterEach(async () => {
    for (const o of open.splice(0)) {
      o.connection.dispose();
      await o.journal?.close().catch(() => undefined);
      await o.server.close();
    }
  });
  after(async () => {
    for (const d of dirs) await removeDir(d);
  });

  it('answers a write only once the journal has it on disk, with the document as the server stored it', async () => {
    const dir = await newDir();
    let release!: () => void;
    const diskReady = new Promise<void>((r) => (release = r));
    const slowDisk: WriteBytes = async (fd, buffer, offset) => {
      await diskReady;
      return writeSync(fd, buffer, offset);
    };
    const s = await serverWithClient();
    const journal = Journal.open(dir, 1, { write: slowDisk });
    open.push({ ...s, journal });
    s.server.attachJournal(journal, 'db');

    const upsert = s.container.items.upsert({ id: 'a', tenantId: 't1', v: 1 });
    assert.equal(await settledWithin(upsert, 300), false, 'no answer while the journal write is pending');
    release();
    const { resource } = await upsert;
    assert.equal(resource?.v, 1);
    assert.deepEqual(await journalLines(dir), [{ c: 'things', k: '/tenantId', put: { id: 'a', tenantId: 't1', v: 1 } }]);
  });

  it('journals replace, patch, delete, bulk and a dropped container in the order the server applied them; reads add nothing', async () => {
    const dir = await newDir();
    const s = await serverWithClient();
    const journal = Journal.open(dir, 1);
    open.push({ ...s, journal });
    s.server.attachJournal(journal, 'db');
    const c: Container = s.container;

    const created = await c.items.create({ id: 'a', tenantId: 't1', v: 1 });
    await c.item('a', 't1').replace({ id: 'a', tenantId: 't1', v: 2 }, { accessCondition: { type: 'IfMatch', condition: created.etag } });
    await assert.rejects(
      c.item('a', 't1').replace({ id: 'a', tenantId: 't1', v: 99 }, { accessCondition: { type: 'IfMatch', condition: created.etag } }),
      (e: { code?: number }) => e.code === 412,
    );
    await c.item('a', 't1').patch([{ op: 'set', path: '/v', value: 3 }]);
    await c.item('a', 't1').read();
    await c.items.query('SELECT * FROM c').fetchAll();
    await c.items.executeBulkOperations([
      { operationType: 'Create', partitionKey: 't2', resourceBody: { id: 'b', tenantId: 't2' } },
      { operationType: 'Upsert', partitionKey: 't2', resourceBody: { id: 'c', tenantId: 't2' } },
    ]);
    await c.item('a', 't1').delete();
    await c.delete();

    assert.deepEqual(await journalLines(dir), [
      { c: 'things', k: '/tenantId', put: { id: 'a', tenantId: 't1', v: 1 } },
      { c: 'things', k: '/tenantId', put: { id: 'a', tenantId: 't1', v: 2 } },
      { c: 'things', k: '/tenantId', put: { id: 'a', tenantId: 't1', v: 3 } },
      { c: 'things', k: '/tenantId', put: { id: 'b', tenantId: 't2' } },
      { c: 'things', k: '/tenantId', put: { id: 'c', tenantId: 't2' } },
      { c: 'things', k: '/tenantId', del: { id: 'a', pk: 't1' } },
      { c: 'things', drop: true },
    ]);
  });

  it('two servers in one process journal only their own writes, and only in the attached database', async () => {
    const [dirA, dirB] = [await newDir(), await newDir()];
    const a = await serverWithClient();
    const b = await serverWithClient();
    const journalA = Journal.open(dirA, 1);
    const journalB = Journal.open(dirB, 1);
    open.push({ ...a, journal: journalA }, { ...b, journal: journalB });
    a.server.attachJournal(journalA, 'db');
    b.server.attachJournal(journalB, 'db');
    const { database: other } = await a.connection.client.databases.createIfNotExists({ id: 'other-db' });
    const { container: elsewhere } = await other.containers.createIfNotExists({ id: 'things', partitionKey: { paths: ['/tenantId'] } });

    await a.container.items.create({ id: 'in-a', tenantId: 't' });
    await b.container.items.create({ id: 'in-b', tenantId: 't' });
    await elsewhere.items.create({ id: 'other-db', tenantId: 't' });

    assert.deepEqual((await journalLines(dirA)).map((e) => ('put' in e ? e.put.id : '?')), ['in-a']);
    assert.deepEqual((await journalLines(dirB)).map((e) => ('put' in e ? e.put.id : '?')), ['in-b']);
  });

  it('a write the journal cannot store fails (503), and every request after it is refused', async () => {
    const dir = await newDir();
    const fullDisk: WriteBytes = async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    const s = await serverWithClient();
    await s.container.items.create({ id: 'before', tenantId: 't1' });
    const journal = Journal.open(dir, 1, { write: fullDisk });
    open.push({ ...s, journal });
    s.server.attachJournal(journal, 'db');

    await assert.rejects(s.container.items.create({ id: 'lost', tenantId: 't1' }), (e: { code?: number; message?: string }) => {
      assert.equal(e.code, 503);
      assert.match(String(e.message), /could not write its journal: ENOSPC/);
      return true;
    });
    await assert.rejects(s.container.item('before', 't1').read(), (e: { code?: number }) => e.code === 503);
    assert.ok(journal.failure !== undefined);
  });
});
