import { strict as assert } from 'node:assert';
import { actorOf, installChangeOf, isPersonal, shortcutText, tenantOf } from '../../../src/adapters/teams';

describe('Teams adapter: who acts, and what they typed', () => {
  const base = {
    from: { id: '29:u', aadObjectId: 'aad-u' },
    recipient: { id: '28:bot' },
    conversation: { id: 'a:1', conversationType: 'personal', tenantId: 'tenant-a' },
  };

  it('takes the actor from from.aadObjectId and the conversation tenant, else channelData.tenant', () => {
    assert.deepEqual(actorOf(base as never), { tenantId: 'tenant-a', aadObjectId: 'aad-u' });
    const viaChannelData = { ...base, conversation: { id: 'a:1' }, channelData: { tenant: { id: 'tenant-b' } } };
    assert.equal(tenantOf(viaChannelData as never), 'tenant-b');
    assert.equal(actorOf({ ...base, from: { id: '29:u' } } as never), undefined, 'no AAD object id: no actor');
    assert.equal(actorOf({ ...base, conversation: { id: 'a:1' } } as never), undefined, 'no tenant: no actor');
    assert.equal(actorOf({ ...base, from: { id: '29:u', aadObjectId: '  ' } } as never), undefined);
  });

  it('tells a 1:1 chat from a group chat or channel', () => {
    assert.equal(isPersonal(base as never), true);
    assert.equal(isPersonal({ ...base, conversation: { id: '19:g', conversationType: 'groupChat' } } as never), false);
    assert.equal(isPersonal({ ...base, conversation: { id: '19:c', conversationType: 'channel' } } as never), false);
    assert.equal(isPersonal({ ...base, conversation: { id: '19:g', isGroup: true } } as never), false);
  });

  it('reads installs and removals from installationUpdate and from the bot joining or leaving', () => {
    assert.equal(installChangeOf({ type: 'installationUpdate', action: 'add' } as never), 'add');
    assert.equal(installChangeOf({ type: 'installationUpdate', action: 'add-upgrade' } as never), 'add');
    assert.equal(installChangeOf({ type: 'installationUpdate', action: 'remove' } as never), 'remove');
    assert.equal(installChangeOf({ ...base, type: 'conversationUpdate', membersAdded: [{ id: '29:u' }, { id: '28:bot' }] } as never), 'add');
    assert.equal(installChangeOf({ ...base, type: 'conversationUpdate', membersAdded: [{ id: '29:someone' }] } as never), undefined);
    assert.equal(installChangeOf({ ...base, type: 'conversationUpdate', membersRemoved: [{ id: '28:bot' }] } as never), 'remove');
    assert.equal(installChangeOf({ ...base, type: 'message', text: 'add' } as never), undefined);
  });

  it('matches only the installationUpdate actions Teams sends, not anything that starts like one', () => {
    assert.equal(installChangeOf({ type: 'installationUpdate', action: 'remove-upgrade' } as never), 'remove');
    for (const action of ['added', 'address', 'add-later', 'removed', 'remover', 'Add', 'upgrade', '', undefined]) {
      assert.equal(installChangeOf({ type: 'installationUpdate', action } as never), undefined, String(action));
    }
  });

  it('normalises a shortcut: trimmed, lower-cased, the bot mention removed, never anyone else', () => {
    const mention = { type: 'mention', text: '<at>Supervision Bot</at>', mentioned: { id: '28:bot' } };
    assert.equal(shortcutText({ ...base, text: '  HOME  ' } as never), 'home');
    assert.equal(shortcutText({ ...base, text: '<at>Supervision Bot</at> Reflect', entities: [mention] } as never), 'reflect');
    const someoneElse = { type: 'mention', text: '<at>Sam</at>', mentioned: { id: '29:sam' } };
    assert.equal(shortcutText({ ...base, text: '<at>Sam</at> help', entities: [someoneElse] } as never), '<at>sam</at> help');
    assert.equal(shortcutText({ ...base } as never), '');
  });
});
