/** Walking a card (a template or a rendered card) as plain JSON. */
export type Json = Record<string, unknown>;

/** Every object in a JSON tree, depth first. */
export function objects(node: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(node)) for (const n of node) objects(n, out);
  else if (typeof node === 'object' && node !== null) {
    out.push(node as Json);
    for (const v of Object.values(node)) objects(v, out);
  }
  return out;
}
