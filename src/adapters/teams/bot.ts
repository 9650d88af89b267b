/**
 * The Teams conversation: a TeamsActivityHandler that routes what a person does to the use cases
 * it is given (src/compose.ts builds them): parse -> one use case -> render. It builds no part of
 * the application and sends no proactive message itself (who is told is decided in app).
 *
 * - `adaptiveCard/action` invokes (Action.Execute) are handed to the cards' `dispatch` with a Turn
 *   (routes.ts): the verb's declaration (its family's verbs.ts in the cards adapter) parses it
 *   and calls one use case; the card in the invoke response replaces the one pressed. An
 *   Action.Submit (a message with a value) takes the same route and updates its card in place.
 * - Text: an exact shortcut (help, home, reflect, concern, schedule; trimmed, lower-cased, a leading
 *   mention of the bot removed) opens its card; anything else gets the help card. Never substring
 *   matching: "I have a concern about…" is not the `concern` shortcut.
 * - The actor is always the activity's `from.aadObjectId` + tenant (actor.ts), never card data. A
 *   person imported by email is linked on first contact by app/acting.ts `actingAs`, with the
 *   address Teams vouches for (TeamsInfo.getMember), as the tab links them by their sign-in name.
 * - Every inbound activity refreshes the person's conversation reference (conversationKeeper.ts);
 *   installing the app greets the person once with the home card fitted to their roles.
 * - A submission that fails to parse, or that a use case refuses for its input or a store problem,
 *   comes back as the same card with what was typed and the error; a refused action (not yours,
 *   not found, already done) as a clear error card. Nothing is ever sent twice for one activity.
 *
 * botbuilder is imported only in this folder (and the HTTP adapter's CloudAdapter wiring).
 */
import { CardFactory, MessageFactory, TeamsActivityHandler, TeamsInfo, type InvokeResponse, type TurnContext } from 'botbuilder';
import { actingAs, type Contact } from '../../app/acting';
import type { Actor } from '../../app/commands';
import type { UseCases } from '../../app/index';
import type { Clock, ConversationRepository, OutboxRepository } from '../../app/ports';
import { firstWelcome } from '../../app/welcome';
import type { Person, TenantId } from '../../domain/model';
import type { DomainError, ErrorCode } from '../../domain/result';
import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  dispatch,
  isVerb,
  presentError,
  presentHelp,
  render,
  renderMessage,
  SHORTCUT_VERBS,
  TEXT_SHORTCUTS,
  type AdaptiveCard,
  type CalendarLink,
  type CardSpec,
  type Turn,
} from '../cards';
import { actorOf, installChangeOf, isPersonal, shortcutText } from './actor';
import { ConversationKeeper, type KeptReference } from './conversationKeeper';

/** Said in group chats and channels, where supervision is never discussed. */
export const PERSONAL_ONLY_TEXT =
  'Supervision is personal, so I only talk about it in our 1:1 chat. Open a chat with me (Supervision Bot) to see your agreements, sessions, notes and concerns.';


/** The logging the bot needs (a pino Logger fits). It is never given text, card data or values. */
export interface BotLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** What the bot is given by the composition root (src/compose.ts): it builds none of it. */
export interface BotDeps {
  /** The use cases, bound to their repositories and notifier: each card verb calls one. */
  readonly useCases: UseCases;
  /** Where each person's conversation reference is kept (refreshed by every activity). */
  readonly conversations: ConversationRepository;
  /** Where the welcome's once-only marker is written. */
  readonly outbox: Pick<OutboxRepository, 'create'>;
  readonly clock: Clock;
  readonly log?: BotLog;
  /**
   * "Add to calendar" links on the session cards, for one tenant (src/adapters/http/ics.ts); resolves
   * to undefined when none can be made just now. Absent: the cards have no such button.
   */
  readonly calendarLinks?: (tenantId: TenantId) => Promise<CalendarLink | undefined>;
}

const KEPT = Symbol('kept-reference');
const silent: BotLog = { info: () => {}, warn: () => {} };

export type AdaptiveCardInvokeBody = {
  readonly statusCode: 200;
  readonly type: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  readonly value: AdaptiveCard;
};

export class SupervisionBot extends TeamsActivityHandler {
  private readonly useCases: UseCases;
  private readonly keeper: ConversationKeeper;
  private readonly log: BotLog;

  constructor(private readonly deps: BotDeps) {
    super();
    this.useCases = deps.useCases;
    this.log = deps.log ?? silent;
    this.keeper = new ConversationKeeper(deps.conversations, deps.clock);

    this.onTurn(async (context, next) => {
      await this.keepReference(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.greet(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (installChangeOf(context.activity) === 'add') await this.greet(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.onText(context);
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const name = context.activity.name;
    if (name !== 'adaptiveCard/action') return unhandledInvoke(name);
    const value = context.activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined;
    const spec = await this.cardAction(context, value?.action?.verb, value?.action?.data);
    const body: AdaptiveCardInvokeBody = { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: render(spec) };
    return { status: 200, body };
  }

  // --- card actions and text ------------------------------------------------------------------

  private async cardAction(context: TurnContext, verb: unknown, data: unknown): Promise<CardSpec> {
    const actor = actorOf(context.activity);
    if (actor === undefined) return presentError(refusal('UNKNOWN_USER', 'Teams did not say who you are, so nothing was done.'), { known: false });
    if (!isPersonal(context.activity)) return presentError(refusal('NOT_AUTHORIZED', PERSONAL_ONLY_TEXT));
    if (!isVerb(verb)) return presentError(refusal('INVALID_INPUT', 'This button is not one I know.'));
    const spec = await dispatch(await this.turn(context, actor), verb, data);
    this.log.info({ event: 'card.action', verb, tenantId: actor.tenantId, template: spec.template }, 'card action');
    return spec;
  }

  private async onText(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const actor = actorOf(activity);
    if (!isPersonal(activity)) {
      await context.sendActivity(PERSONAL_ONLY_TEXT);
      return;
    }
    if (actor === undefined) {
      await this.sendCard(context, presentHelp());
      return;
    }
    const turn = await this.turn(context, actor);
    const submitted = activity.value as { verb?: unknown; action?: { verb?: unknown; data?: unknown } } | undefined;
    if (submitted !== null && typeof submitted === 'object') {
      // Action.Submit: the card's data (with its inputs) as the message's value.
      const verb = submitted.action?.verb ?? submitted.verb;
      const data = submitted.action?.data ?? submitted;
      const spec = isVerb(verb) ? await dispatch(turn, verb, data) : presentError(refusal('INVALID_INPUT', 'This button is not one I know.'));
      this.log.info({ event: 'card.submit', verb: isVerb(verb) ? verb : 'unknown', tenantId: actor.tenantId, template: spec.template }, 'card submit');
      await this.replaceOrSend(context, spec);
      return;
    }
    const typed = shortcutText(activity);
    const shortcut = TEXT_SHORTCUTS.find((s) => s.command === typed);
    if (shortcut !== undefined) {
      const verb = SHORTCUT_VERBS[shortcut.command];
      this.log.info({ event: 'text.shortcut', verb, tenantId: actor.tenantId }, 'shortcut');
      await this.sendCard(context, await dispatch(turn, verb, {}));
      return;
    }
    const help = await turn.run(this.useCases.getHelp, {});
    const unknownText = typeof activity.text === 'string' ? activity.text : '';
    await this.sendCard(context, presentHelp(help.ok ? { ...help.value, unknownText } : { unknownText }));
  }

  // --- identity, references, welcome ----------------------------------------------------------

  private async keepReference(context: TurnContext): Promise<void> {
    const kept = await this.keeper.refresh(context.activity);
    if (!kept.ok) {
      // The turn goes on: the reference is refreshed again by the next activity.
      this.log.warn({ event: 'conversation.refresh_failed', code: kept.error.code }, 'could not refresh the conversation reference');
      return;
    }
    context.turnState.set(KEPT, kept.value);
    const change = installChangeOf(context.activity);
    if (change !== undefined) {
      this.log.info({ event: `app.${change === 'add' ? 'installed' : 'removed'}`, tenantId: kept.value.current?.tenantId, personal: isPersonal(context.activity) }, 'installation');
    }
  }

  /** Once per installation (installationUpdate and conversationUpdate both announce one). */
  private async greet(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const actor = actorOf(activity);
    if (actor === undefined) return;
    if (!isPersonal(activity)) {
      if (await this.firstTime(actor, `group:${activity.conversation?.id ?? ''}`)) await context.sendActivity(PERSONAL_ONLY_TEXT);
      return;
    }
    const kept = context.turnState.get(KEPT) as KeptReference | undefined;
    if (kept === undefined || !kept.newlyInstalled) return;
    const since = kept.previous?.updatedAt ?? 'never';
    if (!(await this.firstTime(actor, `personal:${activity.conversation?.id ?? ''}:${since}`))) return;
    const turn = await this.turn(context, actor);
    // What the sweep held back because it could not reach them goes within a minute.
    const relooked = await turn.run(this.useCases.lookAgainOnInstall, {});
    if (!relooked.ok && relooked.error.code !== 'UNKNOWN_USER') this.log.warn({ event: 'install.relook_failed', code: relooked.error.code }, 'could not look again at their agreements');
    const home = await turn.run(this.useCases.getHome, {});
    if (home.ok) await this.sendAdaptiveCard(context, renderMessage({ kind: 'welcome', data: home.value }, turn.ctx));
    else await this.sendCard(context, presentError(home.error, { known: home.error.code !== 'UNKNOWN_USER' }));
  }

  /** True for the first caller only, whichever instance it runs on (see app/welcome.ts). */
  private async firstTime(actor: Actor, what: string): Promise<boolean> {
    const first = await firstWelcome(this.deps.outbox, actor, what, this.deps.clock.now());
    if (!first.ok) {
      this.log.warn({ event: 'welcome.marker_failed', code: first.error.code }, 'could not record the welcome; not greeting');
      return false;
    }
    return first.value;
  }

  /** The "Add to calendar" links for a tenant's cards, as a PresentContext part ({} when none can be made). */
  private async calendarLinkFor(tenantId: TenantId): Promise<{ calendarLink?: CalendarLink }> {
    if (this.deps.calendarLinks === undefined) return {};
    const calendarLink = await this.deps.calendarLinks(tenantId);
    return calendarLink === undefined ? {} : { calendarLink };
  }

  private async turn(context: TurnContext, actor: Actor): Promise<Turn> {
    const useCases = this.useCases;
    const ctx = { now: this.deps.clock.now(), ...(await this.calendarLinkFor(actor.tenantId)) };
    // First contact: Teams vouches for the person's address (the member's email or UPN).
    const run = actingAs(useCases.identify, actor, () => this.memberContact(context), () =>
      this.log.info({ event: 'identify.linked', tenantId: actor.tenantId }, 'linked a person to their Teams identity'),
    );
    const me = async (): Promise<Person | undefined> => {
      const found = await run(useCases.identify, {});
      return found.ok ? found.value : undefined;
    };
    return { actor, useCases, ctx, run, me };
  }

  /** The Teams member's email (or UPN) and name, as Teams knows them. */
  private async memberContact(context: TurnContext): Promise<Contact | undefined> {
    try {
      const member = await TeamsInfo.getMember(context, context.activity.from.id);
      const email = member.email ?? member.userPrincipalName ?? undefined;
      if (email === undefined || email === '') return undefined;
      return { email, ...(member.name ? { name: member.name } : {}) };
    } catch (error) {
      const e = error as { statusCode?: unknown; name?: unknown };
      this.log.warn({ event: 'identify.member_lookup_failed', statusCode: e?.statusCode, errorType: e?.name }, 'could not look up the Teams member');
      return undefined;
    }
  }

  // --- sending ----------------------------------------------------------------------------------

  private async sendCard(context: TurnContext, spec: CardSpec): Promise<void> {
    await this.sendAdaptiveCard(context, render(spec));
  }

  private async sendAdaptiveCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  }

  /** An Action.Submit's answer replaces the card it came from; a new message only when it cannot. */
  private async replaceOrSend(context: TurnContext, spec: CardSpec): Promise<void> {
    const replyToId = context.activity.replyToId;
    const message = MessageFactory.attachment(CardFactory.adaptiveCard(render(spec)));
    if (replyToId !== undefined && replyToId !== '') {
      try {
        await context.updateActivity({ ...message, id: replyToId });
        return;
      } catch (error) {
        const e = error as { statusCode?: unknown };
        this.log.warn({ event: 'card.update_failed', statusCode: e?.statusCode }, 'could not update the card; sending it instead');
      }
    }
    await context.sendActivity(message);
  }
}

/** Said to any invoke the bot has no use for: the app declares no task modules, searches or other actions. */
export const UNHANDLED_INVOKE_TEXT = 'Supervision Bot does not handle this here. Type home in our 1:1 chat to see what you can do.';

/**
 * Every invoke the bot does not handle gets an answer its sender understands, never botbuilder's
 * 501 with an empty body: a task module message for task/*, otherwise an Adaptive Card error.
 */
export function unhandledInvoke(name: string | undefined): InvokeResponse {
  if (name === 'task/fetch' || name === 'task/submit') {
    return { status: 200, body: { task: { type: 'message', value: UNHANDLED_INVOKE_TEXT } } };
  }
  return { status: 200, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: UNHANDLED_INVOKE_TEXT } } };
}

function refusal(code: ErrorCode, message: string): DomainError {
  return { code, message };
}

/** The bot main.ts serves on /api/messages. */
export function createBot(deps: BotDeps): SupervisionBot {
  return new SupervisionBot(deps);
}
