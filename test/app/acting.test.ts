import { strict as assert } from 'node:assert';
import { actingAs, type Contact } from '../../src/app/acting';
import { T1, world } from '../fakes/world';
import { failure, okValue } from '../fakes/results';

describe('app/acting: actingAs links an imported person on first contact, for every channel', () => {
  const kim = { id: 'new', tenantId: T1, email: 'kim@northshire.example', name: 'Kim Lee', roles: ['supervisee'] } as const;
  const actor = { tenantId: T1, aadObjectId: 'aad-kim' };

  /** A channel's contact lookup that counts how often it was asked. */
  const vouching = (contact: Contact | undefined) => {
    const asked = { count: 0 };
    return { asked, contact: async () => (asked.count++, contact) };
  };

  it('not found by id: links by the vouched address, runs the use case again, and says it linked', async () => {
    const w = world();
    w.deps.people.seed({ ...kim, roles: ['supervisee'] });
    const { asked, contact } = vouching({ email: 'Kim@Northshire.example' });
    let linked = 0;
    const run = actingAs(w.uc.identify, actor, contact, () => linked++);
    assert.equal(okValue(await run(w.uc.getHome, {})).person.name, 'Kim Lee');
    assert.equal(w.deps.people.peek(T1, 'new')?.aadObjectId, 'aad-kim');
    assert.deepEqual([asked.count, linked], [1, 1]);
    // Known by id from now on: the channel is not asked again.
    assert.equal(okValue(await run(w.uc.getHome, {})).person.name, 'Kim Lee');
    assert.equal(asked.count, 1);
  });

  it('a known person: the channel is never asked', async () => {
    const w = world();
    const { asked, contact } = vouching({ email: 'someone@northshire.example' });
    okValue(await actingAs(w.uc.identify, w.actor('sup1'), contact)(w.uc.getHome, {}));
    assert.equal(asked.count, 0);
  });

  it('no address vouched for, or one not on the staff list: the first answer stands, and the channel is asked once per runner', async () => {
    const w = world();
    const none = vouching(undefined);
    const run = actingAs(w.uc.identify, actor, none.contact);
    const first = failure(await run(w.uc.getHome, {}), 'UNKNOWN_USER');
    failure(await run(w.uc.getHome, {}), 'UNKNOWN_USER');
    assert.equal(none.asked.count, 1);

    const stranger = vouching({ email: 'nobody@elsewhere.example' });
    const refused = failure(await actingAs(w.uc.identify, actor, stranger.contact)(w.uc.getHome, {}), 'UNKNOWN_USER');
    assert.equal(refused.message, first.message, 'the use case’s own answer, not the lookup’s');
  });

  it('the link cannot be saved (the store is down): that is the answer, and nothing is run twice', async () => {
    const w = world();
    w.deps.people.seed({ ...kim, roles: ['supervisee'] });
    const { contact } = vouching({ email: 'kim@northshire.example' });
    let calls = 0;
    const counted = async (a: typeof actor, c: Record<string, never>) => (calls++, w.uc.getHome(a, c));
    w.deps.people.failNext('replace');
    failure(await actingAs(w.uc.identify, actor, contact)(counted, {}), 'STORE_UNAVAILABLE');
    assert.equal(calls, 1);
    assert.equal(w.deps.people.peek(T1, 'new')?.aadObjectId, undefined);
  });
});
