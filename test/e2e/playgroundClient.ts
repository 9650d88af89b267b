/**
 * The ONE place that knows the Microsoft 365 Agents Playground's own server API (undocumented,
 * what its web page calls), pinned to @microsoft/m365agentsplayground 0.2.28:
 * - POST /_debug/conversation/{id}/installation        the app is installed by the current user
 * - POST /_conversation/v1/conversations/{id}/messages a person types a message
 * - POST /_conversation/v1/invoke                       a person presses an Action.Execute button
 * - WS   /_ws_conversation/v1/conversations/stream      what the bot posts: createMessage / updateMessage
 * - GET  /_internal/v1/config                           the mock tenant, users and chats
 *
 * The Playground starts with `-p 0` (its port is printed as `Listening on <port>`), offline:
 * --disable-telemetry, APPLICATION_INSIGHTS_NO_STATSBEAT=true, TEAMSAPPTESTER_BROWSER=none, and its
 * log in a file of ours. Its mock Teams context comes from the config file we point it at
 * (M365_AGENTS_PLAYGROUND_CONFIG_PATH).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Socket } from 'node:net';
import {
  PLAYGROUND_FILE,
  PLAYGROUND_VERSION,
  asPerson,
  keyOf,
  readPlaygroundFile,
  writePlaygroundFile,
  type PlaygroundConfigFile,
  type PlaygroundUser,
} from '../../scripts/playground';

const PACKAGE_DIR = path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json'));
const CLI = path.join(PACKAGE_DIR, 'cli.js');

// The config file's shape and helpers are the playground script's (scripts/playground.ts).
export { PLAYGROUND_FILE, PLAYGROUND_VERSION, asPerson, keyOf, readPlaygroundFile, writePlaygroundFile };
export type { PlaygroundConfigFile, PlaygroundUser };

export async function installedVersion(): Promise<string> {
  const pkg = JSON.parse(await fs.readFile(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

// --- what the bot posts, as the Playground streams it ------------------------------------------

export interface StreamedMessage {
  readonly action: 'createMessage' | 'updateMessage';
  readonly conversationId: string;
  readonly messageId: string;
  readonly text?: string;
  readonly cards: readonly unknown[];
}

function toStreamed(raw: unknown): StreamedMessage | undefined {
  const r = raw as {
    action?: string;
    actionConversationId?: string;
    message?: { messageId?: string; text?: string; attachments?: { contentType?: string; content?: unknown }[] };
  };
  if (r?.action !== 'createMessage' && r?.action !== 'updateMessage') return undefined;
  const m = r.message ?? {};
  return {
    action: r.action,
    conversationId: r.actionConversationId ?? '',
    messageId: m.messageId ?? '',
    ...(typeof m.text === 'string' ? { text: m.text } : {}),
    cards: (m.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content),
  };
}

/**
 * A WebSocket reader (RFC 6455) for the Playground's stream: text frames from the server, in order.
 * Node 20 has no WebSocket client of its own; this needs only to read and to answer pings.
 */
function openStream(host: string, port: number, pathname: string, onText: (text: string) => void): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host,
      port,
      path: pathname,
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': randomBytes(16).toString('base64') },
    });
    req.on('upgrade', (_res, socket, head) => {
      let buf = head;
      let fragments: Buffer[] = [];
      const frame = (opcode: number, payload: Buffer) => {
        const mask = randomBytes(4);
        const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]));
        socket.write(Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | payload.length]), mask, masked]));
      };
      socket.on('data', (chunk: Buffer) => {
        buf = Buffer.concat([buf, chunk]);
        for (;;) {
          if (buf.length < 2) return;
          const fin = (buf[0] & 0x80) !== 0;
          const opcode = buf[0] & 0x0f;
          let len = buf[1] & 0x7f;
          let offset = 2;
          if (len === 126) {
            if (buf.length < 4) return;
            len = buf.readUInt16BE(2);
            offset = 4;
          } else if (len === 127) {
            if (buf.length < 10) return;
            len = Number(buf.readBigUInt64BE(2));
            offset = 10;
          }
          if (buf.length < offset + len) return;
          const payload = buf.subarray(offset, offset + len);
          buf = buf.subarray(offset + len);
          if (opcode === 0x9) frame(0xa, payload.subarray(0, 125));
          else if (opcode === 0x8) socket.end();
          else if (opcode === 0x1 || opcode === 0x0) {
            fragments.push(Buffer.from(payload));
            if (fin) {
              onText(Buffer.concat(fragments).toString('utf8'));
              fragments = [];
            }
          }
        }
      });
      resolve(socket);
    });
    req.on('response', (res) => reject(new Error(`the Playground refused the stream: HTTP ${res.statusCode}`)));
    req.on('error', reject);
    req.end();
  });
}

// --- the Playground ------------------------------------------------------------------------

export interface StartOptions {
  /** The bot's /api/messages. */
  readonly botEndpoint: string;
  /** The mock Teams context. */
  readonly config: PlaygroundConfigFile;
  /** Where its log goes (also where a failed start's reason is). Default: a temp file. */
  readonly logFile?: string;
  readonly startTimeoutMs?: number;
}

export interface InvokeAnswer {
  readonly type: string;
  readonly value: unknown;
}

export class Playground {
  readonly messages: StreamedMessage[] = [];
  private readonly waiters: (() => void)[] = [];
  private socket?: Socket;

  private constructor(
    private readonly child: ChildProcess | undefined,
    readonly port: number,
    readonly config: PlaygroundConfigFile,
    readonly logFile: string,
    private readonly dir: string | undefined,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get me(): PlaygroundUser {
    return this.config.currentUser;
  }

  get personalChatId(): string {
    return this.config.personalChat.id;
  }

  static async start(options: StartOptions): Promise<Playground> {
    const version = await installedVersion();
    if (version !== PLAYGROUND_VERSION) throw new Error(`this client speaks the API of Playground ${PLAYGROUND_VERSION}; ${version} is installed`);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-playground-'));
    const configFile = await writePlaygroundFile(options.config, dir);
    const logFile = options.logFile ?? path.join(dir, 'playground.log');
    const child = spawn(process.execPath, [CLI, 'start', '-e', options.botEndpoint, '-c', 'msteams', '-p', '0', '--disable-telemetry'], {
      cwd: dir,
      env: {
        ...process.env,
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`the Playground did not start in time:\n${out.slice(-2000)}`)), options.startTimeoutMs ?? 30_000);
      const onData = (d: Buffer) => {
        out += d.toString();
        const m = /Listening on (\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          resolve(Number(m[1]));
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the Playground exited (${code}) while starting:\n${out.slice(-2000)}`));
      });
    });
    // Keep its (chatty) output flowing so the pipe never fills.
    child.stdout?.resume();
    child.stderr?.resume();
    const pg = new Playground(child, port, options.config, logFile, dir);
    // It serves its API once it has reached the bot; a bad config file makes it exit instead.
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', async (code) => reject(new Error(`the Playground exited (${code}); its log:\n${(await fs.readFile(logFile, 'utf8').catch(() => '')).slice(-2000)}`))),
    );
    exited.catch(() => undefined);
    await Promise.race([pg.connect(), exited]);
    return pg;
  }

  /** A client for a Playground someone else started (e.g. `npm run playground`); close() leaves it running. */
  static async attach(port: number, config: PlaygroundConfigFile): Promise<Playground> {
    const pg = new Playground(undefined, port, config, '', undefined);
    await pg.connect();
    return pg;
  }

  private async connect(): Promise<void> {
    const served = (await this.get('/_internal/v1/config')) as { config?: { tenantId?: string; currentUser?: { id?: string } } };
    if (served.config?.tenantId !== this.config.tenantId || served.config?.currentUser?.id !== this.me.id) {
      throw new Error(`the Playground serves tenant ${served.config?.tenantId} as ${served.config?.currentUser?.id}, not ${this.config.tenantId} as ${this.me.id}`);
    }
    this.socket = await openStream('127.0.0.1', this.port, '/_ws_conversation/v1/conversations/stream', (text) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return;
      }
      const m = toStreamed(parsed);
      if (m === undefined) return;
      this.messages.push(m);
      this.waiters.splice(0).forEach((w) => w());
    });
  }

  private async request(method: 'GET' | 'POST', pathname: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.url}${pathname}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`Playground ${method} ${pathname}: HTTP ${res.status} ${text.slice(0, 500)}`);
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  }

  get(pathname: string): Promise<unknown> {
    return this.request('GET', pathname);
  }

  /** The current user installs the app in a chat (default: their 1:1 chat with the bot). */
  async install(conversationId = this.personalChatId): Promise<void> {
    await this.request('POST', `/_debug/conversation/${encodeURIComponent(conversationId)}/installation`, {});
  }

  /** The current user types a message. Resolves once the Playground has taken it; replies arrive on the stream. */
  async say(text: string, conversationId = this.personalChatId): Promise<string> {
    const res = (await this.request('POST', `/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, {
      type: 'text',
      text,
      textFormat: 'plain',
      from: { id: this.me.id },
    })) as { messageId: string };
    return res.messageId;
  }

  /** The current user presses an Action.Execute on the bot's message `replyToId`: the bot's invoke answer. */
  async invoke(replyToId: string, verb: string, data: Record<string, unknown>, conversationId = this.personalChatId): Promise<InvokeAnswer> {
    return (await this.request('POST', '/_conversation/v1/invoke', {
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data } },
      from: { id: this.me.id },
      conversation: { id: conversationId },
      replyToId,
    })) as InvokeAnswer;
  }

  /** The first streamed message from `from` on that matches; waits for it. */
  waitFor(match: (m: StreamedMessage) => boolean, opts: { from?: number; timeoutMs?: number; what?: string } = {}): Promise<StreamedMessage> {
    const from = opts.from ?? 0;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ${opts.what ?? 'matching message'} in ${opts.timeoutMs ?? 10_000} ms; got ${this.messages.length - from} since: ${JSON.stringify(this.messages.slice(from)).slice(0, 1500)}`)),
        opts.timeoutMs ?? 10_000,
      );
      const check = () => {
        const found = this.messages.slice(from).find(match);
        if (found !== undefined) {
          clearTimeout(timer);
          resolve(found);
        } else this.waiters.push(check);
      };
      check();
    });
  }

  async close(): Promise<void> {
    this.socket?.destroy();
    const child = this.child;
    if (child !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (this.dir !== undefined) await fs.rm(this.dir, { recursive: true, force: true });
  }
}
