/**
 * Expands a card template (<family>/templates/<name>.json, Adaptive Cards 1.5) with its data. The only
 * importer of adaptivecards-templating. Templates are read from disk once and kept.
 *
 * A `${...}` left unbound means a presenter forgot a field: that is a bug, so it throws rather than
 * show a person a raw binding. Text the person typed may itself contain `${`; the engine never
 * evaluates data values, so such text comes back verbatim.
 */
import * as fs from 'fs';
import * as path from 'path';
import { GlobalSettings, Template } from 'adaptivecards-templating';
import { TEMPLATE_FAMILY, type CardDataMap, type Family, type TemplateName } from '../catalogue';

/** A rendered card: plain JSON, ready for an attachment or an invoke response. */
export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly version: string;
  readonly body?: readonly unknown[];
  readonly actions?: readonly unknown[];
  readonly [key: string]: unknown;
}

/** The MIME type of an Adaptive Card attachment and invoke response. */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** The cards adapter's folder: each family's templates are in `<family>/templates/`. */
const CARDS_DIR = path.resolve(__dirname, '..');

/** The folder of a family's templates. */
export function templatesDir(family: Family): string {
  return path.join(CARDS_DIR, family, 'templates');
}

/** Where a template's file is: in its family's folder. */
export function templatePath(name: TemplateName): string {
  return path.join(templatesDir(TEMPLATE_FAMILY[name]), `${name}.json`);
}

const templates = new Map<TemplateName, Template>();
const sources = new Map<TemplateName, unknown>();

/** The template as written (parsed JSON), for tests and tools. */
export function templateSource(name: TemplateName): unknown {
  let source = sources.get(name);
  if (source === undefined) {
    source = JSON.parse(fs.readFileSync(templatePath(name), 'utf8')) as unknown;
    sources.set(name, source);
  }
  return source;
}

function templateOf(name: TemplateName): Template {
  let template = templates.get(name);
  if (template === undefined) {
    template = new Template(templateSource(name));
    templates.set(name, template);
  }
  return template;
}

/**
 * The help card is kept rendered, by its data, unless it quotes what the person typed (so nothing
 * typed outlives its turn here): everyone sees one of a few dozen variants (roles and abilities),
 * and expanding it cost 28 µs, a fifth of what a help turn added to a bare echo turn. The engine is
 * a pure function of template and data (the templates call no clock or random function), and a hit
 * is parsed afresh, so no caller can change what the next one gets.
 */
const KEPT_MAX = 64;
const kept = new Map<string, string>();

export function renderCard<N extends TemplateName>(name: N, data: CardDataMap[N]): AdaptiveCard {
  const keep = name === 'help' && !(data as CardDataMap['help']).hasUnknownText;
  const key = keep ? `${name} ${JSON.stringify(data)}` : '';
  const hit = keep ? kept.get(key) : undefined;
  if (hit !== undefined) return JSON.parse(hit) as AdaptiveCard;
  const card = expand(name, data);
  if (keep) {
    kept.set(key, JSON.stringify(card));
    if (kept.size > KEPT_MAX) kept.delete(kept.keys().next().value as string);
  }
  return card;
}

function expand<N extends TemplateName>(name: N, data: CardDataMap[N]): AdaptiveCard {
  const unbound: string[] = [];
  const previous = GlobalSettings.getUndefinedFieldValueSubstitutionString;
  GlobalSettings.getUndefinedFieldValueSubstitutionString = (p: string) => {
    unbound.push(p);
    return undefined;
  };
  let card: AdaptiveCard;
  try {
    card = templateOf(name).expand({ $root: data }) as AdaptiveCard;
  } finally {
    GlobalSettings.getUndefinedFieldValueSubstitutionString = previous;
  }
  if (unbound.length > 0) throw new Error(`card ${name}: no data for ${[...new Set(unbound)].join(', ')}`);
  return card;
}

/** Size in bytes of the card as sent (UTF-8 JSON). Teams takes about 28 KB safely. */
export function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
