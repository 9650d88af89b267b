import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as AC from 'adaptivecards';
import { Template } from 'adaptivecards-templating';
import sinon from 'sinon';
import {
  type AdaptiveCard,
  cardBytes,
  ECHO_BUDGET_BYTES,
  FAMILIES,
  FORM_FIELDS,
  formFromError,
  formFromParse,
  isVerb,
  parseSubmission,
  presentHelp,
  presentNoteWrite,
  presentRetry,
  render,
  renderCard,
  TARGET_IDS,
  TEMPLATE_NAMES,
  templatePath,
  templatesDir,
  templateSource,
  type Verb,
  VERBS,
} from '../../../src/adapters/cards';
import { objects, type Json } from './json';
import { maximalCases, typicalCases, type CardCase } from './cases';

/** Teams takes cards up to about 28 KB safely (FACTS.md). */
const MAX_CARD_BYTES = 28 * 1024;

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
  it('the family folders hold exactly the known templates, each valid JSON for schema 1.5', () => {
    const files = FAMILIES.flatMap((family) =>
      fs.existsSync(templatesDir(family)) ? fs.readdirSync(templatesDir(family)).filter((f) => f.endsWith('.json')).map((f) => path.join(templatesDir(family), f)) : [],
    ).sort();
    assert.deepEqual(files, [...TEMPLATE_NAMES].map((n) => templatePath(n)).sort());
    for (const name of TEMPLATE_NAMES) {
      const text = fs.readFileSync(templatePath(name), 'utf8');
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

  describe('the help card, kept rendered', () => {
    afterEach(() => sinon.restore());
    const abilities = { scheduleSession: false, requestSession: true, proposeAgreement: false, writeNote: true, readSharedNotes: false, raiseConcern: true, editSettings: false, seeCompliance: false };

    it('is expanded once for the same data, and each caller gets its own copy', () => {
      const expand = sinon.spy(Template.prototype, 'expand');
      const spec = presentHelp({ roles: ['supervisee'], youCan: abilities });
      const first = render(spec);
      const afterFirst = expand.callCount;
      (first.body as Json[]).length = 0;
      const again = render(presentHelp({ roles: ['supervisee'], youCan: abilities }));
      assert.equal(expand.callCount, afterFirst, 'the second render expanded nothing');
      assert.ok((again.body as Json[]).length > 0, 'changing one copy did not change the kept card');
      assert.deepEqual(again, render(spec));
      const supervisor = render(presentHelp({ roles: ['supervisor'], youCan: { ...abilities, scheduleSession: true } }));
      assert.notDeepEqual(supervisor, again, 'other data, another card');
      assert.ok(objects(supervisor).some((o) => o.verb === 'session.schedule.form'));
      assert.ok(!objects(again).some((o) => o.verb === 'session.schedule.form'));
    });

    it('is never kept when it quotes what the person typed', () => {
      const expand = sinon.spy(Template.prototype, 'expand');
      const typed = 'my supervisor cancelled again';
      const first = render(presentHelp({ roles: ['supervisee'], youCan: abilities, unknownText: typed }));
      const again = render(presentHelp({ roles: ['supervisee'], youCan: abilities, unknownText: typed }));
      assert.equal(expand.callCount, 2);
      assert.deepEqual(first, again);
      assert.ok(JSON.stringify(again).includes(typed));
    });
  });
});

describe('cards: giving back what was typed, within one byte budget', () => {
  /** Teams refuses a bot message over about 100 KB; the note card's worst case is stated in shared/echo.ts. */
  const TEAMS_MESSAGE_BYTES = 100 * 1024;
  const NOTE_CARD_WORST_BYTES = 48 * 1024;
  const PROMPTS = ['whatHappened', 'howIFelt', 'whatILearned', 'whatNext'] as const;
  const CUT = 'longer than this card can show';

  const inputOf = (card: AdaptiveCard, id: string): Json | undefined => objects(card).find((o) => o.id === id && isInput(o));
  const texts = (card: AdaptiveCard): string[] => objects(card).filter((o) => o.type === 'TextBlock').map((o) => String(o.text));

  /** A forged submission (a client that ignores maxLength), refused, as the form and as the retry card. */
  function refusedCards(data: Json) {
    const r = parseSubmission('note.write', data);
    assert.ok(!r.ok, 'refused');
    return {
      r,
      form: render(presentNoteWrite(formFromParse('note.write', r))),
      retry: render(presentRetry('note.write', {}, r.inputs, r.error, r.cuts)),
    };
  }

  for (const [name, ch] of [
    ['é (2 bytes)', 'é'],
    ['CJK (3 bytes)', '中'],
    ['emoji (4 bytes)', '😀'],
    ['control characters (6 bytes in JSON)', '\u0001'],
    ['quotes (2 bytes in JSON)', '"'],
  ] as const) {
    it(`a note of 4 x 25,000 ${name} comes back under ${NOTE_CARD_WORST_BYTES / 1024} KB, echo within ${ECHO_BUDGET_BYTES} bytes`, () => {
      const data: Json = { visibility: 'x'.repeat(50_000), cpdTag: ch.repeat(50_000) };
      for (const p of PROMPTS) data[p] = ch.repeat(25_000);
      const { r, form, retry } = refusedCards(data);
      const echoed = Object.values(r.inputs).reduce((n, v) => n + Buffer.byteLength(JSON.stringify(v)) - 2, 0);
      assert.ok(echoed <= ECHO_BUDGET_BYTES, `${echoed} bytes echoed`);
      for (const card of [form, retry]) {
        assert.ok(cardBytes(card) < NOTE_CARD_WORST_BYTES, `${cardBytes(card)} bytes`);
        assert.ok(cardBytes(card) < TEAMS_MESSAGE_BYTES);
      }
      // Each prompt keeps a fair share (none is left empty), and says how much is kept, next to it.
      for (const p of PROMPTS) {
        const kept = String(inputOf(form, p)?.value);
        assert.ok(kept.length > 1_000 && ch.repeat(25_000).startsWith(kept), `${p}: ${kept.length}`);
        const n = [...kept].length.toLocaleString('en-GB');
        const under = objects(form).findIndex((o) => o.id === p) + 1;
        assert.ok(String(objects(form)[under]?.text).includes(`only its first ${n} characters are kept here`), p);
        assert.ok(String(inputOf(retry, p)?.label).includes(`only its first ${n} characters are kept here`), `${p} on the retry card`);
      }
    });
  }

  it('the cut notice sits under its input; text within the budget is not cut', () => {
    // whatHappened over its limit but small: given back whole, with only the "too long" message.
    const { form } = refusedCards({ whatHappened: 'a'.repeat(10_001), howIFelt: '中'.repeat(30_000), visibility: 'private' });
    assert.equal(inputOf(form, 'whatHappened')?.value, 'a'.repeat(10_001));
    const all = objects(form);
    const under = (id: string) => String(all[all.findIndex((o) => o.id === id) + 1]?.text);
    assert.ok(!under('whatHappened').includes(CUT), under('whatHappened'));
    assert.ok(under('howIFelt').includes(CUT), under('howIFelt'));
    assert.ok(!under('whatILearned').includes(CUT));
  });

  for (const [name, ch] of [
    ['CJK (30 KB)', '中'],
    ['emoji (40 KB)', '😀'],
    ['mixed scripts', 'ä中😀ब'],
  ] as const) {
    it(`a valid 10,000-character note in ${name} comes back whole, with no cut notice`, () => {
      const whole = ch.repeat(Math.floor(10_000 / [...ch].length));
      // Split over the four prompts, as a person writes it, and a full CPD tag.
      const units = [...whole];
      const q = units.length / 4;
      const typed: Json = { cpdTag: ch.repeat(Math.floor(100 / [...ch].length)), visibility: 'shared' };
      PROMPTS.forEach((p, i) => (typed[p] = units.slice(i * q, (i + 1) * q).join('')));
      const r = parseSubmission('note.write', typed);
      assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.fieldErrors));
      assert.deepEqual(r.value.cuts, []);
      // The store did not answer: the form comes back with the note, and so does the retry card.
      const error = { code: 'STORE_UNAVAILABLE', message: 'The database is unavailable.' } as const;
      const form = render(presentNoteWrite(formFromError('note.write', error, r.value.inputs, r.value.cuts)));
      const retry = render(presentRetry('note.write', {}, r.value.inputs, error, r.value.cuts));
      for (const card of [form, retry]) {
        for (const p of [...PROMPTS, 'cpdTag']) assert.equal(inputOf(card, p)?.value, typed[p], p);
        assert.ok(!texts(card).some((t) => t.includes(CUT)));
        assert.ok(!objects(card).some((o) => String(o.label ?? '').includes(CUT)));
        assert.ok(cardBytes(card) < NOTE_CARD_WORST_BYTES, `${cardBytes(card)} bytes`);
      }
    });
  }
});
