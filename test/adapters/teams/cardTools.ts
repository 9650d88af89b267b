/**
 * What an Adaptive Card client does with a card, for tests: find an Action.Execute by verb, gather
 * the inputs it submits (the card's own inputs and those of the Action.ShowCard it sits in, with
 * their current values) merged into its data, and read the card's text.
 */

type Json = Record<string, unknown>;

export interface CardAction {
  readonly verb: string;
  readonly data: Json;
  /** Input id -> the value the card carries now (what a person who changes nothing would send). */
  readonly inputs: Record<string, string>;
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The inputs directly in a card (or container), not descending into Action.ShowCard cards. */
function inputsOf(node: unknown, out: Record<string, string>): void {
  if (Array.isArray(node)) {
    for (const n of node) inputsOf(n, out);
    return;
  }
  if (!isObj(node)) return;
  if (node.type === 'Action.ShowCard') return;
  if (typeof node.type === 'string' && node.type.startsWith('Input.') && typeof node.id === 'string') {
    const v = node.value;
    out[node.id] = v === undefined || v === null ? '' : String(v);
  }
  for (const v of Object.values(node)) inputsOf(v, out);
}

function search(card: Json, verb: string, inherited: Record<string, string>): CardAction | undefined {
  const own: Record<string, string> = { ...inherited };
  inputsOf(card.body, own);
  const visit = (node: unknown): CardAction | undefined => {
    if (Array.isArray(node)) {
      for (const n of node) {
        const found = visit(n);
        if (found) return found;
      }
      return undefined;
    }
    if (!isObj(node)) return undefined;
    if (node.type === 'Action.Execute' && node.verb === verb) {
      return { verb, data: isObj(node.data) ? node.data : {}, inputs: own };
    }
    if (node.type === 'Action.ShowCard' && isObj(node.card)) return search(node.card, verb, own);
    for (const v of Object.values(node)) {
      const found = visit(v);
      if (found) return found;
    }
    return undefined;
  };
  return visit(card.body) ?? visit(card.actions);
}

export function findAction(card: unknown, verb: string): CardAction | undefined {
  return isObj(card) ? search(card, verb, {}) : undefined;
}

export function hasAction(card: unknown, verb: string): boolean {
  return findAction(card, verb) !== undefined;
}

/** The `action.data` a client sends for pressing `verb`: the action's data, the inputs, what was typed. */
export function press(card: unknown, verb: string, typed: Record<string, string> = {}): Json {
  const action = findAction(card, verb);
  if (action === undefined) throw new Error(`the card has no ${verb} button; it has: ${verbsOf(card).join(', ')}`);
  return { ...action.inputs, ...typed, ...action.data };
}

export function verbsOf(card: unknown): string[] {
  const out: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (isObj(node)) {
      if (node.type === 'Action.Execute' && typeof node.verb === 'string') out.push(node.verb);
      Object.values(node).forEach(visit);
    }
  };
  visit(card);
  return out;
}

/** Everything a person reads on the card, joined by newlines. */
export function textOf(card: unknown): string {
  const out: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (isObj(node)) {
      if (node.type === 'TextBlock' && typeof node.text === 'string') out.push(node.text);
      if (node.type === 'TextRun' && typeof node.text === 'string') out.push(node.text);
      if (node.type === 'FactSet' && Array.isArray(node.facts)) {
        for (const f of node.facts) if (isObj(f)) out.push(`${String(f.title)}: ${String(f.value)}`);
      }
      if (typeof node.title === 'string' && String(node.type).startsWith('Action.')) out.push(`[${node.title}]`);
      Object.values(node).forEach(visit);
    }
  };
  visit(card);
  return out.join('\n');
}

/** The value an input carries on the card (what the person sees typed in it). */
export function inputValue(card: unknown, id: string): string | undefined {
  let found: string | undefined;
  const visit = (node: unknown) => {
    if (found !== undefined) return;
    if (Array.isArray(node)) node.forEach(visit);
    else if (isObj(node)) {
      if (typeof node.type === 'string' && node.type.startsWith('Input.') && node.id === id) {
        found = node.value === undefined || node.value === null ? '' : String(node.value);
        return;
      }
      Object.values(node).forEach(visit);
    }
  };
  visit(card);
  return found;
}

/** The URL of the card's Action.OpenUrl with this title (e.g. "Add to calendar"), if it has one. */
export function openUrl(card: unknown, title: string): string | undefined {
  let found: string | undefined;
  const visit = (node: unknown) => {
    if (found !== undefined) return;
    if (Array.isArray(node)) node.forEach(visit);
    else if (isObj(node)) {
      if (node.type === 'Action.OpenUrl' && node.title === title && typeof node.url === 'string') {
        found = node.url;
        return;
      }
      Object.values(node).forEach(visit);
    }
  };
  visit(card);
  return found;
}

/** An iCalendar text's properties by name, its content lines unfolded (RFC 5545 §3.1); throws if it is not one VCALENDAR. */
export function icsProperties(text: string): (name: string) => string | undefined {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  if (lines[0] !== 'BEGIN:VCALENDAR' || lines[lines.length - 2] !== 'END:VCALENDAR' || lines[lines.length - 1] !== '') {
    throw new Error(`not an iCalendar object: ${text.slice(0, 80)}`);
  }
  return (name) => lines.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))?.replace(/^[^:]*:/, '');
}
