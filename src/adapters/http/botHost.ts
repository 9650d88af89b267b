/**
 * The Bot Framework side of the HTTP adapter: a botbuilder CloudAdapter whose authentication is
 * built from Config, value by value, so botbuilder never reads the environment itself.
 *
 * Local mode (no MicrosoftAppId) passes no credentials at all: botbuilder then treats every request
 * as anonymous, which is why the server listens on loopback only in that mode.
 */
import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { BotAuth } from '../../config';
import { activityLogFields, type Logger } from '../../log';

export type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/** Clients kept per key, the oldest dropped beyond `max`; a client that could not be made is not kept. */
export class KeptClients<T> {
  private readonly kept = new Map<string, Promise<T>>();

  constructor(private readonly max: number) {}

  get size(): number {
    return this.kept.size;
  }

  get(key: string, make: () => Promise<T>): Promise<T> {
    const found = this.kept.get(key);
    if (found !== undefined) return found;
    const made = make();
    this.kept.set(key, made);
    made.catch(() => {
      if (this.kept.get(key) === made) this.kept.delete(key);
    });
    while (this.kept.size > this.max) this.kept.delete(this.kept.keys().next().value as string);
    return made;
  }
}

/** core-rest-pipeline's name for the retry policy every core-client pipeline gets. */
export const CONNECTOR_RETRY_POLICY = 'defaultRetryPolicy';

interface PipelineHolder {
  readonly client?: { readonly pipeline?: { removePolicy(options: { name: string }): unknown } };
}

/**
 * Takes the retry policy out of a proactive connector client, so a send is exactly one request. The compat client keeps its core-client ServiceClient in a field its typings call
 * private; reached structurally, and a change of shape leaves the retries in (the pacer then counts
 * one send for what may be several requests, as before) rather than failing the send.
 */
export function withoutConnectorRetries(connectorClient: unknown): boolean {
  const pipeline = (connectorClient as PipelineHolder | undefined)?.client?.pipeline;
  if (pipeline === undefined || typeof pipeline.removePolicy !== 'function') return false;
  pipeline.removePolicy({ name: CONNECTOR_RETRY_POLICY });
  return true;
}

/**
 * Service URLs are a handful of Teams regions; a bound still, since in local mode anyone on the
 * machine may post an activity with any serviceUrl.
 */
const KEPT_CLIENTS = 64;

/** Who the bot is in a turn, as botbuilder picks the app id for its clients: the audience claim, else the appid claim. */
function botIdentityKey(claims: ClaimsIdentity): string {
  return JSON.stringify([claims.getClaimValue('aud'), claims.getClaimValue('appid')]);
}

/**
 * botbuilder's ConfigurationBotFrameworkAuthentication, keeping the clients it makes. botbuilder
 * builds a new ConnectorClient (an azure core-client pipeline of a dozen policies) and a new
 * UserTokenClient for every turn and every proactive send: 13% of a bare echo bot's CPU in a profile
 * of 19,000 turns. A client holds nothing of a turn (its credentials fetch and
 * renew their own tokens), so one is kept per bot identity, service URL and audience, as the old
 * BotFrameworkAdapter did. Two pools: a reply within a turn keeps azure's retry policy; a
 * proactive client (continueConversationAsync, createConversationAsync) is made without it, once,
 * so a proactive send is one request and the outbox owns its retries (teams/messenger.ts).
 */
export class ReusingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly replyClients = new KeptClients<ConnectorClient>(KEPT_CLIENTS);
  private readonly proactiveClients = new KeptClients<ConnectorClient>(KEPT_CLIENTS);
  private readonly tokenClients = new KeptClients<UserTokenClient>(KEPT_CLIENTS);

  override async authenticateRequest(...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(...args);
    const made = result.connectorFactory;
    if (made === undefined) return result;
    return { ...result, connectorFactory: this.kept(this.replyClients, result.claimsIdentity, made) };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const made = super.createConnectorFactory(claimsIdentity);
    const withoutRetries: ConnectorFactory = {
      create: async (serviceUrl: string, audience?: string) => {
        const client = await made.create(serviceUrl, audience);
        withoutConnectorRetries(client);
        return client;
      },
    };
    return this.kept(this.proactiveClients, claimsIdentity, withoutRetries);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.get(botIdentityKey(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  private kept(pool: KeptClients<ConnectorClient>, claims: ClaimsIdentity, factory: ConnectorFactory): ConnectorFactory {
    const identity = botIdentityKey(claims);
    return {
      create: (serviceUrl: string, audience?: string) =>
        pool.get(`${identity} ${JSON.stringify([serviceUrl, audience ?? null])}`, () => factory.create(serviceUrl, audience)),
    };
  }
}

/**
 * A CloudAdapter that can run a turn for a request already authenticated, so the HTTP route decides
 * the status of an authentication failure itself (401, logged without the activity) instead of
 * botbuilder's process(), which prints whole errors to the console.
 */
export class AuthenticatedCloudAdapter extends CloudAdapter {
  runAuthenticated(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

export interface BotHost {
  /** Also what the Teams adapter uses for proactive messages (continueConversationAsync). */
  readonly adapter: AuthenticatedCloudAdapter;
  readonly authentication: ReusingBotFrameworkAuthentication;
  /** The bot's app id; empty in local mode (botbuilder's convention for "no auth"). */
  readonly appId: string;
  readonly authEnabled: boolean;
}

export interface BotHostOptions {
  /**
   * Where channel tokens' signing keys are published. Defaults to the public Bot Framework's; tests
   * point it at a loopback server, sovereign clouds at their own.
   */
  readonly channelOpenIdMetadataUrl?: string;
}

export const TURN_ERROR_REPLY = 'Sorry, something went wrong on my side. Please try again in a moment.';

/**
 * The public cloud's endpoints (botframework-connector's AuthenticationConstants). botbuilder uses
 * them by default, but as soon as one endpoint is given it takes every one as given, so overriding
 * the metadata URL means passing the others too.
 */
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
} as const;

/** botbuilder's option names, filled from Config only. */
function authSettings(auth: BotAuth, options: BotHostOptions): Record<string, string> {
  const extra: Record<string, string> =
    options.channelOpenIdMetadataUrl === undefined
      ? {}
      : { ...PUBLIC_CLOUD, ToBotFromChannelOpenIdMetadataUrl: options.channelOpenIdMetadataUrl };
  switch (auth.mode) {
    case 'local':
      return extra;
    case 'SingleTenant':
      return {
        ...extra,
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppId: auth.appId,
        MicrosoftAppTenantId: auth.tenantId,
        MicrosoftAppPassword: auth.password,
      };
    case 'UserAssignedMSI':
      return {
        ...extra,
        MicrosoftAppType: 'UserAssignedMsi',
        MicrosoftAppId: auth.appId,
        MicrosoftAppTenantId: auth.tenantId,
      };
  }
}

export function createBotHost(auth: BotAuth, log: Logger, options: BotHostOptions = {}): BotHost {
  const authentication = new ReusingBotFrameworkAuthentication(authSettings(auth, options));
  const adapter = new AuthenticatedCloudAdapter(authentication);
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    // The error's code and where it was thrown; not its message, which may quote what was typed.
    const e = error instanceof Error ? (error as Error & { code?: unknown; statusCode?: unknown }) : undefined;
    log.error(
      {
        event: 'turn.error',
        errorType: e?.name ?? typeof error,
        ...(typeof e?.code === 'string' || typeof e?.code === 'number' ? { code: e.code } : {}),
        ...(typeof e?.statusCode === 'number' ? { statusCode: e.statusCode } : {}),
        frames: e?.stack?.split('\n').slice(1, 8).map((l) => l.trim()),
        ...activityLogFields(context.activity),
      },
      'a turn failed',
    );
    const type = context.activity?.type;
    if (type !== 'message' && type !== 'invoke') return;
    try {
      await context.sendActivity(TURN_ERROR_REPLY);
    } catch (sendError) {
      const s = sendError as { name?: unknown; statusCode?: unknown };
      log.warn({ event: 'turn.error.reply_failed', errorType: s?.name, statusCode: s?.statusCode }, 'could not send the apology');
    }
  };
  return {
    adapter,
    authentication,
    appId: auth.mode === 'local' ? '' : auth.appId,
    authEnabled: auth.mode !== 'local',
  };
}
