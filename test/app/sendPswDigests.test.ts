import assert from 'node:assert/strict';
import type { DigestFacts } from '../../src/app/proactiveMessages';
import { sendPswDigests } from '../../src/app/sendPswDigests';
import type { ConversationRecord, Instant, OrganisationSettings, Person } from '../../src/domain/model';
import { defaultOrganisationSettings } from '../../src/domain/organisationDefaults';
import { emptyPorts, FakeConcerns, FakeConversations } from '../fakes/ports';
import { activeAgreement } from '../fakes/records';

// Monday 2 March 2026, 09:00 in London (GMT): the first working day of the week, at the send time.
const MONDAY: Instant = '2026-03-02T09:00:00.000Z';
const TAB = 'https://bot.example/tab/';

const person = (id: string, roles: Person['roles'], aad?: string): Person => ({ id, tenantId: 't1', email: `${id}@example.org`, name: id.toUpperCase(), roles, ...(aad ? { aadObjectId: aad } : {}) });
const conversation = (aad: string, installed: boolean): ConversationRecord => ({
  tenantId: 't1',
  aadObjectId: aad,
  conversationId: `c-${aad}`,
  serviceUrl: 'https://smba.example/',
  botId: 'bot',
  channelId: 'msteams',
  reference: {},
  installed,
  updatedAt: MONDAY,
});

async function world(over: Partial<OrganisationSettings> = {}) {
  const ports = { ...emptyPorts(MONDAY), concerns: new FakeConcerns(), conversations: new FakeConversations() };
  await ports.organisations.save({ ...defaultOrganisationSettings('t1', 'Council'), pswIds: ['psw'], adminIds: ['adm'], ...over });
  for (const p of [person('psw', ['psw'], 'aad-psw'), person('adm', ['admin'], 'aad-adm'), person('or', ['supervisor'], 'aad-or'), person('ee', ['supervisee']), person('ex', ['supervisee'], 'aad-ex')]) {
    await ports.people.create(p);
  }
  await ports.agreements.create(activeAgreement({ id: 'a1', tenantId: 't1', superviseeId: 'ee', supervisorId: 'or', employmentStart: '2026-02-02', agreementStart: '2026-02-02' }));
  await ports.conversations.upsert(conversation('aad-psw', true));
  // The supervisor removed the app; the supervisee never talked to the bot.
  await ports.conversations.upsert(conversation('aad-or', false));
  return ports;
}

const queued = (ports: Awaited<ReturnType<typeof world>>) => [...ports.outbox.all()].filter((e) => e.kind === 'digest');

describe('app/sendPswDigests', () => {
  it("queues one digest per PSW per week, at the send time of the week's first working day, with the tab's address", async () => {
    const ports = await world();
    const early = await sendPswDigests(ports, '2026-03-02T08:59:00.000Z', TAB);
    assert.ok(early.ok);
    assert.equal(queued(ports).length, 0, 'not before the send time');

    const r = await sendPswDigests(ports, MONDAY, TAB);
    assert.ok(r.ok);
    assert.equal(r.value.queued, 1);
    const [entry] = queued(ports);
    assert.equal(entry.id, 'digest:2026-W10:psw');
    assert.equal(entry.recipientAadObjectId, 'aad-psw');
    const data = (entry.payload as { data: DigestFacts }).data;
    assert.equal(data.tabUrl, TAB);
    assert.equal(data.week, '2026-W10');
    assert.deepEqual(data.unreachable.map((u) => [u.person.id, u.reason]), [['ee', 'never-talked'], ['or', 'removed-the-app']]);

    const again = await sendPswDigests(ports, '2026-03-03T10:00:00.000Z', TAB);
    assert.ok(again.ok);
    assert.equal(queued(ports).length, 1, 'once a week');
  });

  it('goes to the admins when there is no PSW; not at all when turned off; on the chosen day otherwise', async () => {
    const noPsw = await world({ pswIds: [] });
    assert.ok((await sendPswDigests(noPsw, MONDAY, null)).ok);
    assert.deepEqual(queued(noPsw).map((e) => e.recipientAadObjectId), ['aad-adm']);

    const off = await world({ pswDigestDay: 'off' });
    assert.ok((await sendPswDigests(off, MONDAY, TAB)).ok);
    assert.equal(queued(off).length, 0);

    const wednesday = await world({ pswDigestDay: 3 });
    assert.ok((await sendPswDigests(wednesday, MONDAY, TAB)).ok);
    assert.equal(queued(wednesday).length, 0, 'not on Monday');
    assert.ok((await sendPswDigests(wednesday, '2026-03-04T09:00:00.000Z', TAB)).ok);
    assert.equal(queued(wednesday).length, 1, 'on Wednesday');
  });

  it('a PSW who has not talked to the bot yet is counted as waiting, and nothing is queued for them', async () => {
    // 'ee' was imported by email and has no Teams identity yet.
    const ports = await world({ pswIds: ['ee', 'psw'] });
    const r = await sendPswDigests(ports, MONDAY, TAB);
    assert.ok(r.ok);
    assert.deepEqual([r.value.queued, r.value.waitingForTeams], [1, 1]);
    assert.deepEqual(queued(ports).map((e) => e.id), ['digest:2026-W10:psw']);
  });
});
