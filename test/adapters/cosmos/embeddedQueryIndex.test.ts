import { strict as assert } from 'node:assert';
import type { Container, SqlParameter } from '@azure/cosmos';
import fc from 'fast-check';
import { documentsExamined, setQueryIndexEnabled } from '../../../src/adapters/cosmos/embeddedQueryIndex';
import { openStore, type CosmosStore } from '../../../src/adapters/cosmos/store';
import { must, removeDir, tempDataDir } from './support';

/**
 * src/adapters/cosmos/embeddedQueryIndex.ts narrows the embedded server's queries to the documents
 * an equality condition allows. It must never change an answer: random documents, random writes
 * (create, upsert, replace, delete) and random queries of the shapes our repositories use and of
 * shapes that must not be narrowed, each asked through the real SDK with the index on and off.
 */
describe('embedded server: equality indexes for queries', () => {
  let dir: string;
  let store: CosmosStore;
  let c: Container;

  before(async () => {
    dir = await tempDataDir('query-index');
    store = must(await openStore({ kind: 'embedded', dataDir: dir }));
    const { container } = await store.database.containers.createIfNotExists({ id: 'index-test', partitionKey: { paths: ['/tenantId'] } });
    c = container;
  });
  after(async () => {
    setQueryIndexEnabled(true);
    await store?.close();
    await removeDir(dir);
  });

  /** The answer, or the status of the error: an error must stay an error with the index too. */
  const ask = async (query: string, parameters: SqlParameter[], indexed: boolean) => {
    setQueryIndexEnabled(indexed);
    try {
      const { resources } = await c.items.query({ query, parameters }, { partitionKey: 't1', maxItemCount: -1 }).fetchAll();
      return resources as unknown[];
    } catch (error) {
      return { error: (error as { code?: unknown }).code };
    } finally {
      setQueryIndexEnabled(true);
    }
  };

  // Values of every kind the engine's `=` tells apart, including ones an index cannot hash.
  const value = fc.oneof(
    fc.constantFrom('a', 'b', 'c', '1'),
    fc.constantFrom(1, 2, 1.5, 0),
    fc.boolean(),
    fc.constant(null),
    fc.constant({ k: 'a' }),
    fc.constant(['a']),
  );
  const doc = fc.record(
    {
      tenantId: fc.constantFrom('t1', 't2'),
      f: value,
      g: value,
      nested: fc.record({ x: value }, { requiredKeys: [] }),
      n: fc.integer({ min: 0, max: 5 }),
      // Mostly an array; sometimes an object, which a JOIN over it fails on.
      arr: fc.oneof(fc.array(value, { maxLength: 3 }), fc.constant({ k: 1 })),
    },
    { requiredKeys: ['tenantId', 'n'] },
  );
  const op = fc.record({ kind: fc.constantFrom('create', 'create', 'upsert', 'replace', 'delete'), doc, target: fc.nat(20) });
  const path = fc.constantFrom('f', 'g', 'nested.x', 'tenantId', 'arr.length');
  type Sql = (p: () => string, params: SqlParameter[]) => string;
  type Term = { readonly sql: Sql };
  const t = (sql: Sql): Term => ({ sql });
  const param = (params: SqlParameter[], name: string, v: unknown) => {
    params.push({ name, value: v as SqlParameter['value'] });
    return name;
  };
  const term: fc.Arbitrary<Term> = fc.oneof(
    fc.record({ path, v: value }).map(({ path, v }) => t((p, params) => `c.${path} = ${param(params, p(), v)}`)),
    fc.record({ path, v: value }).map(({ path, v }) => t((p, params) => `${param(params, p(), v)} = c.${path}`)),
    fc.record({ path, vs: fc.oneof(fc.array(value, { maxLength: 3 }), value) }).map(({ path, vs }) => t((p, params) => `ARRAY_CONTAINS(${param(params, p(), vs)}, c.${path})`)),
    fc.record({ a: path, b: path, v: value, w: value }).map(({ a, b, v, w }) => t((p, params) => `(c.${a} = ${param(params, p(), v)} OR c.${b} = ${param(params, p(), w)})`)),
    // ARRAY_CONTAINS of a non-array is undefined, and undefined OR true is true.
    fc.record({ a: path, b: path, l: fc.oneof(fc.array(value, { maxLength: 2 }), value), w: value }).map(({ a, b, l, w }) =>
      t((p, params) => `(ARRAY_CONTAINS(${param(params, p(), l)}, c.${a}) OR c.${b} = ${param(params, p(), w)})`),
    ),
    // A parameter given twice: the engine takes the last.
    fc.record({ path, decoy: value, v: value }).map(({ path, decoy, v }) =>
      t((p, params) => {
        const name = p();
        params.push({ name, value: decoy as SqlParameter['value'] });
        return `c.${path} = ${param(params, name, v)}`;
      }),
    ),
    // Shapes that must not narrow: a range, a negation, an OR with a range in it.
    fc.record({ v: fc.integer({ min: 0, max: 5 }) }).map(({ v }) => t((p, params) => `c.n >= ${param(params, p(), v)}`)),
    fc.record({ path, v: value }).map(({ path, v }) => t((p, params) => `NOT (c.${path} = ${param(params, p(), v)})`)),
    fc.record({ path, v: value, n: fc.integer({ min: 0, max: 5 }) }).map(({ path, v, n }) => t((p, params) => `(c.${path} = ${param(params, p(), v)} OR c.n < ${param(params, p(), n)})`)),
  );
  const query = fc.record({ terms: fc.array(term, { minLength: 1, maxLength: 3 }), top: fc.option(fc.integer({ min: 1, max: 4 })), orderById: fc.boolean(), join: fc.boolean() });

  let run = 0;
  it('answers every query as the unindexed server does, in the same order, through creates, upserts, replaces and deletes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), fc.array(query, { minLength: 1, maxLength: 4 }), async (ops, queries) => {
        run += 1;
        const ids: { id: string; tenantId: string }[] = [];
        for (const [i, o] of ops.entries()) {
          const existing = ids.length > 0 ? ids[o.target % ids.length] : undefined;
          if (o.kind === 'create' || existing === undefined) {
            const id = `r${run}-${i}`;
            await c.items.create({ id, ...o.doc });
            ids.push({ id, tenantId: o.doc.tenantId });
          } else if (o.kind === 'delete') {
            await c.item(existing.id, existing.tenantId).delete();
            ids.splice(ids.indexOf(existing), 1);
          } else {
            // The partition cannot change: keep the document's tenant.
            const next = { ...o.doc, id: existing.id, tenantId: existing.tenantId };
            if (o.kind === 'upsert') await c.items.upsert(next);
            else await c.item(existing.id, existing.tenantId).replace(next);
          }
          for (const q of queries) {
            const params: SqlParameter[] = [];
            let n = 0;
            const p = () => `@p${n++}`;
            const where = q.terms.map((t) => t.sql(p, params)).join(' AND ');
            const from = q.join ? 'c.id, t AS joined FROM c JOIN t IN c.arr' : '* FROM c';
            const sql = `SELECT ${q.top !== null ? `TOP ${q.top} ` : ''}${from} WHERE ${where}${q.orderById ? ' ORDER BY c.id' : ''}`;
            const unindexed = await ask(sql, params, false);
            const indexed = await ask(sql, params, true);
            assert.deepEqual(indexed, unindexed, sql);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('looks only at the documents an equality condition allows (a query by agreement among 300 sessions looks at that agreement\'s)', async () => {
    const { container: sessions } = await store.database.containers.createIfNotExists({ id: 'index-sessions', partitionKey: { paths: ['/tenantId'] } });
    for (let i = 0; i < 300; i++) await sessions.items.create({ id: `s${i}`, tenantId: 't1', type: 'session', agreementId: `a${i % 100}` });
    const count = async (query: string, parameters: SqlParameter[]) => {
      const before = documentsExamined();
      const { resources } = await sessions.items.query({ query, parameters }, { partitionKey: 't1', maxItemCount: -1 }).fetchAll();
      return { found: resources.length, examined: documentsExamined() - before };
    };
    const where = 'SELECT * FROM c WHERE c.tenantId = @t AND c.type = @type';
    const t = [
      { name: '@t', value: 't1' },
      { name: '@type', value: 'session' },
    ];
    assert.deepEqual(await count(`${where} AND c.agreementId = @a`, [...t, { name: '@a', value: 'a7' }]), { found: 3, examined: 3 });
    assert.deepEqual(await count(`${where} AND ARRAY_CONTAINS(@ids, c.agreementId)`, [...t, { name: '@ids', value: ['a1', 'a2', 'nothing'] }]), { found: 6, examined: 6 });
    // Only the tenant and the type to go on: every document of them is looked at, as before.
    assert.deepEqual(await count(where, t), { found: 300, examined: 300 });
  });
});
