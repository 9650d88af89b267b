/**
 * Builds the Teams app package for one environment:
 *
 *   npm run package -- --env dev
 *
 * fills the `${{VAR}}` placeholders of appPackage/manifest.json from env/.env.<name> (then
 * env/.env.<name>.user, which holds what must not be committed), refuses with the full list of
 * placeholders left unfilled, validates the result offline (the Teams schema bundled in
 * @microsoft/app-manifest plus what that schema does not check: icons, semver, ids, commands), and
 * writes build/appPackage/appPackage.<name>.zip with manifest.json, color.png and outline.png.
 *
 * The same env files and placeholders serve the Microsoft 365 Agents Toolkit (m365agents.yml), so the
 * toolkit and this script produce the same manifest.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { PNG } from 'pngjs';
import { TEXT_SHORTCUTS } from '../src/adapters/cards';

export const REPO_ROOT = path.resolve(__dirname, '..');
/** Where packages go: the same folder the toolkit's teamsApp/zipAppPackage writes to (m365agents.yml). */
export const DEFAULT_OUT_DIR = path.join(REPO_ROOT, 'build', 'appPackage');

/** `${{NAME}}`, as the Agents Toolkit writes placeholders. */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly string[] };

// ---------------------------------------------------------------------------------------------
// Environment files

/**
 * Parses the dotenv subset the toolkit writes: `KEY=value` lines, `#` comments, optional single or
 * double quotes around the value. A later key wins.
 */
export function parseEnvFile(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2];
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2];
    else value = value.replace(/\s+#.*$/, '').trim();
    vars.set(match[1], value);
  }
  return vars;
}

/** env/.env.<name> overlaid with env/.env.<name>.user when present. */
export function loadEnvironment(envDir: string, name: string): Outcome<Map<string, string>> {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) return { ok: false, problems: [`Environment name "${name}" must be letters, digits, - or _.`] };
  const base = path.join(envDir, `.env.${name}`);
  if (!existsSync(base)) {
    return { ok: false, problems: [`No environment file .env.${name} in ${path.relative(REPO_ROOT, envDir) || '.'}/: create it (env/.env.dev shows what it holds).`] };
  }
  const vars = parseEnvFile(readFileSync(base, 'utf8'));
  const user = `${base}.user`;
  if (existsSync(user)) for (const [k, v] of parseEnvFile(readFileSync(user, 'utf8'))) vars.set(k, v);
  return { ok: true, value: vars };
}

/** Every placeholder name in a template, in order of first appearance. */
export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/**
 * Replaces every placeholder; a variable that is missing or empty is unfilled. Values are written
 * JSON-escaped because every placeholder in the manifest sits inside a JSON string.
 */
export function fillPlaceholders(template: string, vars: ReadonlyMap<string, string>): Outcome<string> {
  const unfilled = placeholdersIn(template).filter((name) => !vars.get(name));
  if (unfilled.length > 0) return { ok: false, problems: unfilled };
  return { ok: true, value: template.replace(PLACEHOLDER, (_, name: string) => JSON.stringify(vars.get(name)).slice(1, -1)) };
}

// ---------------------------------------------------------------------------------------------
// Validation

/** The Teams schema bundled in @microsoft/app-manifest for the manifest's `$schema`, read from disk. */
export function bundledSchemaPath(schemaUrl: string): string | undefined {
  const match = /^https:\/\/developer\.microsoft\.com\/json-schemas\/(teams\/v[0-9.]+\/MicrosoftTeams\.schema\.json)$/.exec(schemaUrl);
  if (!match) return undefined;
  // The package keeps its schemas in build/json-schemas/, next to build/index.js.
  const file = path.join(path.dirname(require.resolve('@microsoft/app-manifest')), 'json-schemas', match[1]);
  return existsSync(file) ? file : undefined;
}

export function loadBundledSchema(schemaUrl: string): object | undefined {
  const file = bundledSchemaPath(schemaUrl);
  if (!file) return undefined;
  // Some Teams schemas carry \a and \v escapes in regex patterns, which JSON does not allow.
  return JSON.parse(readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as object;
}

/** Semantic Versioning 2.0.0, the form Teams requires for `version`. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

export function isSemver(version: string): boolean {
  return SEMVER.test(version);
}

/** Teams icon rules: colour 192x192; outline 32x32, transparent background, white pixels only. */
export function checkIcons(color: Buffer, outline: Buffer): string[] {
  const problems: string[] = [];
  const read = (label: string, data: Buffer): PNG | undefined => {
    try {
      return PNG.sync.read(data);
    } catch (e) {
      problems.push(`${label} is not a PNG (${(e as Error).message}).`);
      return undefined;
    }
  };
  const c = read('color.png', color);
  if (c && (c.width !== 192 || c.height !== 192)) problems.push(`color.png is ${c.width}x${c.height}; Teams wants 192x192.`);
  const o = read('outline.png', outline);
  if (o) {
    if (o.width !== 32 || o.height !== 32) problems.push(`outline.png is ${o.width}x${o.height}; Teams wants 32x32.`);
    let transparent = 0;
    let visible = 0;
    let coloured = 0;
    for (let i = 0; i < o.data.length; i += 4) {
      const alpha = o.data[i + 3];
      if (alpha === 0) transparent++;
      else {
        visible++;
        if (o.data[i] !== 255 || o.data[i + 1] !== 255 || o.data[i + 2] !== 255) coloured++;
      }
    }
    if (coloured > 0) problems.push(`outline.png has ${coloured} visible pixels that are not white; Teams wants white on transparent.`);
    if (visible === 0) problems.push('outline.png is fully transparent: there is no glyph.');
    // The four corners are background in any outline icon; an opaque corner means a filled square.
    const corners = [0, o.width - 1, (o.height - 1) * o.width, o.height * o.width - 1];
    if (corners.some((p) => o.data[p * 4 + 3] !== 0)) problems.push('outline.png has an opaque corner: its background must be transparent.');
    if (transparent === 0) problems.push('outline.png has no transparent pixel.');
  }
  return problems;
}

/** A manifest as far as the checks below need it. */
interface ManifestShape {
  $schema?: string;
  version?: string;
  bots?: { botId?: string; commandLists?: { commands?: { title?: string }[] }[] }[];
  staticTabs?: { contentUrl?: string; websiteUrl?: string }[];
  validDomains?: string[];
  webApplicationInfo?: { id?: string; resource?: string };
}

/** Every command title in the bot's command lists. */
export function manifestCommands(manifest: unknown): string[] {
  const m = manifest as ManifestShape;
  return (m.bots ?? []).flatMap((b) => (b.commandLists ?? []).flatMap((l) => (l.commands ?? []).map((c) => c.title ?? '')));
}

/** What the schema cannot see: semver, commands the bot routes, SSO resource and domains agreeing. */
export function checkManifestRules(manifest: unknown, shortcuts: readonly string[] = TEXT_SHORTCUTS.map((s) => s.command)): string[] {
  const m = manifest as ManifestShape;
  const problems: string[] = [];
  if (typeof m.version !== 'string' || !isSemver(m.version)) problems.push(`version "${m.version}" is not semver (MAJOR.MINOR.PATCH).`);
  const commands = manifestCommands(m);
  for (const c of commands) if (!shortcuts.includes(c)) problems.push(`command "${c}" is in the manifest but the bot has no such text shortcut.`);
  for (const s of shortcuts) if (!commands.includes(s)) problems.push(`text shortcut "${s}" is missing from the manifest's command list.`);
  const domains = m.validDomains ?? [];
  for (const tab of m.staticTabs ?? []) {
    for (const url of [tab.contentUrl, tab.websiteUrl]) {
      if (url === undefined) continue;
      const host = new URL(url).host;
      if (!domains.includes(host)) problems.push(`tab URL ${url} is outside validDomains.`);
    }
  }
  const sso = m.webApplicationInfo;
  if (sso?.id !== undefined) {
    const expected = domains.map((d) => `api://${d}/${sso.id}`);
    if (!expected.includes(sso.resource ?? '')) problems.push(`webApplicationInfo.resource must be api://<valid domain>/${sso.id}, got ${sso.resource}.`);
  }
  return problems;
}

/** Schema errors (offline, from the bundled schema) followed by the rules above. */
export async function validateManifest(manifest: unknown): Promise<string[]> {
  const schemaUrl = (manifest as ManifestShape).$schema;
  if (typeof schemaUrl !== 'string') return ['manifest has no $schema.'];
  const schema = loadBundledSchema(schemaUrl);
  if (!schema) return [`$schema ${schemaUrl} is not one that @microsoft/app-manifest bundles; validation must stay offline.`];
  type Validate = typeof AppManifestUtils.validateAgainstSchema;
  const schemaErrors = await AppManifestUtils.validateAgainstSchema(
    manifest as Parameters<Validate>[0],
    schema as Parameters<Validate>[1],
  );
  return [...schemaErrors.map((e) => `schema: ${e.trim()}`), ...checkManifestRules(manifest)];
}

// ---------------------------------------------------------------------------------------------
// Zip

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309), as the zip format stores it. */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}

/**
 * A minimal zip (PKWARE APPNOTE 6.3): one local header per file, a central directory and its end
 * record; deflated unless deflate does not help. The timestamp is fixed (1980-01-01) so the same
 * input gives the same bytes.
 */
export function createZip(entries: readonly ZipEntry[]): Buffer {
  const DOS_TIME = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = deflateRawSync(entry.data, { level: 9 });
    const method = deflated.length < entry.data.length ? 8 : 0;
    const body = method === 8 ? deflated : entry.data;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk, internal and external attributes: all zero
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

// ---------------------------------------------------------------------------------------------
// The package

export interface PackageOptions {
  readonly env: string;
  /** Where appPackage/ lives; defaults to this repository. */
  readonly appPackageDir?: string;
  readonly envDir?: string;
  readonly outDir?: string;
}

export interface BuiltPackage {
  readonly zipPath: string;
  readonly manifest: Record<string, unknown>;
}

export async function buildAppPackage(options: PackageOptions): Promise<Outcome<BuiltPackage>> {
  const appPackageDir = options.appPackageDir ?? path.join(REPO_ROOT, 'appPackage');
  const envDir = options.envDir ?? path.join(REPO_ROOT, 'env');
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;

  const env = loadEnvironment(envDir, options.env);
  if (!env.ok) return env;
  const template = readFileSync(path.join(appPackageDir, 'manifest.json'), 'utf8');
  const filled = fillPlaceholders(template, env.value);
  if (!filled.ok) {
    return {
      ok: false,
      problems: [
        `${filled.problems.length} placeholder(s) in appPackage/manifest.json have no value in env/.env.${options.env} ` +
          `(or env/.env.${options.env}.user): ${filled.problems.join(', ')}`,
      ],
    };
  }
  const manifest = JSON.parse(filled.value) as Record<string, unknown>;
  const icons = manifest.icons as { color: string; outline: string };
  const color = readFileSync(path.join(appPackageDir, icons.color));
  const outline = readFileSync(path.join(appPackageDir, icons.outline));
  const problems = [...(await validateManifest(manifest)), ...checkIcons(color, outline)];
  if (problems.length > 0) return { ok: false, problems };

  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, `manifest.${options.env}.json`), manifestBytes);
  const zipPath = path.join(outDir, `appPackage.${options.env}.zip`);
  writeFileSync(
    zipPath,
    createZip([
      { name: 'manifest.json', data: manifestBytes },
      { name: icons.color, data: color },
      { name: icons.outline, data: outline },
    ]),
  );
  return { ok: true, value: { zipPath, manifest } };
}

export function parseArgs(argv: readonly string[]): Outcome<{ env: string }> {
  const i = argv.findIndex((a) => a === '--env' || a.startsWith('--env='));
  const value = i < 0 ? undefined : argv[i].includes('=') ? argv[i].slice('--env='.length) : argv[i + 1];
  if (!value || value.startsWith('--')) return { ok: false, problems: ['Usage: npm run package -- --env <name>   (reads env/.env.<name>)'] };
  return { ok: true, value: { env: value } };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args.ok) {
    process.stderr.write(`${args.problems.join('\n')}\n`);
    return 2;
  }
  const built = await buildAppPackage({ env: args.value.env });
  if (!built.ok) {
    process.stderr.write(`App package for "${args.value.env}" not built:\n${built.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`${path.relative(process.cwd(), built.value.zipPath)}\n`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
