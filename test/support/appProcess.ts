/**
 * The app as a real process, as `npm start` (tsx src/main.ts) or App Service (node dist/main.js)
 * runs it: its JSON log lines parsed as they come, its stderr kept, its exit awaited.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export const REPO = path.resolve(__dirname, '..', '..');
const TSX = path.join(REPO, 'node_modules', '.bin', 'tsx');

export interface AppProcess {
  readonly child: ChildProcess;
  readonly entries: Array<Record<string, unknown>>;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

/** The environment of a fresh machine: nothing of ours set, except what the test chooses. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SystemRoot'];
  const env: NodeJS.ProcessEnv = {};
  for (const k of keep) if (process.env[k] !== undefined) env[k] = process.env[k];
  return { ...env, ...extra };
}

/** By default `tsx src/main.ts` in the repository; `command` runs something else (e.g. node on a build). */
export function launchApp(env: Record<string, string>, command: { file: string; args: readonly string[]; cwd: string } = { file: TSX, args: ['src/main.ts'], cwd: REPO }): AppProcess {
  const child = spawn(command.file, [...command.args], { cwd: command.cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const entries: Array<Record<string, unknown>> = [];
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      entries.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      entries.push({ unparsed: line });
    }
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, entries, stderr: () => err, exited };
}

export async function waitForEntry(app: AppProcess, event: string, timeoutMs: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = app.entries.find((e) => e.event === event);
    if (found) return found;
    if (app.child.exitCode !== null) throw new Error(`exited ${app.child.exitCode} before "${event}": ${app.stderr()}`);
    if (Date.now() > deadline) throw new Error(`no "${event}" within ${timeoutMs} ms: ${app.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Says "help" to the running app over the Bot Framework protocol (local mode: no token), as
 * user 11111111-... in `tenantId`; the reply goes to `serviceUrl`. The activity's id is "m-1".
 */
export function sayHelp(origin: string, serviceUrl: string, tenantId: string): Promise<Response> {
  return fetch(`${origin}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: 'm-1',
      channelId: 'msteams',
      serviceUrl,
      from: { id: '29:u', aadObjectId: '11111111-2222-4333-8444-555555555555' },
      recipient: { id: '28:bot' },
      conversation: { id: 'c-1', conversationType: 'personal', tenantId },
      text: 'help',
    }),
  });
}
