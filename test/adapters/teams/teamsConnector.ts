/**
 * A Teams connector on loopback, where botbuilder expects one (the activity's serviceUrl): it takes
 * sends and updates, answers TeamsInfo.getMember from a member list, opens 1:1 conversations, and
 * can be told to refuse sends to a conversation the way Teams does (429 with Retry-After, 404
 * ConversationNotFound, 403 BotNotInConversationRoster...), so the adapter's handling of each can
 * be proven over real HTTP.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { jsonReply as json } from '../../support/jsonReply';

export interface Sent {
  readonly method: 'POST' | 'PUT';
  readonly conversationId: string;
  /** The id of the activity updated (PUT) or replied to (POST .../activities/{id}). */
  readonly activityId?: string;
  readonly activity: Record<string, unknown>;
}

export interface Member {
  readonly id: string;
  readonly aadObjectId: string;
  readonly name: string;
  readonly email?: string;
  readonly userPrincipalName?: string;
}

export interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly headers?: Record<string, string>;
  /** Runs before the refusal is answered: what happens while a send is failing (e.g. a reinstall). */
  readonly during?: () => Promise<void>;
}

export interface TeamsConnector {
  /** Ends with a slash, as Teams' serviceUrl does. */
  readonly serviceUrl: string;
  readonly sent: Sent[];
  /** Every request, in order (including refused ones and member lookups). */
  readonly requests: { method: string; path: string }[];
  readonly members: Map<string, Member>;
  /** Refuse the next `times` sends to `conversationId` (Infinity: all). */
  refuse(conversationId: string, refusal: Refusal, times?: number): void;
  /** Sends to a conversation, in order. */
  sentTo(conversationId: string): Sent[];
  waitForSends(count: number, timeoutMs?: number): Promise<Sent[]>;
  close(): Promise<void>;
}

export async function startTeamsConnector(): Promise<TeamsConnector> {
  const sent: Sent[] = [];
  const requests: { method: string; path: string }[] = [];
  const members = new Map<string, Member>();
  const refusals = new Map<string, { refusal: Refusal; left: number }>();
  const waiters: (() => void)[] = [];
  let nextId = 1;
  let nextConversation = 1;


  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = decodeURIComponent((req.url ?? '').split('?')[0]);
      const method = req.method ?? '';
      requests.push({ method, path });
      const body = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};

      const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(path);
      if (method === 'GET' && member) {
        const m = members.get(member[2]);
        if (m === undefined) return json(res, 404, { error: { code: 'MemberNotFoundInConversation', message: 'not a member' } });
        return json(res, 200, { ...m, tenantId: 'from-connector', userRole: 'user' });
      }
      if (method === 'POST' && path === '/v3/conversations') {
        return json(res, 201, { id: `a:created-${nextConversation++}`, activityId: `act-${nextId++}` });
      }
      const activity = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
      if (activity && (method === 'POST' || method === 'PUT')) {
        const conversationId = activity[1];
        const r = refusals.get(conversationId);
        if (r !== undefined && r.left > 0) {
          r.left--;
          const refusal = r.refusal;
          const answer = () => json(res, refusal.status, { error: { code: refusal.code, message: 'refused by the test connector' } }, refusal.headers);
          if (refusal.during === undefined) return answer();
          // A failing `during` answers 500 with its message, so the test sees it rather than a hang.
          refusal.during().then(answer, (error: unknown) => json(res, 500, { error: { code: 'TestHookFailed', message: String(error) } }));
          return;
        }
        sent.push({ method, conversationId, ...(activity[2] ? { activityId: activity[2] } : {}), activity: body });
        waiters.splice(0).forEach((w) => w());
        return json(res, 200, { id: method === 'PUT' ? activity[2] : `act-${nextId++}` });
      }
      json(res, 404, { error: { code: 'NotFound', message: `no route ${method} ${path}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    sent,
    requests,
    members,
    refuse: (conversationId, refusal, times = Infinity) => refusals.set(conversationId, { refusal, left: times }),
    sentTo: (conversationId) => sent.filter((s) => s.conversationId === conversationId),
    waitForSends: (count, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`connector: ${sent.length} of ${count} sends arrived`)), timeoutMs);
        const check = () => {
          if (sent.length >= count) {
            clearTimeout(timer);
            resolve(sent);
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
