/**
 * A Bot Connector on loopback that enforces Teams' send limits, for the delivery tests and the
 * delivery bench: the service a proactive send reaches (the conversation reference's serviceUrl).
 *
 * Limits (Teams' documented rate limits, configurable): per tenant 50 sends a second; per
 * conversation 7 a second, 8 per 2 seconds, 60 per 30 seconds. A send beyond any of them is answered
 * 429 with a Retry-After (seconds, rounded up) saying when the fullest window frees a slot, as Teams
 * does. Refused sends do not count against the windows (Teams counts what it accepted).
 *
 * It also records what it accepted, so a test can count losses and duplicates (the same card to the
 * same conversation twice), and can be told to fail sends the way Teams does (5xx bursts, 403/404 for
 * a conversation), and to answer slowly.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { jsonReply as json } from './jsonReply';

export interface Window {
  readonly count: number;
  readonly ms: number;
}

export interface ConnectorLimits {
  readonly perTenant: readonly Window[];
  readonly perConversation: readonly Window[];
}

export const TEAMS_LIMITS: ConnectorLimits = {
  perTenant: [{ count: 50, ms: 1000 }],
  perConversation: [
    { count: 7, ms: 1000 },
    { count: 8, ms: 2000 },
    { count: 60, ms: 30_000 },
  ],
};

export interface Accepted {
  readonly at: number;
  readonly tenantId: string;
  readonly conversationId: string;
  /** sha256 of the activity's attachments: the same card twice to one conversation is a duplicate. */
  readonly digest: string;
}

export interface Fault {
  readonly status: number;
  readonly code: string;
  /** Headers of the refusal, e.g. a 429's retry-after. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A send answered with an error (a fault or a 429 of the limits), and when. */
export interface Refusal {
  readonly at: number;
  readonly tenantId: string;
  readonly conversationId: string;
  readonly status: number;
}

export interface LimitedConnectorOptions {
  readonly limits?: ConnectorLimits;
  /** Milliseconds each accepted send takes to answer (Teams answers in tens of milliseconds). */
  readonly latencyMs?: number;
  /** The tenant of a conversation whose activity names none. */
  readonly tenantOf?: (conversationId: string) => string | undefined;
}

export interface LimitedConnector {
  /** Ends with a slash, as Teams' serviceUrl does. */
  readonly serviceUrl: string;
  readonly accepted: Accepted[];
  readonly refused: Refusal[];
  readonly throttled: number;
  /** Sends refused on purpose (fail()). */
  readonly faulted: number;
  /** Answer the next `times` sends (to `conversationId`, or to any conversation when undefined) with `fault`. */
  fail(fault: Fault, times: number, conversationId?: string): void;
  /** Answer the next `times` sends to any conversation of `tenantId` with `fault`. */
  failTenant(fault: Fault, times: number, tenantId: string): void;
  /** (conversation, digest) pairs accepted more than once, with how many extra times. */
  duplicates(): number;
  /** The most sends accepted for one tenant in any window of `ms` (sliding), to check a sender stayed within limits. */
  peak(tenantId: string, ms: number): number;
  /** The most sends accepted for one conversation in any window of `ms`. */
  peakConversation(ms: number): number;
  waitForAccepted(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** The most timestamps (sorted) that fall in any half-open window of `ms`. */
function peakOf(times: readonly number[], ms: number): number {
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < times.length; hi++) {
    while (times[hi] - times[lo] >= ms) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

/** How long until a send fits in every window, given the accepted times (sorted) of that key; 0 when it fits now. */
function waitMs(times: readonly number[], windows: readonly Window[], now: number): number {
  let wait = 0;
  for (const w of windows) {
    const inWindow = times.filter((t) => now - t < w.ms);
    if (inWindow.length >= w.count) wait = Math.max(wait, inWindow[inWindow.length - w.count] + w.ms - now);
  }
  return wait;
}

export async function startLimitedConnector(options: LimitedConnectorOptions = {}): Promise<LimitedConnector> {
  const limits = options.limits ?? TEAMS_LIMITS;
  const accepted: Accepted[] = [];
  const byTenant = new Map<string, number[]>();
  const byConversation = new Map<string, number[]>();
  const faults: { fault: Fault; left: number; conversationId?: string; tenantId?: string }[] = [];
  const refused: Refusal[] = [];
  const waiters: (() => void)[] = [];
  let throttled = 0;
  let faulted = 0;
  let nextId = 1;
  const longest = (ws: readonly Window[]) => Math.max(0, ...ws.map((w) => w.ms));


  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      const send = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/.exec(path);
      if (req.method !== 'POST' || send === null) {
        json(res, 404, { error: { code: 'NotFound', message: `no route ${req.method} ${path}` } });
        return;
      }
      const conversationId = decodeURIComponent(send[1]);
      let activity: { conversation?: { tenantId?: unknown }; channelData?: { tenant?: { id?: unknown } }; attachments?: unknown };
      try {
        activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof activity;
      } catch {
        json(res, 400, { error: { code: 'BadArgument', message: 'not JSON' } });
        return;
      }
      const named = activity.conversation?.tenantId ?? activity.channelData?.tenant?.id;
      const tenantId = (typeof named === 'string' ? named : undefined) ?? options.tenantOf?.(conversationId) ?? 'unknown-tenant';

      const f = faults.find(
        (x) =>
          x.left > 0 &&
          (x.conversationId === undefined || x.conversationId === conversationId) &&
          (x.tenantId === undefined || x.tenantId === tenantId),
      );
      if (f !== undefined) {
        f.left--;
        faulted++;
        refused.push({ at: Date.now(), tenantId, conversationId, status: f.fault.status });
        json(res, f.fault.status, { error: { code: f.fault.code, message: 'refused by the test' } }, { ...f.fault.headers });
        return;
      }

      const now = Date.now();
      const tenantTimes = byTenant.get(tenantId) ?? [];
      const conversationTimes = byConversation.get(conversationId) ?? [];
      const wait = Math.max(waitMs(tenantTimes, limits.perTenant, now), waitMs(conversationTimes, limits.perConversation, now));
      if (wait > 0) {
        throttled++;
        refused.push({ at: now, tenantId, conversationId, status: 429 });
        json(res, 429, { error: { code: 'TooManyRequests', message: 'throttled' } }, { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) });
        return;
      }
      // Forget what no window can see any more, so long runs stay cheap.
      const keep = (times: number[], ms: number) => {
        while (times.length > 0 && now - times[0] >= ms) times.shift();
        times.push(now);
        return times;
      };
      byTenant.set(tenantId, keep(tenantTimes, longest(limits.perTenant)));
      byConversation.set(conversationId, keep(conversationTimes, longest(limits.perConversation)));
      accepted.push({
        at: now,
        tenantId,
        conversationId,
        digest: createHash('sha256').update(JSON.stringify(activity.attachments ?? null)).digest('hex'),
      });
      waiters.splice(0).forEach((w) => w());
      const answer = () => json(res, 200, { id: `sent-${nextId++}` });
      if (options.latencyMs !== undefined && options.latencyMs > 0) setTimeout(answer, options.latencyMs);
      else answer();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    accepted,
    refused,
    get throttled() {
      return throttled;
    },
    get faulted() {
      return faulted;
    },
    fail: (fault, times, conversationId) => {
      faults.push({ fault, left: times, ...(conversationId === undefined ? {} : { conversationId }) });
    },
    failTenant: (fault, times, tenantId) => {
      faults.push({ fault, left: times, tenantId });
    },
    duplicates: () => {
      const seen = new Map<string, number>();
      for (const a of accepted) seen.set(`${a.conversationId}|${a.digest}`, (seen.get(`${a.conversationId}|${a.digest}`) ?? 0) + 1);
      let extra = 0;
      for (const n of seen.values()) extra += n - 1;
      return extra;
    },
    peak: (tenantId, ms) => peakOf(accepted.filter((a) => a.tenantId === tenantId).map((a) => a.at), ms),
    peakConversation: (ms) => {
      const per = new Map<string, number[]>();
      for (const a of accepted) per.set(a.conversationId, [...(per.get(a.conversationId) ?? []), a.at]);
      return Math.max(0, ...[...per.values()].map((times) => peakOf(times, ms)));
    },
    waitForAccepted: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`limited connector: ${accepted.length} of ${count} sends accepted`)), timeoutMs);
        const check = () => {
          if (accepted.length >= count) {
            clearTimeout(timer);
            resolve();
          } else waiters.push(check);
        };
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
