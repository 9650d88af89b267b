/**
 * `npm run playground [-- --as <person>] [-- --port <n>] [-- --no-browser]`
 *
 * Try the bot in the Microsoft 365 Agents Playground (@microsoft/m365agentsplayground, pinned),
 * offline, in one command:
 *  1. uses the bot already answering on PORT (default 3978), or starts it (`src/main.ts`, the same
 *     as `npm start`: the embedded store in DATA_DIR), its log in devTools/supervision-bot.log;
 *  2. on the embedded store, creates the demo organisation if it is not there yet (`npm run
 *     seed:demo`; once: what you do in the Playground is kept between runs);
 *  3. starts the Playground against http://127.0.0.1:<port>/api/messages with telemetry off
 *     (--disable-telemetry, APPLICATION_INSIGHTS_NO_STATSBEAT=true) and its log in
 *     devTools/m365agentsplayground.log. Set TEAMSAPPTESTER_BROWSER=none to keep it from opening a
 *     browser (or pass --no-browser).
 *
 * You are the `currentUser` of .m365agentsplayground.yml (Sam Okafor, a supervisor). `--as noah`
 * (psw, sam, rachel, noah, amira, daniel) makes you someone else; run two at once (two terminals)
 * to see the cards one person's action sends the other.
 *
 * Ctrl-C stops the Playground and the bot it started (the bot saves its store on the way out).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { createCosmosRepositories } from '../src/adapters/cosmos/repositories';
import { openStore } from '../src/adapters/cosmos/store';
import { loadConfig, type Config } from '../src/config';

const ROOT = path.resolve(__dirname, '..');
export const PLAYGROUND_FILE = path.join(ROOT, '.m365agentsplayground.yml');
export const PLAYGROUND_VERSION = '0.2.28';
const PLAYGROUND_DIR = path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json'));
const DEV_TOOLS = path.join(ROOT, 'devTools');

// --- the Playground's config file (schema 0.1.1) --------------------------------------------------

export interface PlaygroundUser {
  readonly id: string;
  readonly name: string;
  readonly userPrincipleName: string;
  readonly aadObjectId: string;
  readonly givenName: string;
  readonly surname: string;
  readonly email: string;
}

export interface PlaygroundConfigFile {
  readonly version: string;
  readonly tenantId: string;
  readonly bot: { readonly id: string; readonly name: string };
  readonly currentUser: PlaygroundUser;
  /** Exactly five. */
  readonly users: readonly PlaygroundUser[];
  readonly personalChat: { readonly id: string };
  readonly groupChat: { readonly id: string; readonly name: string };
  readonly team: { readonly id: string; readonly name: string; readonly aadGroupId: string; readonly channels: readonly { id: string; name: string }[] };
}

export async function readPlaygroundFile(file = PLAYGROUND_FILE): Promise<PlaygroundConfigFile> {
  return parseYaml(await fs.readFile(file, 'utf8')) as PlaygroundConfigFile;
}

/** A person's key: the first word of their name, lower-cased (sam, noah...). */
export const keyOf = (u: PlaygroundUser): string => u.name.split(' ')[0].toLowerCase();

/**
 * The same organisation seen by another of its people: `who` (a key, `psw`, or a user id) becomes
 * the current user, the previous current user one of the five users, and the 1:1 chat gets its own
 * id (so two Playgrounds against one bot are two different chats). Throws when no one matches.
 */
export function asPerson(config: PlaygroundConfigFile, who: string): PlaygroundConfigFile {
  const everyone = [config.currentUser, ...config.users];
  const key = who.trim().toLowerCase();
  const me = everyone.find((u) => u.id.toLowerCase() === key || u.id.toLowerCase() === `user-${key}` || keyOf(u) === key);
  if (me === undefined) throw new Error(`no one called "${who}" in ${path.basename(PLAYGROUND_FILE)}; try one of: ${everyone.map(keyOf).join(', ')}`);
  if (me === config.currentUser) return config;
  return { ...config, currentUser: me, users: everyone.filter((u) => u !== me), personalChat: { id: `personal-chat-${me.id}` } };
}

export async function writePlaygroundFile(config: PlaygroundConfigFile, dir: string): Promise<string> {
  const file = path.join(dir, '.m365agentsplayground.yml');
  await fs.writeFile(file, stringifyYaml(config), 'utf8');
  return file;
}

// --- the bot ------------------------------------------------------------------------------------

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

interface Bot {
  readonly url: string;
  readonly child?: ChildProcess;
}

/** The bot answering on the configured port, or a new one (`src/main.ts`) when none does. */
async function ensureBot(config: Config): Promise<Bot> {
  const configured = `http://127.0.0.1:${config.port}`;
  if (config.port !== 0 && (await healthy(configured))) {
    console.log(`Supervision Bot: using the one already running at ${configured}`);
    return { url: configured };
  }
  await fs.mkdir(DEV_TOOLS, { recursive: true });
  const logFile = path.join(DEV_TOOLS, 'supervision-bot.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.pipe(process.stderr);
  let poll: NodeJS.Timeout | undefined;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bot did not start within 60 s; see ${logFile}`)), 60_000);
    const done = (value: string) => {
      clearTimeout(timer);
      resolve(value);
    };
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      log.write(`${line}\n`);
      try {
        const entry = JSON.parse(line) as { event?: string; url?: string };
        if (entry.event === 'server.listening' && typeof entry.url === 'string') done(entry.url);
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited (${code}) while starting; see ${logFile}`));
    });
    // With LOG_LEVEL above info there is no "listening" line: the health check says it instead.
    if (config.port !== 0) {
      poll = setInterval(() => void healthy(configured).then((up) => up && done(configured)), 500);
    }
  }).finally(() => clearInterval(poll));
  console.log(`Supervision Bot: started at ${url} (log: ${path.relative(ROOT, logFile)})`);
  return { url, child };
}

// --- the demo organisation ---------------------------------------------------------------------------

/** Runs `npm run seed:demo` when the demo organisation is not in the store yet. */
async function ensureDemo(config: Config, tenantId: string): Promise<void> {
  if (config.store.kind !== 'embedded') {
    console.log('Demo organisation: not seeded (COSMOS_ENDPOINT names a real account; run `npm run seed:demo -- --allow-cosmos` yourself).');
    return;
  }
  const store = await openStore({ ...config.store, lifetime: 'command' });
  if (!store.ok) throw new Error(`the store is not available: ${store.error.message}`);
  let present: boolean;
  try {
    const org = await createCosmosRepositories(store.value.database).organisations.get(tenantId);
    if (!org.ok) throw new Error(`the store did not answer: ${org.error.message}`);
    present = org.value !== null;
  } finally {
    await store.value.close();
  }
  if (present) {
    console.log('Demo organisation: already there (`npm run seed:demo` resets it to today).');
    return;
  }
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(ROOT, 'scripts', 'seedDemo.ts')], { cwd: ROOT, env: process.env, stdio: 'inherit' });
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error('npm run seed:demo failed');
}

// --- the Playground ---------------------------------------------------------------------------------

interface Running {
  readonly port: number;
  readonly child: ChildProcess;
}

async function startPlayground(botUrl: string, file: string, opts: { port?: number; noBrowser: boolean }): Promise<Running> {
  const pkg = JSON.parse(await fs.readFile(path.join(PLAYGROUND_DIR, 'package.json'), 'utf8')) as { version: string };
  if (pkg.version !== PLAYGROUND_VERSION) throw new Error(`expected @microsoft/m365agentsplayground ${PLAYGROUND_VERSION}, found ${pkg.version}: run npm ci`);
  await fs.mkdir(DEV_TOOLS, { recursive: true });
  const logFile = path.join(DEV_TOOLS, 'm365agentsplayground.log');
  const args = [path.join(PLAYGROUND_DIR, 'cli.js'), 'start', '-e', `${botUrl}/api/messages`, '-c', 'msteams', '--disable-telemetry'];
  if (opts.port !== undefined) args.push('-p', String(opts.port));
  const child = spawn(process.execPath, args, {
    cwd: path.dirname(file),
    env: {
      ...process.env,
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: file,
      ...(opts.noBrowser ? { TEAMSAPPTESTER_BROWSER: 'none' } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the Playground did not start within 60 s; see ${logFile}`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Listening on (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
        out = '';
      } else if (out.length > 100_000) out = out.slice(-1000);
    });
    child.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the Playground exited (${code}); its reason is in ${logFile}`));
    });
  });
  child.stdout?.resume();
  return { port, child };
}

// --- main ------------------------------------------------------------------------------------------

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function main(args: readonly string[]): Promise<number> {
  const loaded = loadConfig();
  if (!loaded.ok) {
    process.stderr.write(`playground: ${loaded.message}\n`);
    return 1;
  }
  let config = await readPlaygroundFile();
  const as = option(args, '--as');
  if (as !== undefined) config = asPerson(config, as);
  const portArg = option(args, '--port');
  const port = portArg === undefined ? undefined : Number(portArg);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    process.stderr.write(`playground: --port must be a port number, got ${portArg}\n`);
    return 1;
  }

  const bot = await ensureBot(loaded.config);
  let playground: Running | undefined;
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'supervision-playground-'));
  const shutdown = async () => {
    await stop(playground?.child);
    await stop(bot.child);
    await fs.rm(tmp, { recursive: true, force: true });
  };
  try {
    await ensureDemo(loaded.config, config.tenantId);
    const file = await writePlaygroundFile(config, tmp);
    playground = await startPlayground(bot.url, file, { port, noBrowser: args.includes('--no-browser') });
  } catch (error) {
    await shutdown();
    throw error;
  }
  console.log(`Agents Playground: http://localhost:${playground.port} (you are ${config.currentUser.name}; Ctrl-C to stop)`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const onSignal = () => {
      if (stopping) return;
      stopping = true;
      void shutdown().then(() => resolve(0));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    playground?.child.once('exit', onSignal);
    bot.child?.once('exit', onSignal);
  });
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`playground: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
