import { strict as assert } from 'node:assert';
import type { Container } from '@azure/cosmos';
import { isQueryEnginePatched } from '../../../src/adapters/cosmos/embeddedServer';
import { openStore, type CosmosStore } from '../../../src/adapters/cosmos/store';
import { must, removeDir, tempDataDir } from './support';

/**
 * patches/@zeit+cosmosdb-query+0.7.2.patch rewrites how the embedded server's query engine builds
 * its rows (append in place instead of copying the array per document). These check that the patch
 * is applied and that the query shapes it touches (FROM, JOIN, subqueries, result pages) still give
 * the right answers through the SDK.
 */
describe('embedded server query engine (patched)', () => {
  let dir: string;
  let store: CosmosStore;
  let c: Container;

  before(async () => {
    dir = await tempDataDir('query');
    store = must(await openStore({ kind: 'embedded', dataDir: dir }));
    const { container } = await store.database.containers.createIfNotExists({ id: 'query-test', partitionKey: { paths: ['/tenantId'] } });
    c = container;
    for (let i = 0; i < 30; i += 1) {
      await c.items.create({
        id: `d${i}`,
        tenantId: i % 2 === 0 ? 't1' : 't2',
        n: i,
        tags: i % 3 === 0 ? [] : [{ name: `tag${i % 4}`, v: i }, { name: 'common', v: -i }],
        list: [1, null, i],
      });
    }
  });
  after(async () => {
    await store?.close();
    await removeDir(dir);
  });

  const run = async <T>(query: string, parameters: { name: string; value: string | number }[] = []) =>
    (await c.items.query<T>({ query, parameters }, { maxItemCount: -1 }).fetchAll()).resources;

  it('is applied (npm install runs patch-package as postinstall)', () => {
    assert.equal(isQueryEnginePatched(), true);
  });

  it('filters', async () => {
    const rows = await run<{ id: string }>('SELECT c.id FROM c WHERE c.tenantId = @t AND c.n >= @min', [
      { name: '@t', value: 't1' },
      { name: '@min', value: 20 },
    ]);
    assert.deepEqual(rows.map((r) => r.id).sort(), ['d20', 'd22', 'd24', 'd26', 'd28']);
  });

  it('joins, one row per array element, skipping empty arrays', async () => {
    const rows = await run<{ id: string; name: string }>('SELECT c.id, t.name FROM c JOIN t IN c.tags WHERE c.n < 5');
    assert.deepEqual(rows.map((r) => `${r.id}:${r.name}`).sort(), ['d1:common', 'd1:tag1', 'd2:common', 'd2:tag2', 'd4:common', 'd4:tag0']);
  });

  it('runs EXISTS and ARRAY subqueries per document', async () => {
    const withTag1 = await run<string>('SELECT VALUE c.id FROM c WHERE EXISTS(SELECT VALUE t FROM t IN c.tags WHERE t.name = @n)', [{ name: '@n', value: 'tag1' }]);
    assert.deepEqual([...withTag1].sort(), ['d1', 'd13', 'd17', 'd25', 'd29', 'd5']);
    const names = await run<{ names: string[] }>('SELECT ARRAY(SELECT VALUE t.name FROM t IN c.tags) AS names FROM c WHERE c.id = @id', [{ name: '@id', value: 'd2' }]);
    assert.deepEqual(names, [{ names: ['tag2', 'common'] }]);
  });

  it('keeps nulls in arrays of results, orders, counts and pages', async () => {
    const lists = await run<{ list: unknown[] }>('SELECT c.list FROM c WHERE c.id = @id', [{ name: '@id', value: 'd7' }]);
    assert.deepEqual(lists, [{ list: [1, null, 7] }]);
    const top = await run<number>('SELECT TOP 3 VALUE c.n FROM c ORDER BY c.n DESC');
    assert.deepEqual(top, [29, 28, 27]);
    assert.deepEqual(await run<number>('SELECT VALUE COUNT(1) FROM c WHERE c.tenantId = @t', [{ name: '@t', value: 't2' }]), [15]);
    const paged: number[] = [];
    for await (const page of c.items.query<number>('SELECT VALUE c.n FROM c', { maxItemCount: 7 }).getAsyncIterator()) paged.push(...page.resources);
    assert.deepEqual([...paged].sort((a, b) => a - b), Array.from({ length: 30 }, (_, i) => i));
  });
});
