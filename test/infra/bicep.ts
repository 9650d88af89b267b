/**
 * Reads our Bicep files well enough to test them, since no Bicep compiler can be installed here.
 * It understands the conventional layout the templates keep to: one declaration per line
 * (`param`, `var`, `resource`, `module`, `output`), objects in braces, arrays in brackets, strings in
 * single quotes with `${...}` interpolation. It is not a Bicep parser; the tests fail loudly if a
 * file stops looking like that.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const INFRA_DIR = path.resolve(__dirname, '..', '..', 'infra');

export interface BicepFile {
  readonly file: string;
  /** The text with comments removed (strings kept). */
  readonly code: string;
}

export function readBicep(relative: string): BicepFile {
  const file = path.join(INFRA_DIR, relative);
  return { file, code: stripComments(readFileSync(file, 'utf8')) };
}

/** Removes `//` and `/* *\/` comments outside strings. */
export function stripComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "'") {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Index just past the single-quoted string starting at `start` (handles \' and ${...}). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text[i] === '$' && text[i + 1] === '{') {
      let depth = 1;
      i += 2;
      while (i < text.length && depth > 0) {
        if (text[i] === '{') depth++;
        else if (text[i] === '}') depth--;
        i++;
      }
    } else if (text[i] === "'") return i + 1;
    else i++;
  }
  throw new Error(`unterminated string at ${start}`);
}

/** The text of the balanced `{...}` or `[...]` block that opens at `open` (inclusive). */
export function blockAt(code: string, open: number): string {
  const opener = code[open];
  const closer = opener === '{' ? '}' : opener === '[' ? ']' : undefined;
  if (!closer) throw new Error(`no block opens at ${open}: "${code.slice(open, open + 20)}"`);
  let depth = 0;
  let i = open;
  while (i < code.length) {
    const c = code[i];
    if (c === "'") {
      i = stringEnd(code, i);
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return code.slice(open, i + 1);
    }
    i++;
  }
  throw new Error(`unbalanced block at ${open}`);
}

export interface Param {
  readonly name: string;
  readonly type: string;
  readonly defaultValue?: string;
  /** Values of an @allowed([...]) decorator, as literal strings, when present. */
  readonly allowed?: readonly string[];
}

export function params(f: BicepFile): Param[] {
  const out: Param[] = [];
  const re = /^param\s+(\w+)\s+(\w+)(?:\s*=\s*(.+))?$/gm;
  for (const m of f.code.matchAll(re)) {
    const before = f.code.slice(0, m.index);
    // Decorators sit between the previous declaration and this one.
    const lastDecl = Math.max(...['\nparam ', '\nvar ', '\nresource ', '\nmodule ', '\noutput ', '\ntargetScope'].map((k) => before.lastIndexOf(k)));
    const decorators = before.slice(Math.max(lastDecl, 0)).replace(/^\n(param|var|resource|module|output|targetScope)[^\n]*\n/, '');
    const allowedAt = decorators.indexOf('@allowed(');
    const allowed =
      allowedAt < 0
        ? undefined
        : [...blockAt(decorators, decorators.indexOf('[', allowedAt)).matchAll(/'([^']*)'/g)].map((a) => a[1]);
    out.push({ name: m[1], type: m[2], ...(m[3] === undefined ? {} : { defaultValue: m[3].trim() }), ...(allowed ? { allowed } : {}) });
  }
  return out;
}

export interface Declaration {
  readonly symbol: string;
  /** Resource type or module path. */
  readonly target: string;
  readonly apiVersion?: string;
  /** The body: `{...}` or, for a loop, `[for ...: {...}]`. */
  readonly body: string;
}

function declarations(f: BicepFile, keyword: 'resource' | 'module'): Declaration[] {
  const out: Declaration[] = [];
  const re = new RegExp(`^${keyword}\\s+(\\w+)\\s+'([^']+)'(\\s+existing)?\\s*=\\s*`, 'gm');
  for (const m of f.code.matchAll(re)) {
    const open = (m.index ?? 0) + m[0].length;
    const body = blockAt(f.code, open);
    const [target, apiVersion] = keyword === 'resource' ? m[2].split('@') : [m[2], undefined];
    out.push({ symbol: m[1], target, ...(apiVersion === undefined ? {} : { apiVersion }), body });
  }
  return out;
}

export const resources = (f: BicepFile) => declarations(f, 'resource');
export const modules = (f: BicepFile) => declarations(f, 'module');

export interface Output {
  readonly name: string;
  readonly type: string;
  readonly expression: string;
}

export function outputs(f: BicepFile): Output[] {
  return [...f.code.matchAll(/^output\s+(\w+)\s+(\w+)\s*=\s*(.+)$/gm)].map((m) => ({ name: m[1], type: m[2], expression: m[3].trim() }));
}

export function variables(f: BicepFile): Map<string, string> {
  return new Map([...f.code.matchAll(/^var\s+(\w+)\s*=\s*(.+)$/gm)].map((m) => [m[1], m[2].trim()]));
}

/** Index of the newline that ends the expression starting at `start` (outside any block or string). */
export function expressionEnd(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === "'") {
      i = stringEnd(text, i);
      continue;
    }
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
    else if (c === '\n' && depth <= 0) return i;
    i++;
  }
  return text.length;
}

/**
 * The `key: value` pairs directly inside an object block (not nested ones). A value runs to the end
 * of its line, or on to the end of any block it opens (`{...}`, `cond ? [...] : []`).
 */
export function properties(block: string): Map<string, string> {
  const out = new Map<string, string>();
  const inner = block.trim().slice(1, -1);
  let i = 0;
  while (i < inner.length) {
    while (i < inner.length && /\s/.test(inner[i])) i++;
    if (i >= inner.length) break;
    const m = /^('[^'\n]*'|\w+)\s*:\s*/.exec(inner.slice(i));
    if (!m) {
      i = expressionEnd(inner, i) + 1;
      continue;
    }
    const start = i + m[0].length;
    const end = expressionEnd(inner, start);
    out.set(m[1].replace(/^'|'$/g, ''), inner.slice(start, end).trim());
    i = end + 1;
  }
  return out;
}

/** A loop body `[for item in collection: {...}]` split into its parts. */
export function loop(body: string): { item: string; collection: string; object: string } | undefined {
  const m = /^\[\s*for\s+(\w+)\s+in\s+([^:]+):\s*/.exec(body);
  if (!m) return undefined;
  return { item: m[1], collection: m[2].trim(), object: blockAt(body, m[0].length) };
}

/** A nested property by path, e.g. `['properties', 'siteConfig', 'appSettings']`. */
export function propertyPath(block: string, keys: readonly string[]): string | undefined {
  let current: string | undefined = block;
  for (const key of keys) {
    if (current === undefined) return undefined;
    current = properties(current).get(key);
  }
  return current;
}

/** The elements of an array block that are objects: `[ {...} {...} ]`. */
export function objectElements(arrayBlock: string): string[] {
  const out: string[] = [];
  let i = 1;
  while (i < arrayBlock.length - 1) {
    if (arrayBlock[i] === "'") {
      i = stringEnd(arrayBlock, i);
      continue;
    }
    if (arrayBlock[i] === '{') {
      const block = blockAt(arrayBlock, i);
      out.push(block);
      i += block.length;
      continue;
    }
    i++;
  }
  return out;
}

/** A literal Bicep string's value ('abc' -> abc), or undefined for an expression. */
export function literal(expression: string | undefined): string | undefined {
  if (expression === undefined) return undefined;
  const m = /^'([^'$]*)'$/.exec(expression.trim());
  return m ? m[1] : undefined;
}

/** The expressions inside an array block, one per line (or per block). */
export function arrayElements(arrayBlock: string): string[] {
  const inner = arrayBlock.trim().slice(1, -1);
  const out: string[] = [];
  let i = 0;
  while (i < inner.length) {
    while (i < inner.length && /\s/.test(inner[i])) i++;
    if (i >= inner.length) break;
    const end = expressionEnd(inner, i);
    out.push(inner.slice(i, end).trim());
    i = end + 1;
  }
  return out;
}

/**
 * Evaluates the small subset of Bicep that resource bodies built from data use: objects, arrays,
 * plain string literals, numbers, booleans and `a.b.c` paths into `scope`. Anything else throws, so a
 * test never passes on an expression it did not understand.
 */
export function evaluate(expression: string, scope: Readonly<Record<string, unknown>>): unknown {
  const e = expression.trim();
  if (e.startsWith('{')) {
    return Object.fromEntries([...properties(e)].map(([k, v]) => [k, evaluate(v, scope)]));
  }
  if (e.startsWith('[')) return arrayElements(e).map((x) => evaluate(x, scope));
  const text = literal(e);
  if (text !== undefined) return text;
  if (/^-?\d+$/.test(e)) return Number(e);
  if (e === 'true' || e === 'false') return e === 'true';
  if (/^\w+(\.\w+)*$/.test(e)) {
    const [head, ...rest] = e.split('.');
    if (!(head in scope)) throw new Error(`cannot evaluate ${e}: ${head} is not in scope`);
    return rest.reduce<unknown>((v, k) => {
      if (v === null || typeof v !== 'object' || !(k in v)) throw new Error(`cannot evaluate ${e}: no ${k}`);
      return (v as Record<string, unknown>)[k];
    }, scope[head]);
  }
  throw new Error(`cannot evaluate ${e}`);
}
