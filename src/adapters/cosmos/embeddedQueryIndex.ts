/**
 * Equality indexes for the embedded server's queries.
 *
 * @vercel/cosmosdb-server answers every query by running it over every document of the container,
 * of every organisation: a home turn's "the sessions of my agreements" read all the sessions the
 * deployment holds, so a person's turn grew with everyone's history. Cosmos DB answers the same
 * queries from its index. This gives the embedded server the part of that our queries need:
 *
 * - the first query whose WHERE requires `c.f = @p` (or `ARRAY_CONTAINS(@list, c.f)`, or an OR of
 *   such conditions) builds a hash index of the path `f` for that container, and every later write
 *   keeps it current (the server's own `_set` and `delete`, which create, replace, upsert and delete
 *   all go through);
 * - such a query then runs over only the documents its narrowest indexed condition allows. The
 *   query engine still applies the whole WHERE to them, and orders by `_rid` as it always does, so
 *   the answer is the same as before (test/adapters/cosmos/embeddedQueryIndex.test.ts compares the two on random
 *   documents and queries); only the documents it looks at are fewer.
 *
 * Only conditions that every answer must satisfy are used (top-level AND terms), only with
 * primitive parameter values (equality of an object is not a hash lookup), and never when a page
 * continues an earlier one (its continuation counts positions in the server's full list).
 * Like embeddedServerChanges.ts, this relies on the server's internals, checked at start: if they
 * move, `installQueryIndex` throws instead of answering wrongly.
 */

import { load, requireMethods } from './embeddedServerChanges';

type Doc = Record<string, unknown>;
interface Item {
  read(): Doc | undefined;
}
interface QueryParameters {
  readonly query: string;
  readonly parameters?: readonly { readonly name: string; readonly value: unknown }[];
}
interface ItemsInternals {
  _data: Map<string, Item>;
  _item(keyPath: string, value: unknown, partition: unknown): Item;
  _getQuery(sql: string): { readonly ast: unknown };
}
type Method = (this: ItemsInternals, ...args: unknown[]) => unknown;
type Prototype = Record<string, Method>;

/** A condition on one path whose answers lie in the union of the index's entries for `values`. */
interface Lookup {
  readonly path: readonly string[];
  /** A parameter whose value (or, with `each`, whose array's elements) the path must equal. */
  readonly parameter: string;
  readonly each: boolean;
}
/** One top-level AND term: its answers lie in the union of its lookups (one, or an OR of several). */
type Term = readonly Lookup[];

/** Per container: the indexes built so far, path key -> the path and its value key -> rids. */
class ContainerIndex {
  readonly byPath = new Map<string, { readonly path: readonly string[]; readonly entries: Map<string, Set<string>> }>();

  added(doc: Doc): void {
    for (const { path, entries } of this.byPath.values()) put(entries, doc, path);
  }

  removed(doc: Doc): void {
    for (const { path, entries } of this.byPath.values()) {
      const key = valueKey(valueAt(doc, path));
      const rids = key === undefined ? undefined : entries.get(key);
      rids?.delete(doc._rid as string);
      if (key !== undefined && rids?.size === 0) entries.delete(key);
    }
  }

  /** The index of `path`, built from every document the first time a query asks for it. */
  entries(path: readonly string[], data: Map<string, Item>): Map<string, Set<string>> {
    const pathKey = path.join('.');
    const built = this.byPath.get(pathKey);
    if (built !== undefined) return built.entries;
    const entries = new Map<string, Set<string>>();
    for (const item of data.values()) put(entries, item.read() ?? {}, path);
    this.byPath.set(pathKey, { path, entries });
    return entries;
  }
}

function put(entries: Map<string, Set<string>>, doc: Doc, path: readonly string[]): void {
  const key = valueKey(valueAt(doc, path));
  if (key === undefined) return;
  let rids = entries.get(key);
  if (rids === undefined) entries.set(key, (rids = new Set()));
  rids.add(doc._rid as string);
}

const indexes = new WeakMap<object, ContainerIndex>();
const plans = new WeakMap<object, readonly Term[]>();
let installed = false;
let enabled = true;
/** Documents handed to the query engine, all queries together (embeddedQueryIndex.test.ts reads it). */
let examined = 0;

function indexOf(items: ItemsInternals): ContainerIndex {
  let index = indexes.get(items);
  if (index === undefined) {
    index = new ContainerIndex();
    indexes.set(items, index);
  }
  return index;
}

/** A hashable key for a value the engine's `=` can match by identity of type and value; undefined otherwise. */
function valueKey(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return `s${value}`;
    case 'number':
      return `n${String(value)}`;
    case 'boolean':
      return `b${String(value)}`;
    case 'object':
      return value === null ? 'null' : undefined;
    default:
      return undefined;
  }
}

/** `c.a.b` of a document as the engine reads it: through objects and arrays alike (`c.tags.length`). */
function valueAt(doc: Doc, path: readonly string[]): unknown {
  let value: unknown = doc;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Doc)[key];
  }
  return value;
}

// --- reading the query's AST (@zeit/cosmosdb-query's parser) ----------------------------------

type Node = { readonly type?: string } & Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null;

/** `c.a.b` on the FROM root: ['a', 'b']; anything else: null. */
function rootPath(node: unknown, root: string): string[] | null {
  if (!isNode(node)) return null;
  if (node.type === 'scalar_member_expression' && node.computed === false && isNode(node.property) && node.property.type === 'identifier') {
    if (isNode(node.object) && node.object.type === 'identifier') return node.object.name === root ? [node.property.name as string] : null;
    const inner = rootPath(node.object, root);
    return inner === null ? null : [...inner, node.property.name as string];
  }
  return null;
}

const parameterName = (node: unknown): string | null => (isNode(node) && node.type === 'parameter_name' ? (node.name as string) : null);

/** The lookups whose union holds every answer of `node`, or null when it cannot be narrowed. */
function lookupsOf(node: unknown, root: string): Lookup[] | null {
  if (!isNode(node)) return null;
  if (node.type === 'scalar_binary_expression' && node.operator === '=') {
    for (const [a, b] of [
      [node.left, node.right],
      [node.right, node.left],
    ]) {
      const path = rootPath(a, root);
      const parameter = parameterName(b);
      if (path !== null && parameter !== null) return [{ path, parameter, each: false }];
    }
    return null;
  }
  if (node.type === 'scalar_binary_expression' && node.operator === 'OR') {
    const left = lookupsOf(node.left, root);
    const right = lookupsOf(node.right, root);
    return left === null || right === null ? null : [...left, ...right];
  }
  // The builtin only: a user-defined function may be named the same (udf.ARRAY_CONTAINS).
  if (node.type === 'scalar_function_expression' && node.udf !== true && isNode(node.name) && String(node.name.name).toUpperCase() === 'ARRAY_CONTAINS') {
    const args = node.arguments as unknown[];
    if (args.length !== 2) return null; // a third argument asks for partial (object) matches
    const parameter = parameterName(args[0]);
    const path = rootPath(args[1], root);
    return parameter !== null && path !== null ? [{ path, parameter, each: true }] : null;
  }
  return null;
}

/** The narrowing terms of a query: one per top-level AND term that can be narrowed. */
function termsOf(ast: unknown): Term[] {
  if (!isNode(ast) || !isNode(ast.body) || ast.body.type !== 'select_query') return [];
  const from = ast.body.from;
  if (!isNode(from) || !isNode(from.source) || from.source.type !== 'from_source') return [];
  // Not with JOINs or `FROM x IN c`: there the engine can fail on a document the index would have
  // left out (an object where an array is joined), and the failure must not turn into an answer.
  if ((Array.isArray(from.joins) && from.joins.length > 0) || from.source.iteration === true) return [];
  const collection = from.source.expression;
  if (!isNode(collection) || collection.type !== 'collection_expression' || !isNode(collection.expression)) return [];
  const alias = from.source.alias;
  const root = isNode(alias) && alias.type === 'identifier' ? (alias.name as string) : (collection.expression.name as string);
  const where = ast.body.where;
  if (!isNode(where) || where.type !== 'filter_condition') return [];
  const terms: Term[] = [];
  const visit = (node: unknown) => {
    if (isNode(node) && node.type === 'scalar_binary_expression' && node.operator === 'AND') {
      visit(node.left);
      visit(node.right);
      return;
    }
    const lookups = lookupsOf(node, root);
    if (lookups !== null) terms.push(lookups);
  };
  visit(where.condition);
  return terms;
}

/** The parameters as the engine sees them (executor.js): by name without its first character, the last one winning. */
function parameterValues(parameters: QueryParameters['parameters']): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const { name, value } of parameters ?? []) values.set(name.slice(1), value);
  return values;
}

/** The index entries whose union a term allows, or null when a parameter's value cannot be looked up. */
function allowed(term: Term, parameters: Map<string, unknown>, index: ContainerIndex, data: Map<string, Item>): Set<string>[] | null {
  const out: Set<string>[] = [];
  for (const lookup of term) {
    const name = lookup.parameter.slice(1);
    if (!parameters.has(name)) return null;
    const given = parameters.get(name);
    const values = lookup.each ? given : [given];
    if (!Array.isArray(values)) {
      // ARRAY_CONTAINS of a non-array is never true: it adds nothing (an OR's other side still may).
      if (lookup.each) continue;
      return null;
    }
    const entries = index.entries(lookup.path, data);
    for (const value of values) {
      const key = valueKey(value);
      if (key === undefined) return null;
      const rids = entries.get(key);
      if (rids !== undefined) out.push(rids);
    }
  }
  return out;
}

const sizeOf = (sets: readonly Set<string>[]) => sets.reduce((n, s) => n + s.size, 0);

/** The documents a query needs to look at, or null for all of them. */
function candidates(items: ItemsInternals, params: QueryParameters): Map<string, Item> | null {
  const query = items._getQuery(params.query);
  let terms = plans.get(query);
  if (terms === undefined) plans.set(query, (terms = termsOf(query.ast)));
  if (terms.length === 0) return null;
  const index = indexOf(items);
  // The term with the fewest entries (counted, not copied: the tenant's term holds all of them).
  let narrowest: Set<string>[] | null = null;
  const parameters = parameterValues(params.parameters);
  for (const term of terms) {
    const sets = allowed(term, parameters, index, items._data);
    if (sets !== null && (narrowest === null || sizeOf(sets) < sizeOf(narrowest))) narrowest = sets;
  }
  if (narrowest === null) return null;
  const union = narrowest.length === 1 ? narrowest[0] : new Set(narrowest.flatMap((s) => [...s]));
  const out = new Map<string, Item>();
  for (const rid of union) {
    const item = items._data.get(rid);
    if (item !== undefined) out.set(rid, item);
  }
  return out;
}

/** Wraps the server's documents once per process. Throws if its internals are not as expected. */
export function installQueryIndex(): void {
  if (installed) return;
  const documents = load('documents');
  requireMethods(documents, 'Documents', ['_set', 'delete', 'query', '_item', '_getQuery'], 'index its queries');
  const proto = documents as unknown as Prototype;
  const set = proto._set;
  proto._set = function indexedSet(this: ItemsInternals, ...args: unknown[]) {
    const result = set.apply(this, args) as Doc;
    indexes.get(this)?.added(result);
    return result;
  };
  const remove = proto.delete;
  proto.delete = function indexedDelete(this: ItemsInternals, ...args: unknown[]) {
    // A container no query has indexed yet (most writes) is not read before its delete.
    const index = indexes.get(this);
    if (index === undefined) return remove.apply(this, args);
    const doc = this._item('/id', args[0], args[1]).read();
    const result = remove.apply(this, args);
    if (doc !== undefined) index.removed(doc);
    return result;
  };
  const query = proto.query;
  proto.query = function indexedQuery(this: ItemsInternals, ...args: unknown[]) {
    const [params, options] = args as [QueryParameters, { continuation?: unknown } | undefined];
    let only: Map<string, Item> | null = null;
    if (enabled && (options?.continuation ?? null) === null && typeof params?.query === 'string') {
      try {
        only = candidates(this, params);
      } catch {
        // Whatever the server makes of a query it cannot parse, it makes of it unindexed too.
        only = null;
      }
    }
    examined += (only ?? this._data).size;
    if (only === null) return query.apply(this, args);
    // The server's own query over a view of this container that holds only the candidates.
    const view = Object.create(this, { _data: { value: only } }) as ItemsInternals;
    return query.apply(view, args);
  };
  installed = true;
}

/** For the equivalence test only: run queries over every document again (as the server alone does). */
export function setQueryIndexEnabled(on: boolean): void {
  enabled = on;
}

/** How many documents the server's queries have looked at since the process started. */
export function documentsExamined(): number {
  return examined;
}
