import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  foldJournal,
  Journal,
  listSegments,
  parseSegment,
  readJournal,
  removeSegmentsThrough,
  segmentFileName,
  type JournalEntry,
} from '../../../src/adapters/cosmos/journal';
import { removeDir, tempDataDir } from './support';

const put = (c: string, doc: { id: string; tenantId: string } & Record<string, unknown>): JournalEntry => ({ c, k: '/tenantId', put: doc });
const del = (c: string, id: string, pk: string): JournalEntry => ({ c, k: '/tenantId', del: { id, pk } });
const lines = (entries: readonly JournalEntry[]) => entries.map((e) => `${JSON.stringify(e)}\n`).join('');

describe('embedded store journal', () => {
  const dirs: string[] = [];
  const newDir = async () => {
    const d = await tempDataDir('journal');
    dirs.push(d);
    return d;
  };
  after(async () => {
    for (const d of dirs) await removeDir(d);
  });

  describe('reading segments', () => {
    it('ignores only a last line a crash cut short', () => {
      const whole = [put('people', { id: 'a', tenantId: 't1', v: 1 }), put('people', { id: 'b', tenantId: 't1', v: 2 })];
      const torn = JSON.stringify(put('people', { id: 'c', tenantId: 't1', v: 3 })).slice(0, 25);
      const parsed = parseSegment(lines(whole) + torn, 'journal.1.ndjson');
      assert.deepEqual(parsed.entries, whole);
      assert.equal(parsed.torn, true);
      assert.deepEqual(parseSegment(lines(whole), 'journal.1.ndjson'), { entries: whole, torn: false });
      assert.deepEqual(parseSegment('', 'journal.1.ndjson'), { entries: [], torn: false });
    });

    it('refuses a complete line that is not an entry, naming the segment and line', () => {
      const text = `${lines([put('people', { id: 'a', tenantId: 't1' })])}{"c":"people","k":"/tenantId"}\n${lines([del('people', 'a', 't1')])}`;
      assert.throws(() => parseSegment(text, 'journal.4.ndjson'), /journal\.4\.ndjson line 2 is not a journal entry/);
      assert.throws(() => parseSegment('not json\n', 'journal.4.ndjson'), /line 1/);
    });

    it('reads the segments after journalThrough in numeric order, and knows the last number', async () => {
      const dir = await newDir();
      await fs.writeFile(path.join(dir, segmentFileName(2)), lines([put('people', { id: 'two', tenantId: 't1' })]));
      await fs.writeFile(path.join(dir, segmentFileName(10)), lines([put('people', { id: 'ten', tenantId: 't1' })]) + '{"c":"peo');
      await fs.writeFile(path.join(dir, segmentFileName(9)), lines([put('people', { id: 'nine', tenantId: 't1' })]));
      await fs.writeFile(path.join(dir, 'store.json'), '{}');

      const all = await readJournal(dir);
      assert.deepEqual(
        all.entries.map((e) => ('put' in e ? e.put.id : '')),
        ['two', 'nine', 'ten'],
      );
      assert.equal(all.lastSegment, 10);
      assert.equal(all.segments, 3);
      assert.equal(all.tornLines, 1);

      const after2 = await readJournal(dir, 2);
      assert.deepEqual(
        after2.entries.map((e) => ('put' in e ? e.put.id : '')),
        ['nine', 'ten'],
      );
      assert.equal((await readJournal(dir, 12)).lastSegment, 12, 'numbers never go back below what the snapshot covers');

      await removeSegmentsThrough(dir, 9);
      assert.deepEqual(await listSegments(dir), [10]);
      assert.ok((await fs.readdir(dir)).includes('store.json'));
    });
  });

  describe('folding into a snapshot', () => {
    it('applies puts, deletes and drops in order; the last write to a document wins', () => {
      const folded = foldJournal(
        [
          { name: 'people', partitionKeyPath: '/tenantId', documents: [{ id: 'p1', tenantId: 't1', v: 0 }, { id: 'p2', tenantId: 't1' }] },
          { name: 'gone', partitionKeyPath: '/id', documents: [{ id: 'g' }] },
        ],
        [
          put('people', { id: 'p1', tenantId: 't1', v: 1 }),
          put('people', { id: 'p1', tenantId: 't2', v: 'other tenant' }),
          put('people', { id: 'p1', tenantId: 't1', v: 2 }),
          del('people', 'p2', 't1'),
          del('people', 'never-existed', 't1'),
          { c: 'gone', drop: true },
          { c: 'created', k: '/owner', put: { id: 'c1', owner: 'o' } },
        ],
      );
      assert.deepEqual(folded, [
        {
          name: 'people',
          partitionKeyPath: '/tenantId',
          documents: [
            { id: 'p1', tenantId: 't1', v: 2 },
            { id: 'p1', tenantId: 't2', v: 'other tenant' },
          ],
        },
        { name: 'created', partitionKeyPath: '/owner', documents: [{ id: 'c1', owner: 'o' }] },
      ]);
    });

    it('a delete then a re-create of the same document keeps the re-created one', () => {
      const folded = foldJournal([], [put('x', { id: 'a', tenantId: 't', v: 1 }), del('x', 'a', 't'), put('x', { id: 'a', tenantId: 't', v: 3 })]);
      assert.deepEqual(folded[0].documents, [{ id: 'a', tenantId: 't', v: 3 }]);
    });
  });

  describe('writing', () => {
    it('commits concurrent appends in groups, in append order, durable when whenDurable resolves', async () => {
      const dir = await newDir();
      const journal = Journal.open(dir, 1);
      const entries = Array.from({ length: 200 }, (_, i) => put('people', { id: `d${i}`, tenantId: 't1' }));
      const waits: Promise<void>[] = [];
      for (const [i, e] of entries.entries()) {
        journal.append(e);
        // Every few appends someone waits, as concurrent requests do.
        if (i % 10 === 9) waits.push(journal.whenDurable()!);
      }
      await Promise.all(waits);
      assert.equal(journal.whenDurable(), undefined, 'nothing left to wait for');
      assert.ok(journal.stats.syncs < entries.length, `group commit: ${journal.stats.syncs} syncs for ${entries.length} entries`);
      const text = await fs.readFile(path.join(dir, segmentFileName(1)), 'utf8');
      assert.deepEqual(parseSegment(text, 'j').entries, entries);
      await journal.close();
    });

    it('rotate seals the segment: what is appended after goes to the next one', async () => {
      const dir = await newDir();
      const journal = Journal.open(dir, 5);
      journal.append(put('people', { id: 'before', tenantId: 't1' }));
      const rotating = journal.rotate();
      journal.append(put('people', { id: 'after', tenantId: 't1' }));
      assert.equal(await rotating, 5);
      await journal.whenDurable();
      assert.equal(journal.segment, 6);
      const ids = async (n: number) =>
        parseSegment(await fs.readFile(path.join(dir, segmentFileName(n)), 'utf8'), 'j').entries.map((e) => ('put' in e ? e.put.id : ''));
      assert.deepEqual(await ids(5), ['before']);
      assert.deepEqual(await ids(6), ['after']);
      assert.deepEqual(await journal.close(), { segment: 6, empty: false });
      assert.throws(() => journal.append(put('people', { id: 'late', tenantId: 't1' })), /closed/);
    });

    it('never reuses a segment file that exists', async () => {
      const dir = await newDir();
      await fs.writeFile(path.join(dir, segmentFileName(3)), lines([put('people', { id: 'old', tenantId: 't1' })]));
      assert.throws(() => Journal.open(dir, 3), /EEXIST/);
    });
  });
});
