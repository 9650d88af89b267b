import { strict as assert } from 'node:assert';
import { findAction, inputValue, press, textOf } from './cardTools';
import { must, startHarness, type Harness } from './support';

describe('Teams bot: the database briefly unavailable', () => {
  let h: Harness;

  before(async () => {
    h = await startHarness();
  });

  after(async () => {
    await h?.close();
  });

  it('tells the person, gives back everything they typed, and offers to try again', async () => {
    const noah = h.user('noah');
    const sam = h.user('sam');
    await noah.install();
    await sam.install();
    const [form] = await noah.say('reflect');
    assert.ok(findAction(form, 'note.write'));

    must(await h.store.close());

    // A form that needs nothing from the store comes back as itself, filled in.
    const typed = { whatHappened: 'Do not lose this.', howIFelt: 'Tired', whatILearned: 'Breaks matter', whatNext: 'Rest', visibility: 'private' };
    const back = await noah.invoke('note.write', press(form, 'note.write', typed));
    assert.match(textOf(back), /database/i);
    assert.equal(inputValue(back, 'whatHappened'), 'Do not lose this.');
    assert.equal(inputValue(back, 'whatILearned'), 'Breaks matter');
    assert.ok(findAction(back, 'note.write'), 'save can be pressed again');

    // A form whose record cannot be loaded either: a card that keeps the text and retries the same verb.
    const retry = await sam.invoke('session.cancel', { sessionId: 'ses-42', cancelReason: 'Off sick, rebooking next week.' });
    assert.match(textOf(retry), /database/i);
    assert.equal(inputValue(retry, 'cancelReason'), 'Off sick, rebooking next week.');
    const again = findAction(retry, 'session.cancel');
    assert.ok(again, 'a button to try again');
    assert.equal(again.data.sessionId, 'ses-42');
  });
});
