/** Shared by the Cosmos adapter tests: temp data folders, child processes, record builders. */
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { AgreementRepository, OutboxEntry } from '../../../src/app/ports';
import type { Agreement, Concern, ConversationRecord, OrganisationSettings, Person, ReflectiveNote, Session } from '../../../src/domain/model';
import { emptySummary } from '../../fakes/records';
import type { Result } from '../../../src/domain/result';

export async function tempDataDir(label: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `sb-cosmos-${label}-`));
}

export async function removeDir(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
}

/** The value of an ok Result; fails the test with the error otherwise. */
export function must<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export const CHILD_SCRIPT = path.join(__dirname, 'fixtures', 'storeChild.ts');

export interface Child {
  readonly process: ChildProcess;
  /** Next JSON line the child printed. */
  next(): Promise<Record<string, unknown>>;
  send(line: string): void;
  exited: Promise<number | null>;
}

/** Runs test/adapters/cosmos/fixtures/storeChild.ts under tsx, as a separate process. */
export function spawnChild(args: readonly string[]): Child {
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), CHILD_SCRIPT, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    const w = waiting.shift();
    if (w !== undefined) w(line);
    else lines.push(line);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    process: child,
    exited,
    send: (line) => child.stdin!.write(`${line}\n`),
    next: () =>
      new Promise((resolve, reject) => {
        const parse = (line: string) => {
          try {
            resolve(JSON.parse(line) as Record<string, unknown>);
          } catch {
            reject(new Error(`child printed a non-JSON line: ${line}\n${stderr}`));
          }
        };
        const line = lines.shift();
        if (line !== undefined) {
          parse(line);
          return;
        }
        waiting.push(parse);
        void exited.then((code) => reject(new Error(`child exited (${code}) before printing a line. stderr:\n${stderr}`)));
      }),
  };
}

/** A pid that belonged to a process which has exited. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  const pid = child.pid!;
  await new Promise((resolve) => child.on('exit', resolve));
  return pid;
}

const T0 = '2026-03-02T09:00:00.000Z';

export function person(tenantId: string, id: string, extra: Partial<Person> = {}): Person {
  return { id, tenantId, email: `${id}@example.org`, name: `Person ${id}`, roles: ['supervisee'], ...extra };
}

export function agreement(tenantId: string, id: string, extra: Partial<Agreement> = {}): Agreement {
  return {
    id,
    tenantId,
    superviseeId: 'p-supervisee',
    supervisorId: 'p-supervisor',
    lineManagerIsRegisteredSocialWorker: true,
    employmentStart: '2025-09-01',
    agreementStart: '2025-09-01',
    nqsw: false,
    pauses: [],
    status: 'active',
    supervisorHistory: [{ supervisorId: 'p-supervisor', from: '2025-09-01' }],
    summary: { ...emptySummary('2026-03-02'), nextDueBy: '2026-03-31', nextActionAt: '2026-03-24T09:00:00.000Z' },
    createdAt: T0,
    updatedAt: T0,
    ...extra,
  };
}

export function session(tenantId: string, id: string, agreementId: string, extra: Partial<Session> = {}): Session {
  return {
    id,
    tenantId,
    agreementId,
    supervisorId: 'p-supervisor',
    superviseeId: 'p-supervisee',
    status: 'scheduled',
    mode: 'teams',
    scheduledStart: '2026-03-10T10:00:00.000Z',
    plannedMinutes: 90,
    agenda: ['caseload'],
    actions: [],
    createdAt: T0,
    updatedAt: T0,
    ...extra,
  };
}

export function note(tenantId: string, id: string, authorId: string, extra: Partial<ReflectiveNote> = {}): ReflectiveNote {
  return {
    id,
    tenantId,
    authorId,
    whatHappened: 'A home visit',
    howIFelt: 'Unsure',
    whatILearned: 'Ask earlier',
    whatNext: 'Plan with my supervisor',
    visibility: 'private',
    createdAt: T0,
    updatedAt: T0,
    ...extra,
  };
}

export function concern(tenantId: string, id: string, raisedById: string, extra: Partial<Concern> = {}): Concern {
  return {
    id,
    tenantId,
    raisedById,
    category: 'workload',
    description: 'Too many cases',
    urgency: 'medium',
    route: 'psw',
    handlerId: 'p-psw',
    status: 'raised',
    history: [{ at: T0, byId: raisedById, status: 'raised' }],
    createdAt: T0,
    updatedAt: T0,
    ...extra,
  };
}

export function organisation(tenantId: string, extra: Partial<OrganisationSettings> = {}): OrganisationSettings {
  return {
    tenantId,
    name: `Org ${tenantId}`,
    zone: 'Europe/London',
    pswIds: ['p-psw'],
    adminIds: ['p-admin'],
    reminderLeadDays: 3,
    escalationGraceDays: 5,
    quietHours: { start: '19:00', end: '08:00' },
    ...extra,
  };
}

export function conversation(tenantId: string, aadObjectId: string, extra: Partial<ConversationRecord> = {}): ConversationRecord {
  return {
    tenantId,
    aadObjectId,
    conversationId: `conv-${aadObjectId}`,
    serviceUrl: 'https://smba.trafficmanager.net/uk/',
    botId: '28:bot',
    channelId: 'msteams',
    reference: { conversation: { id: `conv-${aadObjectId}` } },
    installed: true,
    updatedAt: T0,
    ...extra,
  };
}

export function outboxEntry(tenantId: string, id: string, notBefore: string, extra: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    id,
    tenantId,
    recipientAadObjectId: 'aad-1',
    kind: 'reminder',
    payload: { kind: 'reminder', spent: true },
    notBefore,
    attempts: 0,
    status: 'pending',
    createdAt: T0,
    updatedAt: T0,
    ...extra,
  };
}

/** Adds one to summary.met: read, modify, replace with the etag, retry on CONFLICT. Returns the attempts used. */
export async function incrementMet(agreements: AgreementRepository, tenantId: string, id: string): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await agreements.get(tenantId, id);
    if (!current.ok || current.value === null) throw new Error(`read failed: ${JSON.stringify(current)}`);
    const a = current.value.value;
    const saved = await agreements.replace({ ...a, summary: { ...a.summary, met: a.summary.met + 1 } }, current.value.etag);
    if (saved.ok) return attempt;
    if (saved.error.code !== 'CONFLICT') throw new Error(`replace failed: ${saved.error.code}`);
  }
}

/**
 * Temp data folders and opened stores for one describe block: each store opened through `track` is
 * closed after each test, each folder made by `newDir` removed after the block.
 */
export function storeFixtures(): { newDir(label: string): Promise<string>; track<S extends { close(): Promise<unknown> }>(store: S): S } {
  const dirs: string[] = [];
  const stores: { close(): Promise<unknown> }[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });
  after(async () => {
    for (const d of dirs) await removeDir(d);
  });
  return {
    newDir: async (label) => {
      const d = await tempDataDir(label);
      dirs.push(d);
      return d;
    },
    track: (store) => {
      stores.push(store);
      return store;
    },
  };
}
