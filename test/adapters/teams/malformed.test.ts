/**
 * Every card verb, sent malformed data through the real bot over HTTP (generated from the verb
 * declarations, so a new verb is covered as soon as it is declared): wrong types, missing ids,
 * 20,000-character strings, arrays where strings belong, and data that is not an object at all.
 * Each answer is a 200 with a card; where the person typed something or the card named something
 * to act on, the card says why it was refused and gives back what was typed.
 */
import { strict as assert } from 'node:assert';
import { fieldsOf, TARGET_IDS, VERBS, type Verb } from '../../../src/adapters/cards';
import { GOOD } from '../cards/parsing';
import { inputValue, textOf } from './cardTools';
import { cardsOf, startHarness, type Harness, type TeamsUser } from './support';

type Data = Record<string, unknown>;

const LONG = 20_000;
/** A distinctive string of `n` characters, so what comes back can be traced to what was sent. */
const marker = (tag: string, n = LONG): string => `M-${tag}-`.padEnd(n, 'x');

/** The ids a verb's card names (its good submission's target ids). */
const idsOf = (verb: Verb): string[] => Object.keys(GOOD[verb]).filter((k) => (TARGET_IDS as readonly string[]).includes(k));

/** Malformed submissions for one verb, each with what must come back. */
function variants(verb: Verb): { name: string; data: unknown; typed: Record<string, string> }[] {
  const fields = fieldsOf(verb);
  const good = GOOD[verb] as Data;
  const huge: Data = { ...good };
  const typed: Record<string, string> = {};
  for (const f of fields) {
    huge[f.id] = marker(f.id);
    typed[f.id] = marker(f.id);
  }
  for (const id of idsOf(verb)) huge[id] = marker(id);
  const wrongTypes: Data = { ...good };
  fields.forEach((f, i) => (wrongTypes[f.id] = [[42], { nested: true }, 3.5, true][i % 4]));
  for (const id of idsOf(verb)) wrongTypes[id] = ['a', 'b'];
  const arrays: Data = { ...good };
  for (const f of fields) arrays[f.id] = [`A-${f.id}`, `B-${f.id}`];
  const missing: Data = { ...good };
  for (const id of idsOf(verb)) delete missing[id];
  return [
    { name: '20,000-character strings', data: huge, typed },
    { name: 'wrong types', data: wrongTypes, typed: {} },
    // Both strings come back, as the card's text (joined as a multi-select gives them).
    { name: 'arrays where strings belong', data: arrays, typed: Object.fromEntries(fields.map((f) => [f.id, `A-${f.id},B-${f.id}`])) },
    { name: 'missing ids', data: missing, typed: {} },
    { name: 'a string for data', data: 'not an object', typed: {} },
    { name: 'an array for data', data: [1, 2, 3], typed: {} },
    { name: 'null for data', data: null, typed: {} },
  ];
}

const REFUSED = /Not saved yet|Nothing was (saved|changed)|Nothing more was changed/;

describe('Teams bot: every verb, sent malformed data (generated from the verb declarations)', function () {
  this.timeout(120_000);
  let h: Harness;
  let sam: TeamsUser;

  before(async () => {
    h = await startHarness();
    sam = h.user('sam');
    await sam.install();
  });

  after(async () => {
    await h?.close();
  });

  it('covers every declared verb', () => {
    assert.deepEqual(Object.keys(GOOD).sort(), [...VERBS].sort());
  });

  for (const verb of VERBS) {
    it(`${verb}: a 200 with a card every time; a refusal says why and gives back what was typed`, async () => {
      const hasInput = fieldsOf(verb).length > 0 || idsOf(verb).length > 0;
      for (const v of variants(verb)) {
        const { reply } = await sam.turn({ type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-1', value: { action: { type: 'Action.Execute', verb, data: v.data }, trigger: 'manual' } });
        assert.equal(reply.status, 200, `${verb}, ${v.name}: HTTP ${reply.status}`);
        const body = reply.body as { statusCode?: number; type?: string; value?: unknown };
        assert.equal(body?.type, 'application/vnd.microsoft.card.adaptive', `${verb}, ${v.name}: ${JSON.stringify(body)?.slice(0, 200)}`);
        const card = body.value;
        const text = textOf(card);
        assert.ok(text.trim() !== '', `${verb}, ${v.name}: an empty card`);
        // Anything that names something to act on, or carries inputs, is refused in words when malformed.
        const malformed = hasInput && !(v.name === 'missing ids' && idsOf(verb).length === 0) && !(v.name.endsWith('for data') && idsOf(verb).length === 0 && fieldsOf(verb).every((f) => !f.required));
        if (malformed) assert.match(text, REFUSED, `${verb}, ${v.name}: no message\n${text.slice(0, 400)}`);
        assertGivenBack(card, v.typed, `${verb}, ${v.name}`);
      }
      // The same through Action.Submit (a message carrying the card's data): the card is updated in place.
      const [huge] = variants(verb);
      const { reply, sent } = await sam.turn({ type: 'message', replyToId: 'card-2', value: { verb, ...(huge.data as Data) } });
      assert.equal(reply.status, 200, `${verb}, Action.Submit: HTTP ${reply.status}`);
      const cards = sent.flatMap(cardsOf);
      assert.equal(cards.length, 1, `${verb}, Action.Submit: one card`);
      if (hasInput) assert.match(textOf(cards[0]), REFUSED, `${verb}, Action.Submit: no message`);
      assertGivenBack(cards[0], huge.typed, `${verb}, Action.Submit`);
    });
  }
});

function assertGivenBack(card: unknown, typed: Record<string, string>, what: string): void {
  const verb = what.split(',')[0] as Verb;
  for (const [id, sent] of Object.entries(typed)) {
    const spec = fieldsOf(verb).find((f) => f.id === id);
    if (spec?.kind === 'people') continue; // chosen again from the list: a name cannot be given back
    const back = inputValue(card, id);
    assert.ok(back !== undefined && back !== '' && sent.startsWith(back), `${what}: ${id} not given back (${String(back).slice(0, 40)})`);
  }
}
