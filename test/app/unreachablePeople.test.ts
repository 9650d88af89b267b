/**
 * Issue 9 part 7: the people the bot cannot reach are listed, with the reason and what to do, to
 * admins and PSWs on their home card (the rendered card, not only the view); nobody else sees it.
 */
import assert from 'node:assert/strict';
import { presentHome, render } from '../../src/adapters/cards';
import type { ConversationRepository, Versioned } from '../../src/app/ports';
import type { ConversationRecord } from '../../src/domain/model';
import { ok } from '../../src/domain/result';
import { createUseCases } from '../../src/app/index';
import { textOf } from '../adapters/teams/cardTools';
import { okValue } from '../fakes/results';
import { PEOPLE, T1, seedAgreement, world } from '../fakes/world';

function conversations(records: Record<string, boolean>): Pick<ConversationRepository, 'get'> {
  return {
    get: async (tenantId, aadObjectId) => {
      const installed = records[aadObjectId];
      if (installed === undefined) return ok(null);
      const record: ConversationRecord = { tenantId, aadObjectId, conversationId: `c-${aadObjectId}`, serviceUrl: 'https://service.example', botId: 'bot', channelId: 'msteams', reference: {}, installed, updatedAt: '2026-03-01T09:00:00.000Z' };
      return ok({ value: record, etag: 'e' } as Versioned<ConversationRecord>);
    },
  };
}

describe('getHome: people the bot cannot reach', () => {
  it('lists, to a PSW, each party to a live agreement the bot cannot reach, with the reason and what to do', async () => {
    const w = world();
    // sup1 removed the bot; nqsw never linked; sw2 linked but the app was never installed for them.
    const nqsw = w.deps.people.rows.get(`${T1}\u0000nqsw`);
    assert.ok(nqsw);
    const { aadObjectId: _linked, ...unlinked } = nqsw.value;
    await w.deps.people.replace(unlinked, nqsw.etag);
    seedAgreement(w);
    seedAgreement(w, { id: 'agr-2', superviseeId: 'sw2', supervisorId: 'sup2', nqsw: false, employmentStart: '2020-09-01', agreementStart: '2026-03-02' });
    const linked = Object.values(PEOPLE).filter((p) => p.tenantId === T1 && p.aadObjectId !== undefined).map((p) => p.aadObjectId as string);
    const records: Record<string, boolean> = Object.fromEntries(linked.map((a) => [a, true]));
    records['aad-sup1'] = false;
    delete records['aad-sw2'];
    const deps = { ...w.deps, conversations: conversations(records) };
    const uc = createUseCases(deps);

    const home = okValue(await uc.getHome(w.actor('psw'), {}));
    assert.deepEqual(
      home.unreachable.map((u) => [u.person.name, u.reason]),
      [
        ['Nia Quinn', 'never-linked'],
        ['Ola Okafor', 'not-installed'],
        ['Sam Patel', 'removed'],
      ],
    );
    const text = textOf(render(presentHome(home)));
    assert.match(text, /People the bot cannot reach/);
    assert.match(text, /Nia Quinn: has never opened the bot in Teams\. Ask them to install Supervision Bot and say hello\./);
    assert.match(text, /Ola Okafor: does not have the app installed/);
    assert.match(text, /Sam Patel: removed or blocked the bot/);
    assert.match(text, /the other party's still go/);

    // A supervisor is not shown the list.
    const theirs = okValue(await uc.getHome(w.actor('sup2'), {}));
    assert.deepEqual(theirs.unreachable, []);
    assert.doesNotMatch(textOf(render(presentHome(theirs))), /cannot reach/);
  });
});
