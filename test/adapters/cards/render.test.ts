import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as AC from 'adaptivecards';
import { FORM_FIELDS, TARGET_IDS } from '../../../src/adapters/cards/fields';
import { presentNoteWrite } from '../../../src/adapters/cards/present';
import { cardBytes, renderCard, TEMPLATE_NAMES, TEMPLATES_DIR, templateSource, type AdaptiveCard } from '../../../src/adapters/cards/render';
import { isVerb, VERBS, type Verb } from '../../../src/adapters/cards/verbs';
import { render } from '../../../src/adapters/cards';
import { maximalCases, typicalCases, type CardCase } from './cases';

/** Teams takes cards up to about 28 KB safely (FACTS.md). */
const MAX_CARD_BYTES = 28 * 1024;

type Json = Record<string, unknown>;

/** Every object in a JSON tree, with the template file it came from. */
function objects(node: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(node)) for (const n of node) objects(n, out);
  else if (typeof node === 'object' && node !== null) {
    out.push(node as Json);
    for (const v of Object.values(node)) objects(v, out);
  }
  return out;
}

const isInput = (o: Json): boolean => typeof o.type === 'string' && o.type.startsWith('Input.');
const isSubmitting = (o: Json): boolean => o.type === 'Action.Execute' || o.type === 'Action.Submit';

/** Parses a rendered card with the Adaptive Cards object model; returns its parse and validation events. */
function parseWithAdaptiveCards(json: AdaptiveCard): { card: AC.AdaptiveCard; events: string[] } {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const events: string[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(`parse: ${context.getEventAt(i).message}`);
  for (const e of card.validateProperties().validationEvents) events.push(`${AC.ValidationEvent[e.event]}: ${e.message}`);
  return { card, events };
}

/** Every action of a parsed card, including those inside Action.ShowCard cards, once each. */
function allActions(card: AC.AdaptiveCard): AC.Action[] {
  const seen = new Set<AC.Action>();
  const walk = (a: AC.Action): void => {
    if (seen.has(a)) return;
    seen.add(a);
    if (a instanceof AC.ShowCardAction) a.card.getAllActions().forEach(walk);
  };
  card.getAllActions().forEach(walk);
  return [...seen];
}

describe('cards: templates', () => {
  it('the folder holds exactly the known templates, each valid JSON for schema 1.5', () => {
    const files = fs.readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.json')).sort();
    assert.deepEqual(files, [...TEMPLATE_NAMES].map((n) => `${n}.json`).sort());
    for (const name of TEMPLATE_NAMES) {
      const text = fs.readFileSync(path.join(TEMPLATES_DIR, `${name}.json`), 'utf8');
      const card = JSON.parse(text) as Json;
      assert.equal(card.type, 'AdaptiveCard', name);
      assert.equal(card.version, '1.5', name);
      assert.equal(card.$schema, 'http://adaptivecards.io/schemas/adaptive-card.json', name);
      assert.ok(typeof card.fallbackText === 'string' && card.fallbackText !== '', `${name}: fallbackText`);
    }
  });

  it('every verb on a card is in the closed list, and every verb is on some card', () => {
    const used = new Set<string>();
    for (const name of TEMPLATE_NAMES) {
      for (const action of objects(templateSource(name)).filter(isSubmitting)) {
        const verb = action.verb;
        assert.equal(typeof verb, 'string', `${name}: ${action.type} "${String(action.title)}" has no verb`);
        if ((verb as string).includes('${')) {
          // Only the retry card repeats the verb that was refused; its presenter takes a Verb.
          assert.equal(name, 'error', `${name}: verb ${String(verb)} must be literal`);
          continue;
        }
        assert.ok(isVerb(verb), `${name}: verb ${String(verb)} is not in VERBS`);
        used.add(verb as string);
      }
    }
    assert.deepEqual(VERBS.filter((v) => !used.has(v)), []);
  });

  it('uses Action.Execute only: no Action.Submit (every card is a 1.5 bot card, where Teams runs Universal Actions)', () => {
    for (const name of TEMPLATE_NAMES) {
      assert.deepEqual(
        objects(templateSource(name)).filter((o) => o.type === 'Action.Submit'),
        [],
        name,
      );
    }
  });

  it("an action's data names only what to act on, never who is acting", () => {
    for (const name of TEMPLATE_NAMES) {
      for (const action of objects(templateSource(name)).filter(isSubmitting)) {
        const data = action.data;
        if (typeof data === 'string') {
          assert.equal(name, 'error', `${name}: data must be an object`);
          continue;
        }
        assert.equal(typeof data, 'object', `${name}: ${String(action.verb)} needs data`);
        for (const key of Object.keys(data as Json)) {
          assert.ok((TARGET_IDS as readonly string[]).includes(key), `${name}: ${String(action.verb)} carries ${key}`);
        }
      }
    }
  });

  it('every input has a label, required inputs an error message, text inputs a maxLength hint', () => {
    for (const name of TEMPLATE_NAMES) {
      for (const input of objects(templateSource(name)).filter(isInput)) {
        const where = `${name}: ${String(input.id)}`;
        assert.ok(typeof input.label === 'string' && input.label.trim() !== '', `${where} has no label`);
        if (input.isRequired === true) {
          assert.ok(typeof input.errorMessage === 'string' && input.errorMessage.trim() !== '', `${where} has no errorMessage`);
        }
        if (input.type === 'Input.Text') assert.ok(input.maxLength !== undefined, `${where} has no maxLength`);
      }
    }
  });
});

function checkRendered(c: CardCase): AdaptiveCard {
  const card = render(c.card);
  const json = JSON.stringify(card);
  assert.ok(!json.includes('${'), `${c.name}: unbound binding left`);
  for (const text of c.expect) assert.ok(json.includes(JSON.stringify(text).slice(1, -1)), `${c.name}: expected "${text}"`);
  assert.equal(card.version, '1.5');
  return card;
}

describe('cards: rendering', () => {
  for (const c of typicalCases()) {
    it(`${c.name}: renders every binding and the texts a person should see`, () => {
      checkRendered(c);
    });
  }

  for (const c of [...typicalCases(), ...maximalCases()]) {
    it(`${c.name}: parses with the Adaptive Cards object model without a warning`, () => {
      const { events } = parseWithAdaptiveCards(render(c.card));
      assert.deepEqual(events, []);
    });

    it(`${c.name}: each button submits exactly the inputs of its verb`, () => {
      const { card } = parseWithAdaptiveCards(render(c.card));
      for (const input of card.getAllInputs(true)) {
        assert.ok(input.label !== undefined && input.label !== '', `${c.name}: ${input.id} has no label`);
        if (input.isRequired) assert.ok(input.errorMessage, `${c.name}: ${input.id} needs an errorMessage`);
      }
      for (const action of allActions(card)) {
        if (!(action instanceof AC.ExecuteAction)) continue;
        const verb = action.verb as Verb;
        const submitted = Object.keys(action.getReferencedInputs() ?? {}).sort();
        const expected = (FORM_FIELDS[verb] ?? []).map((f) => f.id).sort();
        if (c.card.template === 'error') {
          // The retry card gives back what was typed: a subset of the form (people are chosen again).
          assert.deepEqual(submitted.filter((id) => !expected.includes(id)), [], `${c.name}: ${verb}`);
        } else {
          assert.deepEqual(submitted, expected, `${c.name}: ${verb}`);
        }
      }
    });
  }

  for (const c of maximalCases()) {
    it(`${c.name}: stays under 28 KB`, () => {
      const card = checkRendered(c);
      const bytes = cardBytes(card);
      assert.ok(bytes < MAX_CARD_BYTES, `${c.name}: ${bytes} bytes`);
    });
  }

  it('a note of 10,000 non-ASCII characters (2 bytes each) echoed back still fits', () => {
    const text = 'é'.repeat(10_000);
    const card = render(presentNoteWrite({ verb: 'note.write', values: { whatHappened: text } }));
    assert.ok(JSON.stringify(card).includes(text));
    assert.ok(cardBytes(card) < MAX_CARD_BYTES, `${cardBytes(card)} bytes`);
  });

  it('gives back text the person typed verbatim, even when it looks like a binding', () => {
    const typed = 'I wrote ${name} and {{DATE(2026-03-03T14:05:00Z)}} "quoted" \\ and\nnew lines';
    const card = render(presentNoteWrite({ verb: 'note.write', values: { whatHappened: typed } }));
    const input = objects(card).find((o) => o.id === 'whatHappened');
    assert.equal(input?.value, typed);
  });

  it('refuses to render with a field missing (a presenter bug), naming it', () => {
    const data = presentNoteWrite().data as unknown as Record<string, unknown>;
    const { values: _dropped, ...rest } = data;
    assert.throws(() => renderCard('note-write', rest as never), /note-write: no data for values\.whatHappened/);
  });

  it('reads each template from disk once', () => {
    assert.equal(templateSource('home'), templateSource('home'));
    const first = render(typicalCases()[0].card);
    const again = render(typicalCases()[0].card);
    assert.deepEqual(first, again);
  });
});
