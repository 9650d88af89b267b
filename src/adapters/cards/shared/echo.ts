/**
 * What a refused submission gives back: the person's inputs as strings, within one byte budget for
 * the re-rendered card, and a notice next to any input that had to be cut.
 */
import { textLength } from '../../../domain/validation';
import type { FieldSpec } from './fields';
import { thousands, type FieldError, type Inputs, type Raw } from './schema';

/**
 * Longest echo kept per input. Teams enforces an input's `maxLength`, and text inputs carry the
 * server's limit, so a person cannot type more than the limit; twice the limit still comes back in
 * full from a client that ignores the hint, while a forged megabyte does not make an unsendable card.
 */
const ECHO_FACTOR = 2;
const ECHO_SHORT = 200;
const ECHO_PEOPLE = 4_000;

/**
 * Bytes of typed text one re-rendered card gives back, shared by all its inputs, counted as the card
 * carries them (UTF-8 inside JSON strings). Sized so that anything valid comes back whole: the
 * largest valid form is the reflective note, 10,000 characters (NOTE_MAX_TOTAL) plus a 100-character
 * CPD tag, at most 4 bytes a character (emoji, supplementary CJK; CJK in the BMP is 3: 30,000 bytes),
 * i.e. 40,400 bytes, plus a choice. Every other form's valid maximum is smaller (record a session:
 * ~16 KB; settings: ~34 KB with both people lists at their echo cap). The note card refused with
 * every input forged is ~47 KB (its template and messages ~6 KB); any card is its template (each
 * under 28 KB at its fullest) plus this, so under ~70 KB: inside Teams' ~100 KB message limit, so a
 * refused submission always comes back. A lower figure (~24 KB) would keep cards nearer the ~28 KB
 * Teams handles best, but would cut a valid 10,000-character note in CJK (30 KB) or emoji (40 KB).
 * Only a forged or over-limit submission can exceed this; then the inputs share it and each cut
 * input says so next to it.
 */
export const ECHO_BUDGET_BYTES = 40_960;

/** Bytes one character takes in a JSON string of the card (escapes included). */
function jsonBytesOf(ch: string): number {
  const cp = ch.codePointAt(0) as number;
  if (ch === '"' || ch === '\\') return 2;
  if (cp < 0x20) return '\b\f\n\r\t'.includes(ch) ? 2 : 6;
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp >= 0xd800 && cp <= 0xdfff) return 6; // a lone surrogate is written as \uXXXX
  return cp < 0x10000 ? 3 : 4;
}

function jsonBytes(text: string): number {
  let n = 0;
  for (const ch of text) n += jsonBytesOf(ch);
  return n;
}

/** The longest start of `text` (whole characters) that fits in `max` bytes. */
function cutToBytes(text: string, max: number): string {
  let n = 0;
  let end = 0;
  for (const ch of text) {
    n += jsonBytesOf(ch);
    if (n > max) break;
    end += ch.length;
  }
  return text.slice(0, end);
}

/** Cuts at `cap` UTF-16 units without splitting a character. */
function cutToUnits(text: string, cap: number): string {
  if (text.length <= cap) return text;
  const code = text.charCodeAt(cap - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? cap - 1 : cap);
}

function cutNotice(spec: FieldSpec, kept: string): FieldError {
  const n = textLength(kept);
  return {
    field: spec.id,
    code: 'TEXT_TOO_LONG',
    message:
      `${spec.label}: what was sent is longer than this card can show, so only its first ${thousands(n)} ` +
      `${n === 1 ? 'character is' : 'characters are'} kept here. Copy them somewhere safe before you edit.`,
  };
}

/** What the verb's inputs give back on a re-rendered card, and a notice for each input that had to be cut. */
export interface Echo {
  readonly inputs: Inputs;
  readonly cuts: readonly FieldError[];
}

/** What the person typed into a form's inputs, as strings, for re-rendering the card. */
export function echoInputs(specs: readonly FieldSpec[], raw: Raw): Echo {
  const sent: string[] = [];
  const texts: string[] = [];
  for (const s of specs) {
    const v = raw[s.id];
    let text: string;
    if (typeof v === 'string') text = v;
    else if (typeof v === 'number' || typeof v === 'boolean') text = String(v);
    else if (Array.isArray(v)) text = v.filter((x) => typeof x === 'string').join(',');
    else text = '';
    const cap = s.max !== undefined ? s.max * ECHO_FACTOR : s.kind === 'people' ? ECHO_PEOPLE : ECHO_SHORT;
    sent.push(text);
    // Space around text is dropped when it is saved: it goes before any of the text itself.
    texts.push(cutToUnits(text.length > cap ? text.trim() : text, cap));
  }
  let needs = texts.map(jsonBytes);
  const total = () => needs.reduce((a, b) => a + b, 0);
  if (total() > ECHO_BUDGET_BYTES) {
    for (let i = 0; i < texts.length; i++) texts[i] = texts[i].trim();
    needs = texts.map(jsonBytes);
  }
  if (total() > ECHO_BUDGET_BYTES) {
    // A fair share each, smallest first, so one huge input does not leave the others empty.
    let remaining = ECHO_BUDGET_BYTES;
    const order = needs.map((_, i) => i).sort((a, b) => needs[a] - needs[b]);
    order.forEach((i, k) => {
      const share = Math.floor(remaining / (order.length - k));
      if (needs[i] > share) texts[i] = cutToBytes(texts[i], share);
      remaining -= Math.min(needs[i], share);
    });
  }
  const inputs: Record<string, string> = {};
  const cuts: FieldError[] = [];
  specs.forEach((s, i) => {
    inputs[s.id] = texts[i];
    if (texts[i].trim().length < sent[i].trim().length) cuts.push(cutNotice(s, texts[i]));
  });
  return { inputs, cuts };
}

