/**
 * The Messenger port on botbuilder: one proactive card to one person, through
 * CloudAdapter.continueConversationAsync with the conversation reference kept in Cosmos DB.
 *
 * Every send is awaited and classified, as Company Communicator's send function does:
 * - Succeeded;
 * - Throttled: 429, with the Retry-After the service asked for;
 * - RecipientNotFound: 404 ConversationNotFound, or 403 BotNotInConversationRoster /
 *   ConversationBlockedByUser / BotDisabledByAdmin (the person removed the app or blocked the bot:
 *   retrying cannot help, and Teams asks bots not to);
 * - Failed: anything else; `retryable` for 5xx and network errors, never for other 4xx (413
 *   MessageSizeTooBig will not get smaller).
 *
 * One send is one HTTP attempt. botbuilder's connector client (azure core-client's default retry
 * policy) would otherwise retry a 429/503 up to three times inside the send, honouring Retry-After,
 * and 408/5xx with its own exponential backoff: four requests the app's pacer (app/sendPacer.ts)
 * never counted, sleeping while holding a place in the tenant's budget. So the adapter's proactive
 * connector clients are made without that policy (http/botHost.ts; replies within a user's turn
 * use others, which keep it), and the outbox delivery owns the retry policy: a 429 pauses the
 * tenant for its Retry-After, a transient failure goes back to the queue with backoff.
 */
import { CardFactory, MessageFactory, type CloudAdapterBase, type ConversationReference } from 'botbuilder';
import type { Messenger, SendOutcome } from '../../app/ports';
import type { ProactiveMessage } from '../../app/proactiveMessages';
import type { ConversationRecord } from '../../domain/model';
import type { AdaptiveCard } from '../cards';

/** 403 codes that mean the person cannot be reached by this bot (Teams: do not retry these). */
export const UNREACHABLE_403_CODES: ReadonlySet<string> = new Set([
  'BotNotInConversationRoster',
  'ConversationBlockedByUser',
  'BotDisabledByAdmin',
]);

/** When a 429 carries no usable Retry-After. */
export const DEFAULT_RETRY_AFTER_MS = 60_000;

interface HttpErrorLike {
  readonly statusCode?: unknown;
  readonly code?: unknown;
  readonly response?: {
    readonly status?: unknown;
    readonly headers?: unknown;
    readonly bodyAsText?: unknown;
  };
}

function header(headers: unknown, name: string): string | undefined {
  if (headers === null || typeof headers !== 'object') return undefined;
  const h = headers as { get?: (n: string) => unknown } & Record<string, unknown>;
  const v = typeof h.get === 'function' ? h.get(name) : (h[name] ?? h[name.toLowerCase()]);
  return typeof v === 'string' ? v : undefined;
}

const NUMBER = /^\d+(\.\d+)?$/;

/**
 * How long the service asked us to wait, in milliseconds: Retry-After (seconds or an HTTP date),
 * retry-after-ms, x-ms-retry-after-ms. When several are given, the longest: waiting too little
 * only earns another 429.
 */
export function retryAfterMs(headers: unknown, nowMs: number): number | undefined {
  const asked: number[] = [];
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const v = header(headers, name)?.trim();
    if (v !== undefined && NUMBER.test(v)) asked.push(Math.ceil(Number(v)));
  }
  const ra = header(headers, 'retry-after')?.trim();
  if (ra !== undefined && NUMBER.test(ra)) asked.push(Math.ceil(Number(ra) * 1000));
  else if (ra !== undefined && Number.isFinite(Date.parse(ra))) asked.push(Math.max(0, Date.parse(ra) - nowMs));
  return asked.length === 0 ? undefined : Math.max(...asked);
}

/** The Bot Framework error code of a failed call: the RestError's code, else the body's error.code. */
function errorCode(e: HttpErrorLike): string | undefined {
  if (typeof e.code === 'string' && e.code !== '') return e.code;
  const body = e.response?.bodyAsText;
  if (typeof body !== 'string') return undefined;
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown } };
    return typeof parsed.error?.code === 'string' ? parsed.error.code : undefined;
  } catch {
    return undefined;
  }
}

/** Classifies what a send threw. `nowMs` only turns an HTTP-date Retry-After into a delay. */
export function classifySendError(error: unknown, nowMs: number): SendOutcome {
  const e = (error ?? {}) as HttpErrorLike;
  const status =
    typeof e.statusCode === 'number' ? e.statusCode : typeof e.response?.status === 'number' ? e.response.status : undefined;
  const code = errorCode(e);
  if (status === 429) {
    return { kind: 'throttled', retryAfterMs: retryAfterMs(e.response?.headers, nowMs) ?? DEFAULT_RETRY_AFTER_MS };
  }
  if (status === 404) return { kind: 'recipient-not-found' };
  if (status === 403 && code !== undefined && UNREACHABLE_403_CODES.has(code)) return { kind: 'recipient-not-found' };
  if (status === undefined) return { kind: 'failed', reason: `network${code === undefined ? '' : ` ${code}`}`, retryable: true };
  // 412 (Teams: a conflicting concurrent operation) and 5xx pass; other 4xx will not get better.
  return { kind: 'failed', reason: `http ${status}${code === undefined ? '' : ` ${code}`}`, retryable: status >= 500 || status === 412 };
}

export interface TeamsMessengerDeps {
  /** The CloudAdapter that also serves /api/messages (http/botHost.ts: its proactive clients do not retry). */
  readonly adapter: Pick<CloudAdapterBase, 'continueConversationAsync'>;
  /** The bot's app id; '' in local mode. */
  readonly appId: string;
  /** The card for a message to the person of `conversation` (the cards adapter's renderMessage). */
  readonly render: (message: ProactiveMessage, conversation: ConversationRecord) => AdaptiveCard | Promise<AdaptiveCard>;
  /** For Retry-After given as an HTTP date. */
  readonly nowMs?: () => number;
}

/** The reference to continue: the stored one, with the serviceUrl refreshed from the latest activity. */
export function referenceOf(conversation: ConversationRecord): Partial<ConversationReference> {
  const stored = conversation.reference as Partial<ConversationReference>;
  return {
    ...stored,
    serviceUrl: conversation.serviceUrl,
    channelId: stored.channelId ?? conversation.channelId,
    conversation: stored.conversation ?? ({ id: conversation.conversationId } as ConversationReference['conversation']),
  };
}

export class TeamsMessenger implements Messenger {
  constructor(private readonly deps: TeamsMessengerDeps) {}

  async sendToPerson(conversation: ConversationRecord, message: ProactiveMessage): Promise<SendOutcome> {
    if (!conversation.installed) return { kind: 'recipient-not-found' };
    let card: AdaptiveCard;
    try {
      card = await this.deps.render(message, conversation);
    } catch {
      // A bug (the render is exhaustive over the kinds): recorded on the entry, never retried.
      return { kind: 'failed', reason: `no card for message ${message.kind}`, retryable: false };
    }
    const now = this.deps.nowMs ?? (() => Date.now());
    let outcome: SendOutcome | undefined;
    try {
      // Errors inside the logic are caught here: the adapter's onTurnError would otherwise swallow them.
      await this.deps.adapter.continueConversationAsync(this.deps.appId, referenceOf(conversation), async (context) => {
        try {
          const sent = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
          outcome = sent?.id === undefined ? { kind: 'succeeded' } : { kind: 'succeeded', activityId: sent.id };
        } catch (error) {
          outcome = classifySendError(error, now());
        }
      });
    } catch (error) {
      return classifySendError(error, now());
    }
    return outcome ?? { kind: 'failed', reason: 'the proactive turn did not run', retryable: true };
  }
}
