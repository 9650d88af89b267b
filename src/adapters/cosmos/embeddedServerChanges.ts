/**
 * Sees every document change @vercel/cosmosdb-server applies, at the moment it applies it, so the
 * journal records changes in exactly the order the server made them (two ETag-guarded replaces of
 * one document are never swapped on replay). Watching HTTP responses instead could not promise that:
 * two requests' answers may go out in another order than their changes were made.
 *
 * This reaches into the server's internals (version pinned in package.json): its in-memory store
 * keeps each container's documents in a `Documents` object whose create/replace/upsert/delete every
 * route goes through (single writes, patch, batch and bulk alike). We wrap those methods once per
 * process and route each change to the journal of the server it belongs to, found through
 * back-pointers we add to the database and container objects the server creates. If a new version of
 * the server moves any of this, `installChangeHooks` throws at start instead of losing durability.
 */
import { stripSystemFields } from './snapshot';
import { partitionValue, type JournalEntry } from './journal';

/** Receives the changes of one server: the database they were made in, and the journal entry. */
export type ChangeSink = (databaseName: string, entry: JournalEntry) => void;

const PARENT = Symbol('embedded-store-parent');
const PORT = Symbol('embedded-store-port');

type Doc = Record<string, unknown> & { readonly id: string };
interface ItemLike {
  read(): (Record<string, unknown> & { id?: unknown; writableLocations?: { databaseAccountEndpoint?: string }[] }) | undefined;
  [PARENT]?: ItemLike;
  [PORT]?: number;
}
interface ItemsLike {
  readonly _parent: ItemLike;
  readonly _partitionKeyPath?: readonly string[];
  _item(keyPath: string, value: unknown, partition: unknown): ItemLike;
  _newItem(data?: unknown): ItemLike;
}
type Method = (this: ItemsLike, ...args: unknown[]) => unknown;
type Prototype = Record<string, Method>;

/** Per server port, who is told of its changes (the journal, the read cache). */
const sinks = new Map<number, Set<ChangeSink>>();
function sinkOf(port: number | undefined): ChangeSink | undefined {
  const observers = port === undefined ? undefined : sinks.get(port);
  if (observers === undefined || observers.size === 0) return undefined;
  // Each is told even if one before it throws (a closed journal): the change has been made.
  return (databaseName, entry) => {
    let failure: unknown;
    for (const observe of observers) {
      try {
        observe(databaseName, entry);
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
  };
}
let installed = false;
/** > 0 while inside a wrapped method: upsert calls replace, replace calls delete; only the outer one counts. */
let depth = 0;

/** The prototype of one of the server's account classes (documents, collections, databases). */
export function load(name: string): Prototype {
  const mod = require(`@vercel/cosmosdb-server/lib/account/${name}`) as { default?: { prototype?: Prototype } };
  const proto = mod.default?.prototype;
  if (proto === undefined) throw new Error(`@vercel/cosmosdb-server has no account/${name} class`);
  return proto;
}

/** Throws, naming what cannot be done (`purpose`), if the server's class lacks one of `methods`. */
export function requireMethods(proto: Prototype, name: string, methods: readonly string[], purpose = 'journal its writes'): void {
  for (const m of methods) {
    if (typeof proto[m] !== 'function') {
      throw new Error(`@vercel/cosmosdb-server's ${name} has no ${m}(): the embedded store cannot ${purpose} with this version`);
    }
  }
}

/** The port of the server an account belongs to (its endpoint says so), cached on the account. */
function portOf(account: ItemLike): number | undefined {
  if (account[PORT] === undefined) {
    const endpoint = account.read()?.writableLocations?.[0]?.databaseAccountEndpoint;
    if (endpoint === undefined) return undefined;
    account[PORT] = Number(new URL(endpoint).port);
  }
  return account[PORT];
}

interface Target {
  readonly sink: ChangeSink;
  readonly databaseName: string;
  readonly container: string;
}

function targetOf(collection: ItemLike): Target | undefined {
  const database = collection[PARENT];
  const account = database?.[PARENT];
  if (database === undefined || account === undefined) return undefined;
  const port = portOf(account);
  const sink = sinkOf(port);
  const databaseName = database.read()?.id;
  const container = collection.read()?.id;
  if (sink === undefined || typeof databaseName !== 'string' || typeof container !== 'string') return undefined;
  return { sink, databaseName, container };
}

function outermost(original: Method, after: (self: ItemsLike, args: unknown[], result: unknown, before: Doc | undefined) => void, before?: (self: ItemsLike, args: unknown[]) => Doc | undefined): Method {
  return function wrapped(this: ItemsLike, ...args: unknown[]) {
    if (depth > 0) return original.apply(this, args);
    const prior = before?.(this, args);
    depth += 1;
    let result: unknown;
    try {
      result = original.apply(this, args);
    } finally {
      depth -= 1;
    }
    // Only reached when the change was made (the server throws for conflicts and missing documents).
    after(this, args, result, prior);
    return result;
  };
}

/** Wraps the server's store once per process. Throws if the server's internals are not as expected. */
export function installChangeHooks(): void {
  if (installed) return;
  const databases = load('databases');
  const collections = load('collections');
  const documents = load('documents');
  requireMethods(databases, 'Databases', ['_newItem', '_item', 'delete']);
  requireMethods(collections, 'Collections', ['_newItem', '_item', 'delete']);
  requireMethods(documents, 'Documents', ['_item', 'create', 'replace', 'upsert', 'delete']);

  // Back-pointers: container -> database -> account, set as the server creates them.
  for (const proto of [databases, collections]) {
    const newItem = proto._newItem;
    proto._newItem = function withParent(this: ItemsLike, ...args: unknown[]) {
      const item = newItem.apply(this, args) as ItemLike;
      item[PARENT] = this._parent;
      return item;
    };
  }

  const keyPathOf = (self: ItemsLike) => self._partitionKeyPath?.[0] ?? '/id';
  const put = (self: ItemsLike, _args: unknown[], result: unknown) => {
    const target = targetOf(self._parent);
    if (target === undefined) return;
    target.sink(target.databaseName, { c: target.container, k: keyPathOf(self), put: stripSystemFields(result as Doc) });
  };
  for (const m of ['create', 'replace', 'upsert']) documents[m] = outermost(documents[m], put);

  documents.delete = outermost(
    documents.delete,
    (self, _args, _result, prior) => {
      const target = targetOf(self._parent);
      if (target === undefined || prior === undefined) return;
      const k = keyPathOf(self);
      target.sink(target.databaseName, { c: target.container, k, del: { id: prior.id, pk: partitionValue(prior, k) } });
    },
    (self, args) => self._item('/id', args[0], args[1]).read() as Doc | undefined,
  );

  collections.delete = outermost(
    collections.delete,
    (self, _args, _result, prior) => {
      const database = self._parent;
      const account = database[PARENT];
      const port = account === undefined ? undefined : portOf(account);
      const sink = sinkOf(port);
      const databaseName = database.read()?.id;
      if (sink === undefined || prior === undefined || typeof databaseName !== 'string') return;
      sink(databaseName, { c: prior.id, drop: true });
    },
    (self, args) => self._item('/id', args[0], args[1]).read() as Doc | undefined,
  );

  // A deleted database takes its containers with it: each is reported dropped.
  databases.delete = outermost(
    databases.delete,
    (self, _args, _result, prior) => {
      const port = portOf(self._parent);
      const sink = sinkOf(port);
      if (sink === undefined || prior === undefined) return;
      for (const container of prior.containers as string[]) sink(prior.id, { c: container, drop: true });
    },
    (self, args) => {
      const database = self._item('/id', args[0], args[1]) as ItemLike & { collections?: { _data?: Map<string, ItemLike> } };
      const id = database.read()?.id;
      if (typeof id !== 'string') return undefined;
      const containers = [...(database.collections?._data?.values() ?? [])].map((c) => c.read()?.id).filter((c): c is string => typeof c === 'string');
      return { id, containers };
    },
  );
  installed = true;
}

/** Sends the changes made by the server listening on `port` to `sink`, until the returned function is called. */
export function observeChanges(port: number, sink: ChangeSink): () => void {
  installChangeHooks();
  const observers = sinks.get(port) ?? new Set<ChangeSink>();
  sinks.set(port, observers);
  observers.add(sink);
  return () => {
    observers.delete(sink);
    if (observers.size === 0 && sinks.get(port) === observers) sinks.delete(port);
  };
}
