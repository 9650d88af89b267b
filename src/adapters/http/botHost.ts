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
  readonly authentication: ConfigurationBotFrameworkAuthentication;
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
  const authentication = new ConfigurationBotFrameworkAuthentication(authSettings(auth, options));
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
