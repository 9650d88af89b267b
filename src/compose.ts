/**
 * The composition root: every part of the running app is built here, once, and handed what it
 * needs. src/main.ts (and the tests that need the whole app) call `compose` over an opened store.
 *
 *   store -> repositories -> use cases (app) <- notifier (app, over the outbox)
 *                                             -> delivery (app policy) -> messenger (Teams, sends only)
 *   use cases -> the Teams bot (parse -> one use case -> render), the tab's API, the .ics route
 *   reminder sweep (app) -> the scheduler's tick; the outbox -> the outbox sender (paced per tenant
 *   by app/sendPacer, one sender per tenant under a lease), both started by main once the server listens
 *
 * Nothing reads a part back out of another: each is built from the parts before it.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Instant, TenantId } from './domain/model';
import type { Result } from './domain/result';
import { getDeliveryReport, type DeliveryReportView, type GetDeliveryReport } from './app/getDeliveryReport';
import { createUseCases, type UseCase, type UseCases } from './app/index';
import { OutboxDelivery, type DeliveryPolicy, type DeliveryReport } from './app/outboxDelivery';
import { OutboxNotifier } from './app/outboxNotifier';
import { SendPacer, TEAMS_PACING } from './app/sendPacer';
import { createOversightUseCases, type OversightUseCases } from './app/oversight';
import type { Clock, IdGenerator } from './app/ports';
import { dailyRetentionPass } from './app/retention';
import { runReminderSweep, type SweepReport } from './app/runReminderSweep';
import { sendPswDigests, type DigestReport } from './app/sendPswDigests';
import { DEFAULT_SEND_CONCURRENCY, type Config, type SendingConfig } from './config';
import type { Logger } from './log';
import { renderMessage } from './adapters/cards';
import {
  CosmosHealthCheck,
  CosmosLeaseStore,
  CosmosSigningKeyStore,
  createCosmosRepositories,
  type CosmosRepositories,
  type CosmosStore,
} from './adapters/cosmos';
import { createBotHost } from './adapters/http/botHost';
import { calendarLinks, icsRoutes } from './adapters/http/ics';
import { createServer, type HttpServer } from './adapters/http/server';
import { tabRoutes } from './adapters/http/tab';
import {
  startOutboxSender,
  startScheduler,
  type OutboxSender,
  type OutboxSenderOptions,
  type Scheduler,
  type SchedulerDeps,
} from './adapters/scheduler';
import { createBot, TeamsMessenger, type SupervisionBot } from './adapters/teams';

export interface ComposeOptions {
  readonly config: Pick<Config, 'port' | 'host' | 'bot' | 'tabSsoClientId' | 'publicHostName'> & Partial<Pick<Config, 'sending'>>;
  /** Opened by the caller, who also closes it. */
  readonly store: CosmosStore;
  /** The only clock that reads the system time in production (systemClock); a fixed one in tests. */
  readonly clock: Clock;
  readonly log: Logger;
  readonly ids?: IdGenerator;
  /** The outbox delivery's retry policy (tests shorten it). */
  readonly delivery?: Partial<DeliveryPolicy>;
  /** The send pacer's monotonic milliseconds; default performance.now (tests move it past a 429's pause). */
  readonly pacingNowMs?: () => number;
}

export interface ComposedApp {
  readonly repositories: CosmosRepositories;
  readonly useCases: UseCases;
  /** The PSW's and admins' oversight: evidence exports, the audit log, retention (the tab uses them). */
  readonly oversight: OversightUseCases;
  readonly notifier: OutboxNotifier;
  readonly delivery: OutboxDelivery;
  readonly bot: SupervisionBot;
  readonly server: HttpServer;
  /** One reminder sweep over every organisation, as of `now`. */
  sweep(now: Instant): Promise<Result<SweepReport>>;
  /** Sends what is ready in the outbox, as of `now`. */
  deliverOutbox(now?: Instant): Promise<Result<DeliveryReport>>;
  /** Starts listening; from then on the "Add to calendar" links point here (locally). */
  listen(): Promise<{ readonly url: string }>;
  /** The PSWs' weekly digests due at `now` (app/sendPswDigests), queued in the outbox. */
  sendDigests(now: Instant): Promise<Result<DigestReport>>;
  /** The reminder tick (the sweep, the weekly digests, retention) under the store's lease. */
  startScheduler(options?: Pick<SchedulerDeps, 'intervalMs' | 'firstTickMs' | 'holder'>): Scheduler;
  /** The outbox sender: continuous, paced, one instance per tenant under a lease. */
  startSender(options?: OutboxSenderOptions): OutboxSender;
}

/** Teams' limits and 16 in flight, unless the configuration says otherwise. */
const DEFAULT_SENDING: SendingConfig = { ...TEAMS_PACING, concurrency: DEFAULT_SEND_CONCURRENCY };

/**
 * Where people reach this server, for the "Add to calendar" links: in Azure App Service's host name
 * (HTTPS), locally the loopback URL the server listens on (known once it listens).
 */
export function publicBaseUrlOf(config: Pick<Config, 'bot' | 'publicHostName'>, listening: string | undefined): string | undefined {
  if (config.bot.mode === 'local') return listening;
  return config.publicHostName === undefined ? undefined : `https://${config.publicHostName}`;
}

const uuids: IdGenerator = { next: () => randomUUID() };

export function compose(options: ComposeOptions): ComposedApp {
  const { config, store, clock, log } = options;
  const repositories = createCosmosRepositories(store.database, store.readCache);
  const botHost = createBotHost(config.bot, log);
  let listeningUrl: string | undefined;

  // "Add to calendar": one key for every instance, made on first use and kept in the store.
  const signingKeys = new CosmosSigningKeyStore(store.database.container('leases'));
  const linksFor = calendarLinks({ keys: signingKeys, publicBaseUrl: () => publicBaseUrlOf(config, listeningUrl), log: log.child({ component: 'ics' }) });
  const calendarLinkFor = async (tenantId: TenantId) => {
    const calendarLink = await linksFor(tenantId);
    return calendarLink === undefined ? {} : { calendarLink };
  };

  // Proactive messages: the Teams messenger only sends; the app's delivery decides when and how often.
  const teamsLog = log.child({ component: 'teams' });
  const outboxLog = log.child({ component: 'outbox' });
  const messenger = new TeamsMessenger({
    adapter: botHost.adapter,
    appId: botHost.appId,
    render: async (message, conversation) => renderMessage(message, { now: clock.now(), ...(await calendarLinkFor(conversation.tenantId)) }),
  });
  // One pacer for every send of this process, on a monotonic clock (the service's windows are real time).
  const sending = config.sending ?? DEFAULT_SENDING;
  const pacing = { pacer: new SendPacer({ perTenant: sending.perTenant, perConversation: sending.perConversation }), nowMs: options.pacingNowMs ?? (() => performance.now()) };
  const delivery = new OutboxDelivery({
    pacing,
    outbox: repositories.outbox,
    conversations: repositories.conversations,
    organisations: repositories.organisations,
    messenger,
    clock,
    log: outboxLog,
    policy: options.delivery,
  });
  const notifier = new OutboxNotifier({
    people: repositories.people,
    organisations: repositories.organisations,
    outbox: repositories.outbox,
    delivery,
    clock,
    log: outboxLog,
  });
  const ids = options.ids ?? uuids;
  const useCaseDeps = { ...repositories, notifier, clock, ids };
  const useCases = createUseCases(useCaseDeps);
  // Reads of another person's data through the tab, and every export, leave an audit record.
  const oversight = createOversightUseCases(useCaseDeps);
  // The admins' delivery report reads the outbox, which no other use case does: bound here, for the tab.
  const getDeliveryReportAs: UseCase<GetDeliveryReport, DeliveryReportView> = (actor, command) => getDeliveryReport(useCaseDeps, actor, command, clock.now());

  // A card submission enters here: /api/messages -> the Teams bot -> one use case -> its card.
  const bot = createBot({
    useCases,
    conversations: repositories.conversations,
    outbox: repositories.outbox,
    clock,
    log: teamsLog,
    calendarLinks: linksFor,
  });
  const server = createServer({
    config,
    botHost,
    bot,
    health: new CosmosHealthCheck(store.database),
    log,
    extraRoutes: (routes) => {
      // The Compliance tab: its page under /tab/, its API under /tab/api/.
      tabRoutes({
        config,
        useCases: { ...useCases, ...oversight, getDeliveryReport: getDeliveryReportAs },
        directory: repositories,
        log: log.child({ component: 'tab' }),
      })(routes);
      // "Add to calendar": the session invites behind the cards' links, under /ics/.
      icsRoutes({ keys: signingKeys, invites: repositories, clock, log: log.child({ component: 'ics' }) })(routes);
    },
  });

  const sweep = (now: Instant) => runReminderSweep(repositories, now);
  const deliverOutbox = (now: Instant = clock.now()) => delivery.deliverReady(now);
  // The digest's buttons open the tab at the bot's public address (known once it listens).
  const sendDigests = (now: Instant) => {
    const base = publicBaseUrlOf(config, listeningUrl);
    return sendPswDigests(repositories, now, base === undefined ? null : `${base.replace(/\/$/, '')}/tab/`);
  };
  // Once a day, after a tick's sweep: what expired under the retention settings (src/app/retention.ts).
  const retention = dailyRetentionPass(repositories, log.child({ component: 'retention' }));
  return {
    repositories,
    useCases,
    oversight,
    notifier,
    delivery,
    bot,
    server,
    sweep,
    deliverOutbox,
    sendDigests,
    listen: async () => {
      const { url } = await server.listen();
      listeningUrl = url;
      return { url };
    },
    // A reminder starts here: the tick (holding the lease) -> app/runReminderSweep -> the outbox -> the sender.
    startScheduler: (timing = {}) =>
      startScheduler({
        leases: new CosmosLeaseStore(store.database.container('leases')),
        clock,
        sweep,
        // The outbox has its own sender (startSender); after the sweep, the tick queues the digests and runs the retention pass.
        afterSweep: async (now) => {
          // The PSWs' weekly digests go into the outbox like the sweep's messages (once per PSW per week).
          const digests = await sendDigests(now);
          if (!digests.ok || digests.value.problems.length > 0) log.warn({ code: digests.ok ? 'PARTIAL' : digests.error.code }, 'weekly digest: not every organisation was done');
          await retention(now);
        },
        log: log.child({ component: 'scheduler' }),
        ...timing,
      }),
    startSender: (options = {}) =>
      startOutboxSender({
        leases: new CosmosLeaseStore(store.database.container('leases')),
        tenants: () => repositories.organisations.listTenants(),
        outbox: repositories.outbox,
        delivery,
        pacing,
        clock,
        log: outboxLog,
        concurrency: sending.concurrency,
        ...options,
      }),
  };
}
