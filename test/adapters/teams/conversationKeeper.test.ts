/**
 * The ConversationKeeper on the real Cosmos repository (embedded server): the serviceUrl refresh a
 * group chat makes is derived from an earlier read, so a 1:1 install landing between that read and
 * its write must survive it. The write in between is made through the same repository at a chosen
 * point (right after the keeper's read), so the interleaving is exact rather than left to timing.
 */
import { strict as assert } from 'node:assert';
import type { Activity } from 'botbuilder';
import { createCosmosRepositories, type CosmosRepositories } from '../../../src/adapters/cosmos/repositories';
import { openStore, type CosmosStore } from '../../../src/adapters/cosmos/store';
import { ConversationKeeper, KEEPER_MAX_WRITES } from '../../../src/adapters/teams/conversationKeeper';
import type { ConversationRepository, Versioned } from '../../../src/app/ports';
import type { ConversationRecord, TenantId } from '../../../src/domain/model';
import type { Result } from '../../../src/domain/result';
import { FixedClock } from '../../fakes/ports';
import { must, removeDir, tempDataDir } from '../cosmos/support';

const T = 'tenant-keeper';
const OLD_URL = 'https://smba.trafficmanager.net/uk/';
const GROUP_URL = 'https://smba.trafficmanager.net/emea/';
const INSTALL_URL = 'https://smba.trafficmanager.net/amer/';
const T0 = '2026-03-02T09:00:00.000Z';
const T1 = '2026-03-02T10:00:00.000Z';
const T2 = '2026-03-02T10:00:01.000Z';

/** The real repository, with a hook run after a read has answered and before its caller sees it. */
class Interleaving implements ConversationRepository {
  afterRead: (() => Promise<void>) | undefined;
  reads = 0;
  constructor(
    private readonly inner: ConversationRepository,
    private readonly once = true,
  ) {}
  async get(tenantId: TenantId, aadObjectId: string): Promise<Result<Versioned<ConversationRecord> | null>> {
    const found = await this.inner.get(tenantId, aadObjectId);
    this.reads++;
    const hook = this.afterRead;
    if (this.once) this.afterRead = undefined;
    if (hook !== undefined) await hook();
    return found;
  }
  upsert(record: ConversationRecord): Promise<Result<ConversationRecord>> {
    return this.inner.upsert(record);
  }
  replace(record: ConversationRecord, etag: string): Promise<Result<Versioned<ConversationRecord>>> {
    return this.inner.replace(record, etag);
  }
}

const personal = (who: string, extra: Record<string, unknown> = {}): Partial<Activity> =>
  ({
    type: 'message',
    channelId: 'msteams',
    serviceUrl: OLD_URL,
    from: { id: `29:${who}`, aadObjectId: `aad-${who}` },
    recipient: { id: '28:bot', name: 'Supervision Bot' },
    conversation: { id: `a:1on1-${who}`, conversationType: 'personal', tenantId: T },
    ...extra,
  }) as Partial<Activity>;

const install = (who: string, serviceUrl: string) => personal(who, { type: 'installationUpdate', action: 'add', serviceUrl });
const uninstall = (who: string) => personal(who, { type: 'installationUpdate', action: 'remove' });
const inGroup = (who: string, serviceUrl: string) =>
  personal(who, { serviceUrl, conversation: { id: '19:group', conversationType: 'groupChat', isGroup: true, tenantId: T } });

describe('ConversationKeeper (embedded Cosmos, real SDK)', () => {
  let dir: string;
  let store: CosmosStore;
  let repos: CosmosRepositories;

  before(async () => {
    dir = await tempDataDir('keeper');
    store = must(await openStore({ kind: 'embedded', dataDir: dir, saveDebounceMs: 60_000, saveMaxDelayMs: 60_000 }));
    repos = createCosmosRepositories(store.database);
  });

  after(async () => {
    await store?.close();
    await removeDir(dir);
  });

  const stored = async (who: string) => must(await repos.conversations.get(T, `aad-${who}`));

  /** A person who installed, then removed the app: the record says installed: false. */
  async function removed(who: string): Promise<void> {
    const keeper = new ConversationKeeper(repos.conversations, new FixedClock(T0));
    must(await keeper.refresh(install(who, OLD_URL)));
    must(await keeper.refresh(uninstall(who)));
    assert.equal((await stored(who))?.value.installed, false);
  }

  it('a group refresh never undoes a 1:1 install that lands between its read and its write; the later install stands', async () => {
    await removed('ann');
    const hooked = new Interleaving(repos.conversations);
    const group = new ConversationKeeper(hooked, new FixedClock(T1));
    const oneToOne = new ConversationKeeper(repos.conversations, new FixedClock(T2));
    hooked.afterRead = async () => {
      const back = must(await oneToOne.refresh(install('ann', INSTALL_URL)));
      assert.equal(back.newlyInstalled, true);
    };

    const kept = must(await group.refresh(inGroup('ann', GROUP_URL)));
    const now = await stored('ann');
    assert.equal(now?.value.installed, true, 'the install is not undone');
    assert.equal(now?.value.conversationId, 'a:1on1-ann');
    assert.equal(now?.value.serviceUrl, INSTALL_URL, 'written after this activity: its serviceUrl stands');
    assert.equal(now?.value.updatedAt, T2);
    assert.deepEqual(kept.current, now?.value);
    assert.equal(kept.previous?.installed, false, 'previous is what the group activity read');
  });

  it('a write in between stamped no later: this serviceUrl goes on top of it, under the fresh etag', async () => {
    await removed('bea');
    const hooked = new Interleaving(repos.conversations);
    const clock = new FixedClock(T1);
    const group = new ConversationKeeper(hooked, clock);
    const oneToOne = new ConversationKeeper(repos.conversations, clock);
    hooked.afterRead = async () => void must(await oneToOne.refresh(install('bea', OLD_URL)));

    const kept = must(await group.refresh(inGroup('bea', GROUP_URL)));
    const now = await stored('bea');
    assert.equal(now?.value.installed, true, 'the install is not undone');
    assert.equal(now?.value.serviceUrl, GROUP_URL);
    assert.equal((now?.value.reference as { serviceUrl?: string }).serviceUrl, GROUP_URL);
    assert.deepEqual(kept.current, now?.value);
    assert.equal(hooked.reads, 2, 'read again after the CONFLICT');
  });

  it(`gives up with CONFLICT after ${KEEPER_MAX_WRITES} guarded writes lose, leaving the last write in place`, async () => {
    await removed('cai');
    const hooked = new Interleaving(repos.conversations, false);
    const group = new ConversationKeeper(hooked, new FixedClock(T1));
    let n = 0;
    hooked.afterRead = async () => {
      const current = must(await repos.conversations.get(T, 'aad-cai'));
      assert.ok(current !== null);
      n++;
      must(await repos.conversations.upsert({ ...current.value, serviceUrl: `https://smba.example/${n}/`, updatedAt: T0 }));
    };
    const result = await group.refresh(inGroup('cai', GROUP_URL));
    assert.equal(!result.ok && result.error.code, 'CONFLICT');
    assert.equal(n, KEEPER_MAX_WRITES);
    assert.equal((await stored('cai'))?.value.serviceUrl, `https://smba.example/${KEEPER_MAX_WRITES}/`);
  });

  it('writes an install even when nothing in the record changed (so a write derived from an older read conflicts); a plain message that changes nothing is not written', async () => {
    const keeper = new ConversationKeeper(repos.conversations, new FixedClock(T1));
    must(await keeper.refresh(install('dan', OLD_URL)));
    const first = await stored('dan');
    must(await keeper.refresh(personal('dan', { text: 'home' })));
    assert.equal((await stored('dan'))?.etag, first?.etag, 'a message with nothing new: no write');
    const again = must(await keeper.refresh(install('dan', OLD_URL)));
    assert.equal(again.newlyInstalled, false, 'already installed in this chat: not a new installation');
    const second = await stored('dan');
    assert.deepEqual(second?.value, first?.value);
    assert.notEqual(second?.etag, first?.etag, 'the install was written');
  });

  it('a group activity for someone with no 1:1 reference keeps nothing', async () => {
    const keeper = new ConversationKeeper(repos.conversations, new FixedClock(T1));
    const kept = must(await keeper.refresh(inGroup('eve', GROUP_URL)));
    assert.deepEqual(kept, { previous: null, current: null, newlyInstalled: false });
    assert.equal(await stored('eve'), null);
  });
});
