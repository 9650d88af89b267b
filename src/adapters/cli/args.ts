/**
 * Command-line options for the data commands, read with Node's own `util.parseArgs` (strict), with
 * its errors turned into short sentences a person can act on. Every option here takes a value and may
 * be given once; `--help`/`-h` asks for the command's help.
 */
import { parseArgs } from 'node:util';

export type ParsedArgs<Name extends string> =
  | { readonly ok: true; readonly options: Partial<Record<Name, string>>; readonly positionals: readonly string[] }
  | { readonly ok: false; readonly message: string }
  | { readonly ok: 'help' };

export function readArgs<Name extends string>(args: readonly string[], names: readonly Name[]): ParsedArgs<Name> {
  const spec: Record<string, { type: 'string'; multiple: true } | { type: 'boolean'; short: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const name of names) spec[name] = { type: 'string', multiple: true };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options: spec, strict: true, allowPositionals: true }) as typeof parsed;
  } catch (error) {
    return { ok: false, message: describeParseError(error, args) };
  }
  if (parsed.values.help === true) return { ok: 'help' };
  const options: Partial<Record<Name, string>> = {};
  for (const name of names) {
    const given = parsed.values[name] as string[] | undefined;
    if (given === undefined) continue;
    if (given.length > 1) return { ok: false, message: `--${name} is given twice` };
    if (given[0].trim() === '') return { ok: false, message: `--${name} needs a value` };
    options[name] = given[0];
  }
  return { ok: true, options, positionals: parsed.positionals };
}

/** A Microsoft Entra tenant id as the stores accept it (it becomes a partition key value). */
export function tenantIdProblem(tenantId: string | undefined): string | undefined {
  if (tenantId === undefined) return '--tenant <id> is required (the Microsoft Entra tenant id of the organisation)';
  if (!/^[^\s/\\?#]{1,128}$/.test(tenantId)) return `--tenant "${tenantId}" is not a tenant id`;
  return undefined;
}

function describeParseError(error: unknown, args: readonly string[]): string {
  const code = (error as { code?: string }).code;
  const named = /'(-[^']*)'/.exec(error instanceof Error ? error.message : '')?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${named ?? args.find((a) => a.startsWith('-')) ?? ''}`.trim();
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `${named ?? 'an option'} needs a value`;
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
