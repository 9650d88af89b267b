/**
 * The one reader of the environment. `loadConfig` parses it once at start into a typed Config and
 * reports every problem at once, so a deployment is fixed in one pass instead of one restart per
 * mistake. `ENVIRONMENT_VARIABLES` is the single list of what the app reads: the README table,
 * .env.sample and the infra tests are kept in step with it.
 */
import path from 'node:path';
import { z } from 'zod';
import containers from './adapters/cosmos/containers.json';

/**
 * `always`: must be set everywhere. `cloud`: must be set when the app runs in Azure (MicrosoftAppId
 * set). `optional`: has a default or is only needed in some set-ups (see the description).
 */
export type Requirement = 'always' | 'cloud' | 'optional';

export interface EnvironmentVariable {
  readonly name: string;
  readonly required: Requirement;
  readonly description: string;
  readonly default?: string;
  /** Holds a credential: keep it in Key Vault, never print its value. */
  readonly secret?: boolean;
}

export const DEFAULT_PORT = 3978;
export const DEFAULT_DATA_DIR = '.data';
export const DEFAULT_DATABASE = containers.databaseName;
export const DEFAULT_TENANT_SEND_LIMITS = '50/1s';
export const DEFAULT_CONVERSATION_SEND_LIMITS = '7/1s,8/2s,60/30s';
export const DEFAULT_SEND_CONCURRENCY = 16;

export const ENVIRONMENT_VARIABLES: readonly EnvironmentVariable[] = [
  {
    name: 'PORT',
    required: 'optional',
    default: String(DEFAULT_PORT),
    description: 'HTTP port for /api/messages and /healthz (App Service sets it). 0 picks a free port.',
  },
  {
    name: 'MicrosoftAppId',
    required: 'cloud',
    description:
      'The bot\'s Microsoft Entra app (client) id; with UserAssignedMSI, the managed identity\'s client id. ' +
      'Unset = local mode: Bot Framework authentication off, listening on 127.0.0.1 only.',
  },
  {
    name: 'MicrosoftAppType',
    required: 'optional',
    default: 'SingleTenant',
    description: 'SingleTenant or UserAssignedMSI (multi-tenant bot registrations are deprecated).',
  },
  {
    name: 'MicrosoftAppTenantId',
    required: 'cloud',
    description: 'The Entra tenant id of the bot\'s app registration or managed identity.',
  },
  {
    name: 'MicrosoftAppPassword',
    required: 'optional',
    secret: true,
    description: 'Client secret of the bot\'s app registration. Required with SingleTenant; must be unset with UserAssignedMSI.',
  },
  {
    name: 'TAB_SSO_CLIENT_ID',
    required: 'optional',
    description:
      'Client id of the Compliance tab\'s Entra app (AAD_APP_CLIENT_ID in env/.env.<env>; its URI is api://<bot domain>/<client id>). ' +
      'The tab\'s API accepts Teams single sign-on tokens for it. Unset: the tab cannot sign anyone in (the bot works without it).',
  },
  {
    name: 'COSMOS_ENDPOINT',
    required: 'cloud',
    description:
      'Cosmos DB account endpoint (https://ACCOUNT.documents.azure.com:443/). Unset = the embedded ' +
      'Cosmos-compatible server on loopback, saved under DATA_DIR (local use only).',
  },
  {
    name: 'COSMOS_KEY',
    required: 'optional',
    secret: true,
    description: 'Cosmos DB account key. Unset = Microsoft Entra auth (managed identity) through @azure/identity.',
  },
  {
    name: 'COSMOS_DATABASE',
    required: 'optional',
    default: DEFAULT_DATABASE,
    description: 'Cosmos DB database name (the containers come from src/adapters/cosmos/containers.json).',
  },
  {
    name: 'AZURE_CLIENT_ID',
    required: 'optional',
    description:
      'Client id of the user-assigned managed identity used for Cosmos DB when COSMOS_KEY is unset. ' +
      'Defaults to MicrosoftAppId when MicrosoftAppType is UserAssignedMSI.',
  },
  {
    name: 'DATA_DIR',
    required: 'optional',
    default: DEFAULT_DATA_DIR,
    description: 'Folder (relative to the working directory) where the embedded store keeps its snapshot. Git-ignored.',
  },
  {
    name: 'LOG_LEVEL',
    required: 'optional',
    default: 'info',
    description: 'fatal, error, warn, info, debug, trace or silent. Logs are JSON lines on stdout.',
  },
  {
    name: 'WEBSITE_HOSTNAME',
    required: 'optional',
    description:
      'Set by App Service on every web app: its default host name (<app>.azurewebsites.net). The session cards\' ' +
      '"Add to calendar" links point at https://<WEBSITE_HOSTNAME>/ics/... Never set it yourself in Azure; when debugging in ' +
      'real Teams through a tunnel, m365agents.local.yml sets it to the tunnel\'s host. In local mode the links use the ' +
      'server\'s own loopback URL; in Azure mode without it the cards carry no such link.',
  },
  {
    name: 'OUTBOX_TENANT_LIMITS',
    required: 'optional',
    default: DEFAULT_TENANT_SEND_LIMITS,
    description:
      'Proactive messages allowed per tenant, as sends/window pairs separated by commas (e.g. 50/1s or 1800/1m). ' +
      'Teams allows a bot 50 a second per tenant; lower it to leave room for another bot sharing the app registration.',
  },
  {
    name: 'OUTBOX_CONVERSATION_LIMITS',
    required: 'optional',
    default: DEFAULT_CONVERSATION_SEND_LIMITS,
    description: 'Proactive messages allowed per conversation (one person), as sends/window pairs: Teams\' limits by default.',
  },
  {
    name: 'OUTBOX_CONCURRENCY',
    required: 'optional',
    default: String(DEFAULT_SEND_CONCURRENCY),
    description: 'Proactive sends in flight at once per tenant (each waits for its answer from Teams), 1 to 200.',
  },
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING',
    required: 'optional',
    description:
      'Application Insights connection string. Set: the app starts the Azure Monitor OpenTelemetry distro, which ' +
      'records requests, dependencies (Cosmos DB, the Bot Connector) and exceptions, and sends the (redacted) log ' +
      'lines to the `traces` table. Unset: logs go to stdout only.',
  },
];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** How the bot proves itself to the Bot Framework and checks incoming tokens. */
export type BotAuth =
  | { readonly mode: 'local' }
  | { readonly mode: 'SingleTenant'; readonly appId: string; readonly tenantId: string; readonly password: string }
  | { readonly mode: 'UserAssignedMSI'; readonly appId: string; readonly tenantId: string };

export type StoreConfig =
  | { readonly kind: 'embedded'; readonly dataDir: string; readonly databaseName: string }
  | {
      readonly kind: 'cosmos';
      readonly endpoint: string;
      readonly databaseName: string;
      /** Absent: Entra auth through @azure/identity. */
      readonly key?: string;
      /** The user-assigned managed identity for Entra auth; absent: DefaultAzureCredential's own choice. */
      readonly managedIdentityClientId?: string;
    };

/** Sends allowed in any window of `ms` milliseconds. */
export interface SendLimit {
  readonly count: number;
  readonly ms: number;
}

/** How fast the outbox sender may go (src/app/sendPacer.ts). */
export interface SendingConfig {
  readonly perTenant: readonly SendLimit[];
  readonly perConversation: readonly SendLimit[];
  readonly concurrency: number;
}

export interface Config {
  readonly port: number;
  /** Local mode listens on loopback only: with authentication off, nothing else may reach it. */
  readonly host: '127.0.0.1' | '0.0.0.0';
  readonly bot: BotAuth;
  readonly store: StoreConfig;
  readonly logLevel: LogLevel;
  readonly applicationInsightsConnectionString?: string;
  /** The Compliance tab's Entra app: the audience of its single sign-on tokens. */
  readonly tabSsoClientId?: string;
  /** The app's public host name in Azure (App Service's WEBSITE_HOSTNAME): where the "Add to calendar" links point. */
  readonly publicHostName?: string;
  readonly sending: SendingConfig;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: Config }
  | { readonly ok: false; readonly problems: readonly string[]; readonly message: string };

type Env = Readonly<Record<string, string | undefined>>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const APP_TYPES = { singletenant: 'SingleTenant', userassignedmsi: 'UserAssignedMSI' } as const;
const KNOWN = new Set(ENVIRONMENT_VARIABLES.map((v) => v.name));
const SECRET = new Set(ENVIRONMENT_VARIABLES.filter((v) => v.secret).map((v) => v.name));

/** App Service and shells can leave a variable set but empty: that means unset. */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const UNIT_MS = { ms: 1, s: 1000, m: 60_000 } as const;
const LIMIT = /^(\d{1,6})\/(\d{1,6})(ms|s|m)$/;

/** "50/1s,60/30s" -> windows; undefined when any part is not count/length with a unit. */
export function parseSendLimits(text: string): SendLimit[] | undefined {
  const limits: SendLimit[] = [];
  for (const part of text.split(',')) {
    const m = LIMIT.exec(part.trim());
    if (m === null) return undefined;
    const limit = { count: Number(m[1]), ms: Number(m[2]) * UNIT_MS[m[3] as keyof typeof UNIT_MS] };
    if (limit.count < 1 || limit.ms < 1) return undefined;
    limits.push(limit);
  }
  return limits;
}

const sendLimits = (name: string) =>
  optionalText.refine(
    (v) => v === undefined || parseSendLimits(v) !== undefined,
    `${name} must be sends/window pairs separated by commas, each a whole number of sends over a length in ms, s or m (e.g. 50/1s or 7/1s,8/2s,60/30s)`,
  );

const guid = (name: string) => optionalText.refine((v) => v === undefined || GUID.test(v), `${name} must be a GUID`);

const fields = z.object({
  PORT: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, 'PORT must be a whole number from 0 to 65535')
      .transform(Number)
      .refine((n) => n <= 65535, 'PORT must be a whole number from 0 to 65535')
      .optional(),
  ),
  MicrosoftAppId: guid('MicrosoftAppId'),
  MicrosoftAppType: optionalText.refine(
    (v) => v === undefined || v.toLowerCase() in APP_TYPES,
    {
      error: (issue) =>
        String(issue.input).toLowerCase() === 'multitenant'
          ? 'MicrosoftAppType MultiTenant is not supported (new multi-tenant bots are deprecated): use SingleTenant or UserAssignedMSI'
          : 'MicrosoftAppType must be SingleTenant or UserAssignedMSI',
    },
  ),
  MicrosoftAppTenantId: guid('MicrosoftAppTenantId'),
  MicrosoftAppPassword: optionalText,
  TAB_SSO_CLIENT_ID: guid('TAB_SSO_CLIENT_ID'),
  COSMOS_ENDPOINT: optionalText.refine(
    (v) => v === undefined || /^https?:\/\/[^/\s]+/.test(v),
    'COSMOS_ENDPOINT must be an https:// URL, e.g. https://ACCOUNT.documents.azure.com:443/',
  ),
  COSMOS_KEY: optionalText,
  COSMOS_DATABASE: optionalText.refine(
    (v) => v === undefined || /^[^/\\#?]{1,255}$/.test(v),
    'COSMOS_DATABASE must be 1-255 characters without / \\ # ?',
  ),
  AZURE_CLIENT_ID: guid('AZURE_CLIENT_ID'),
  DATA_DIR: optionalText,
  LOG_LEVEL: optionalText.refine(
    (v) => v === undefined || (LOG_LEVELS as readonly string[]).includes(v.toLowerCase()),
    `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`,
  ),
  WEBSITE_HOSTNAME: optionalText.refine(
    (v) => v === undefined || /^(?=.{1,253}(:|$))[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i.test(v),
    'WEBSITE_HOSTNAME must be a host name such as myapp.azurewebsites.net (App Service sets it)',
  ),
  OUTBOX_TENANT_LIMITS: sendLimits('OUTBOX_TENANT_LIMITS'),
  OUTBOX_CONVERSATION_LIMITS: sendLimits('OUTBOX_CONVERSATION_LIMITS'),
  OUTBOX_CONCURRENCY: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,3}$/, 'OUTBOX_CONCURRENCY must be a whole number from 1 to 200')
      .transform(Number)
      .refine((n) => n >= 1 && n <= 200, 'OUTBOX_CONCURRENCY must be a whole number from 1 to 200')
      .optional(),
  ),
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalText.refine(
    (v) => v === undefined || /InstrumentationKey=/i.test(v),
    'APPLICATIONINSIGHTS_CONNECTION_STRING must be a connection string (InstrumentationKey=...;IngestionEndpoint=...)',
  ),
});

type Fields = z.infer<typeof fields>;

/**
 * Parses the environment once. Never throws for a bad environment: every problem is collected and
 * returned together. `env` is a parameter so tests (and the CLI) can pass their own.
 */
export function loadConfig(env: Env = process.env): ConfigResult {
  const problems: string[] = [];

  for (const name of Object.keys(env)) {
    const known = [...KNOWN].find((k) => k !== name && k.toLowerCase() === name.toLowerCase());
    if (known !== undefined && env[known] === undefined) {
      problems.push(`${name} is set but the app reads ${known} (names are case-sensitive)`);
    }
  }

  const raw: Record<string, string | undefined> = {};
  for (const name of KNOWN) raw[name] = env[name];
  const parsed = fields.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? '');
      const value = raw[name];
      const shown = value === undefined || SECRET.has(name) ? '' : ` (got "${value.length > 80 ? `${value.slice(0, 80)}…` : value}")`;
      problems.push(`${issue.message}${shown}`);
    }
  }
  // Cross-field rules run on the trimmed raw values too, so they are reported even when a field is malformed.
  const f: Fields = parsed.success ? parsed.data : lenient(raw);
  problems.push(...crossFieldProblems(f));

  if (problems.length > 0 || !parsed.success) {
    return { ok: false, problems, message: formatProblems(problems) };
  }
  return { ok: true, config: build(f) };
}

/** The same trimming as the schema, without validation: feeds the cross-field rules after a field error. */
function lenient(raw: Record<string, string | undefined>): Fields {
  const t = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
  const port = t(raw.PORT);
  return {
    PORT: port !== undefined && /^\d+$/.test(port) ? Number(port) : undefined,
    MicrosoftAppId: t(raw.MicrosoftAppId),
    MicrosoftAppType: t(raw.MicrosoftAppType),
    MicrosoftAppTenantId: t(raw.MicrosoftAppTenantId),
    MicrosoftAppPassword: t(raw.MicrosoftAppPassword),
    TAB_SSO_CLIENT_ID: t(raw.TAB_SSO_CLIENT_ID),
    COSMOS_ENDPOINT: t(raw.COSMOS_ENDPOINT),
    COSMOS_KEY: t(raw.COSMOS_KEY),
    COSMOS_DATABASE: t(raw.COSMOS_DATABASE),
    AZURE_CLIENT_ID: t(raw.AZURE_CLIENT_ID),
    DATA_DIR: t(raw.DATA_DIR),
    LOG_LEVEL: t(raw.LOG_LEVEL),
    WEBSITE_HOSTNAME: t(raw.WEBSITE_HOSTNAME),
    OUTBOX_TENANT_LIMITS: t(raw.OUTBOX_TENANT_LIMITS),
    OUTBOX_CONVERSATION_LIMITS: t(raw.OUTBOX_CONVERSATION_LIMITS),
    OUTBOX_CONCURRENCY: undefined,
    APPLICATIONINSIGHTS_CONNECTION_STRING: t(raw.APPLICATIONINSIGHTS_CONNECTION_STRING),
  };
}

function appTypeOf(f: Fields): 'SingleTenant' | 'UserAssignedMSI' | undefined {
  if (f.MicrosoftAppType === undefined) return 'SingleTenant';
  return APP_TYPES[f.MicrosoftAppType.toLowerCase() as keyof typeof APP_TYPES];
}

function crossFieldProblems(f: Fields): string[] {
  const problems: string[] = [];
  const appType = appTypeOf(f);
  if (f.MicrosoftAppId === undefined) {
    // Half a bot identity would silently start with authentication off: refuse instead.
    for (const name of ['MicrosoftAppType', 'MicrosoftAppTenantId', 'MicrosoftAppPassword'] as const) {
      if (f[name] !== undefined) {
        problems.push(`${name} is set but MicrosoftAppId is not: set MicrosoftAppId too, or unset ${name} for local mode`);
      }
    }
    return [...problems, ...storeProblems(f)];
  }
  if (f.MicrosoftAppTenantId === undefined) {
    problems.push(`MicrosoftAppTenantId is required when MicrosoftAppId is set (${appType ?? 'any app type'})`);
  }
  if (appType === 'SingleTenant' && f.MicrosoftAppPassword === undefined) {
    problems.push('MicrosoftAppPassword is required with MicrosoftAppType SingleTenant');
  }
  if (appType === 'UserAssignedMSI' && f.MicrosoftAppPassword !== undefined) {
    problems.push('MicrosoftAppPassword must not be set with MicrosoftAppType UserAssignedMSI (the managed identity has no secret)');
  }
  if (f.COSMOS_ENDPOINT === undefined) {
    problems.push(
      'COSMOS_ENDPOINT is required when MicrosoftAppId is set: production must name its database ' +
        '(the embedded store is for local use only)',
    );
  }
  return [...problems, ...storeProblems(f).filter((p) => !p.startsWith('COSMOS_ENDPOINT'))];
}

function storeProblems(f: Fields): string[] {
  if (f.COSMOS_ENDPOINT === undefined && f.COSMOS_KEY !== undefined) {
    return ['COSMOS_ENDPOINT must be set when COSMOS_KEY is set (the key belongs to an account)'];
  }
  return [];
}

function build(f: Fields): Config {
  const appType = appTypeOf(f);
  let bot: BotAuth;
  if (f.MicrosoftAppId === undefined) {
    bot = { mode: 'local' };
  } else if (appType === 'UserAssignedMSI') {
    bot = { mode: 'UserAssignedMSI', appId: f.MicrosoftAppId, tenantId: f.MicrosoftAppTenantId as string };
  } else {
    bot = {
      mode: 'SingleTenant',
      appId: f.MicrosoftAppId,
      tenantId: f.MicrosoftAppTenantId as string,
      password: f.MicrosoftAppPassword as string,
    };
  }
  const databaseName = f.COSMOS_DATABASE ?? DEFAULT_DATABASE;
  let store: StoreConfig;
  if (f.COSMOS_ENDPOINT === undefined) {
    store = { kind: 'embedded', dataDir: path.resolve(f.DATA_DIR ?? DEFAULT_DATA_DIR), databaseName };
  } else {
    const managedIdentityClientId =
      f.COSMOS_KEY !== undefined ? undefined : (f.AZURE_CLIENT_ID ?? (bot.mode === 'UserAssignedMSI' ? bot.appId : undefined));
    store = {
      kind: 'cosmos',
      endpoint: f.COSMOS_ENDPOINT,
      databaseName,
      ...(f.COSMOS_KEY !== undefined ? { key: f.COSMOS_KEY } : {}),
      ...(managedIdentityClientId !== undefined ? { managedIdentityClientId } : {}),
    };
  }
  return {
    port: f.PORT ?? DEFAULT_PORT,
    host: bot.mode === 'local' ? '127.0.0.1' : '0.0.0.0',
    bot,
    store,
    logLevel: (f.LOG_LEVEL?.toLowerCase() as LogLevel | undefined) ?? 'info',
    ...(f.APPLICATIONINSIGHTS_CONNECTION_STRING !== undefined
      ? { applicationInsightsConnectionString: f.APPLICATIONINSIGHTS_CONNECTION_STRING }
      : {}),
    ...(f.TAB_SSO_CLIENT_ID !== undefined ? { tabSsoClientId: f.TAB_SSO_CLIENT_ID } : {}),
    ...(f.WEBSITE_HOSTNAME !== undefined ? { publicHostName: f.WEBSITE_HOSTNAME.toLowerCase() } : {}),
    sending: {
      perTenant: parseSendLimits(f.OUTBOX_TENANT_LIMITS ?? DEFAULT_TENANT_SEND_LIMITS) as SendLimit[],
      perConversation: parseSendLimits(f.OUTBOX_CONVERSATION_LIMITS ?? DEFAULT_CONVERSATION_SEND_LIMITS) as SendLimit[],
      concurrency: f.OUTBOX_CONCURRENCY ?? DEFAULT_SEND_CONCURRENCY,
    },
  };
}

export function formatProblems(problems: readonly string[]): string {
  const n = problems.length;
  return [
    `Configuration has ${n} problem${n === 1 ? '' : 's'} (see .env.sample and the README's configuration table):`,
    ...problems.map((p) => `  - ${p}`),
  ].join('\n');
}

/** Parses the environment or throws one Error listing every problem; for callers that cannot go on without it. */
export function requireConfig(env: Env = process.env): Config {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(result.message);
  return result.config;
}

/** The README's configuration table (regenerate with `npx tsx scripts/env-docs.ts`). */
export function renderEnvironmentTable(): string {
  // Angle brackets would be read as HTML tags and vanish from the rendered table.
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const lines = [
    '| Variable | Required | Default | What it is |',
    '| --- | --- | --- | --- |',
    ...ENVIRONMENT_VARIABLES.map(
      (v) =>
        `| \`${v.name}\` | ${v.required === 'cloud' ? 'in Azure' : v.required}${v.secret ? ' (secret)' : ''} | ` +
        `${v.default === undefined ? '' : `\`${v.default}\``} | ${cell(v.description)} |`,
    ),
  ];
  return lines.join('\n');
}

/** .env.sample: every variable, commented out, so an empty copy runs the local default. */
export function renderEnvSample(): string {
  const out = [
    '# Supervision Bot configuration. Generated from ENVIRONMENT_VARIABLES in src/config.ts',
    '# (regenerate with `npx tsx scripts/env-docs.ts`). With nothing set the bot runs locally on the',
    '# embedded store, with Bot Framework authentication off and listening on 127.0.0.1 only.',
    '# The app reads the process environment only; export these (or let App Service set them).',
    '',
  ];
  for (const v of ENVIRONMENT_VARIABLES) {
    const required = v.required === 'cloud' ? 'required in Azure' : v.required === 'always' ? 'required' : 'optional';
    out.push(`# ${v.description}`);
    out.push(`# (${required}${v.secret ? ', secret' : ''}${v.default === undefined ? '' : `, default ${v.default}`})`);
    out.push(`# ${v.name}=${v.default ?? ''}`);
    out.push('');
  }
  return out.join('\n');
}
