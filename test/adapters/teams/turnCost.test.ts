/**
 * What a message turn costs the store (issue 10, "turns near the floor"): every request the Cosmos
 * SDK makes to the embedded server during one turn, counted on the wire (Node's http client
 * diagnostics channel), so a repeated read or a query over the whole organisation cannot creep back
 * in unnoticed. The harness runs no background loop, so what is counted is the turn's alone.
 */
import { strict as assert } from 'node:assert';
import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { textOf, verbsOf } from './cardTools';
import { activeAgreement, heldSession } from '../../fakes/records';
import { concern } from '../cosmos/support';
import { must, startHarness, T1, type Harness } from './support';

interface StoreRequest {
  readonly method: string;
  readonly path: string;
  readonly queryPlan: boolean;
}

/**
 * A short name for one request: "read people" (a point read), "query agreements" and, before it,
 * "plan agreements" (the SDK asks for a query plan first: a query costs two round trips).
 */
function nameOf(r: StoreRequest): string {
  const parts = r.path.split('?')[0].split('/').filter((p) => p !== '');
  const collection = parts.includes('colls') ? parts[parts.indexOf('colls') + 1] : parts.join('/');
  const onDocument = parts.indexOf('docs') !== -1 && parts.indexOf('docs') < parts.length - 1;
  const verb = r.queryPlan ? 'plan' : onDocument ? (r.method === 'GET' ? 'read' : 'write') : r.method === 'POST' ? 'query' : r.method;
  return `${verb} ${collection}`;
}

/** A harness for the enclosing describe, and the store requests its turns make, named by nameOf. */
function countingHarness(options: { readCache: boolean }) {
  let h: Harness;
  let port: string;
  let seen: StoreRequest[] | undefined;
  const onRequest = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    if (seen === undefined || !String(request.getHeader('host') ?? '').endsWith(`:${port}`)) return;
    seen.push({ method: request.method, path: request.path, queryPlan: request.getHeader('x-ms-cosmos-is-query-plan-request') !== undefined });
  };

  before(async () => {
    h = await startHarness({ readCache: options.readCache });
    port = new URL(h.store.endpoint).port;
    diagnostics.subscribe('http.client.request.start', onRequest);
  });

  after(async () => {
    diagnostics.unsubscribe('http.client.request.start', onRequest);
    await h?.close();
  });

  /** The store requests of `turn`. */
  async function during<T>(turn: () => Promise<T>): Promise<{ result: T; requests: string[] }> {
    seen = [];
    const result = await turn();
    const requests = seen.map(nameOf).sort();
    seen = undefined;
    return { result, requests };
  }

  return {
    get h() {
      return h;
    },
    during,
    /** The store requests of one text turn, after the SDK's first-use look-ups and the person's first contact. */
    async requestsOf(who: 'sam' | 'daniel' | 'rachel', text: string): Promise<{ cards: unknown[]; requests: string[] }> {
      const user = h.user(who);
      await user.say(text);
      const { result: cards, requests } = await during(() => user.say(text));
      return { cards, requests };
    },
  };
}

describe('Teams bot: what one message turn asks of the store (requests counted on the wire, no read cache, as on Cosmos DB)', () => {
  const counting = countingHarness({ readCache: false });
  const requestsOf = counting.requestsOf;

  it('"help": the conversation reference, the person (through their identity), their organisation and their own agreements, each read once', async () => {
    const { cards, requests } = await requestsOf('sam', 'help');
    assert.match(textOf(cards[0]), /I help you keep to the supervision standards/);
    // Sam supervises: the card offers what a supervisor may start (the facts the reads were for).
    assert.ok(verbsOf(cards[0]).includes('agreement.propose.form'));
    assert.deepEqual(requests, [
      'read conversations', // the conversation reference, unchanged: not written
      'read people', // the Teams identity's pointer
      'read people', // the person it points at
      'read organisations',
      'plan agreements', // whether they supervise an active agreement (may they schedule a session)
      'query agreements',
    ].sort());
  });

  it('"home": the same reads, then only what the home card shows (sessions of their agreements, their concerns)', async () => {
    const { cards, requests } = await requestsOf('daniel', 'home');
    assert.match(textOf(cards[0]), /Daniel/);
    const extra = [...requests];
    for (const r of ['read conversations', 'read people', 'read people', 'read organisations', 'plan agreements', 'query agreements']) {
      const i = extra.indexOf(r);
      assert.notEqual(i, -1, `${r} in ${requests.join(', ')}`);
      extra.splice(i, 1);
    }
    assert.deepEqual(extra.sort(), ['plan concerns', 'query concerns'], 'concerns raised or handled, in one query; daniel has no agreement, so no sessions');
  });

  it('"home" of a supervisor of three: the sessions of all three agreements in one query, not one per supervisee', async () => {
    for (const who of ['noah', 'daniel', 'leah'] as const) {
      must(await counting.h.repos.agreements.create(activeAgreement({ id: `cost-${who}`, tenantId: T1, superviseeId: who, supervisorId: 'rachel', supervisorHistory: [{ supervisorId: 'rachel', from: '2026-03-02' }] })));
    }
    must(await counting.h.repos.sessions.create(heldSession('2026-03-02T08:00:00.000Z', 95, { id: 'cost-session', tenantId: T1, agreementId: 'cost-daniel', supervisorId: 'rachel', superviseeId: 'daniel' })));
    const { cards, requests } = await requestsOf('rachel', 'home');
    // What the reads were for: the three supervisees and the session held with Daniel are on the card.
    const text = textOf(cards[0]);
    for (const name of ['Noah Patel', 'Daniel Evans', 'Leah Thompson']) assert.match(text, new RegExp(name));
    assert.match(text, /Last session: 2 Mar 08:00 with Daniel Evans, 1 h 35 min/);
    assert.deepEqual(
      requests,
      ['read conversations', 'read people', 'read people', 'read organisations', 'plan agreements', 'query agreements', 'plan sessions', 'query sessions', 'plan concerns', 'query concerns', 'read people', 'read people', 'read people'].sort(),
    );
  });
});

describe('Teams bot: the embedded store\'s read cache (requests counted on the wire)', () => {
  const counting = countingHarness({ readCache: true });

  it('a turn that reads what did not change asks the store nothing, and its card is the same', async () => {
    const sam = counting.h.user('sam');
    await sam.say('help');
    await sam.say('help');
    const uncached = textOf((await sam.say('help'))[0]);
    const { result, requests } = await counting.during(() => sam.say('help'));
    assert.deepEqual(requests, []);
    assert.equal(textOf(result[0]), uncached);
  });

  it('a change is seen at once: after another writer renames the organisation, the next turn reads it again, and only it', async () => {
    const sam = counting.h.user('sam');
    await sam.say('home');
    await sam.say('home');
    const settings = must(await counting.h.repos.organisations.get(T1))!;
    must(await counting.h.repos.organisations.save({ ...settings.value, name: 'Northshire County Council' }, settings.etag));
    const { result, requests } = await counting.during(() => sam.say('home'));
    assert.match(textOf(result[0]), /Northshire County Council/);
    assert.deepEqual(requests, ['read organisations']);
  });

  it('a concern raised by another writer shows on the next home card: the concerns are asked again, nothing else', async () => {
    const daniel = counting.h.user('daniel');
    await daniel.say('home');
    const before = textOf((await daniel.say('home'))[0]);
    assert.match(before, /Open concerns: None/);
    must(await counting.h.repos.concerns.create(concern(T1, 'cache-concern', 'daniel')));
    const { result, requests } = await counting.during(() => daniel.say('home'));
    assert.match(textOf(result[0]), /Open concerns: 1/);
    assert.deepEqual(requests, ['plan concerns', 'query concerns']);
  });
});
