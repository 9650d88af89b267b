/**
 * Who is acting: the actor resolved to their stored Person (the only source of who acts, by tenant +
 * AAD object id), the organisation's settings, the people a view names, and the first contact of a
 * person imported by email, linked in one place for every channel (the Teams bot and the tab).
 */
import type { Viewer } from '../domain/authorization';
import type { Instant, LocalDate, OrganisationSettings, Person, PersonId, TenantId } from '../domain/model';
import { defaultOrganisationSettings } from '../domain/organisationDefaults';
import { fail, ok, type Result } from '../domain/result';
import { localDateOf } from '../domain/validation';
import type { Actor, Identify } from './commands';
import type { UseCaseDeps } from './deps';
import type { PersonRef } from './views';

export interface Ctx {
  readonly deps: UseCaseDeps;
  readonly tenantId: TenantId;
  readonly me: Person;
  readonly settings: OrganisationSettings;
  readonly viewer: Viewer;
  readonly zone: string;
  readonly now: Instant;
  readonly today: LocalDate;
  readonly people: Directory;
}

export function unknownUser<T>(): Result<T> {
  return fail(
    'UNKNOWN_USER',
    "I can't find you on your organisation's staff list yet. Ask your admin to import you, then say hello to me again.",
  );
}

export function validActor(actor: Actor | undefined): boolean {
  return (
    actor !== undefined &&
    typeof actor.tenantId === 'string' &&
    actor.tenantId.trim() !== '' &&
    typeof actor.aadObjectId === 'string' &&
    actor.aadObjectId.trim() !== ''
  );
}

/** The organisation's settings, or the defaults until an admin saves them. */
export async function loadSettings(
  deps: UseCaseDeps,
  tenantId: TenantId,
): Promise<Result<{ settings: OrganisationSettings; etag?: string }>> {
  const got = await deps.organisations.get(tenantId);
  if (!got.ok) return got;
  if (got.value === null) return ok({ settings: defaultOrganisationSettings(tenantId, 'Your organisation') });
  return ok({ settings: got.value.value, etag: got.value.etag });
}

/** Resolves the actor (by tenant + AAD object id only) and loads what every use case needs. */
export async function begin(deps: UseCaseDeps, actor: Actor, now: Instant): Promise<Result<Ctx>> {
  if (!validActor(actor)) return unknownUser();
  const found = await deps.people.findByAadObjectId(actor.tenantId, actor.aadObjectId);
  if (!found.ok) return found;
  if (found.value === null) return unknownUser();
  const me = found.value.value;
  if (me.tenantId !== actor.tenantId) return fail('WRONG_TENANT', 'Your account belongs to another organisation.');
  const loaded = await loadSettings(deps, actor.tenantId);
  if (!loaded.ok) return loaded;
  const { settings } = loaded.value;
  const people = new Directory(deps, actor.tenantId);
  people.seed(me);
  // Today in the organisation's zone is worked out when a use case first asks: a help turn never
  // does, and luxon's zone arithmetic was a tenth of that turn's own CPU.
  let today: LocalDate | undefined;
  return ok({
    deps,
    tenantId: actor.tenantId,
    me,
    settings,
    viewer: { person: me, settings },
    zone: settings.zone,
    now,
    get today(): LocalDate {
      today ??= localDateOf(now, settings.zone);
      return today;
    },
    people,
  });
}

/** People by id, loaded once per use case, so every view names people instead of showing ids. */
export class Directory {
  private readonly cache = new Map<PersonId, Person | null>();

  constructor(
    private readonly deps: UseCaseDeps,
    private readonly tenantId: TenantId,
  ) {}

  seed(person: Person): void {
    if (person.tenantId === this.tenantId) this.cache.set(person.id, person);
  }

  async load(ids: Iterable<PersonId | undefined>): Promise<Result<void>> {
    const missing = [...new Set([...ids].filter((id): id is PersonId => id !== undefined && !this.cache.has(id)))];
    const results = await Promise.all(missing.map((id) => this.deps.people.get(this.tenantId, id)));
    for (let i = 0; i < missing.length; i++) {
      const r = results[i];
      if (!r.ok) return r;
      const person = r.value?.value ?? null;
      this.cache.set(missing[i], person !== null && person.tenantId === this.tenantId ? person : null);
    }
    return ok(undefined);
  }

  get(id: PersonId | undefined): Person | undefined {
    return id === undefined ? undefined : (this.cache.get(id) ?? undefined);
  }

  ref(id: PersonId): PersonRef {
    return { id, name: this.cache.get(id)?.name ?? 'Someone no longer on the staff list' };
  }
}

/** The viewer as another person would be, to build the card they are sent. */
export function viewerFor(ctx: Ctx, personId: PersonId): Viewer | undefined {
  const person = ctx.people.get(personId);
  return person === undefined ? undefined : { person, settings: ctx.settings };
}

/** The supervisors and professional supervisors in a person's agreements that are not ended. */
export async function supervisorsOf(ctx: Ctx, superviseeId: PersonId): Promise<Result<{ ids: PersonId[]; current?: PersonId }>> {
  const agreements = await ctx.deps.agreements.listForPerson(ctx.tenantId, superviseeId);
  if (!agreements.ok) return agreements;
  const mine = agreements.value
    .map((v) => v.value)
    .filter((a) => a.tenantId === ctx.tenantId && a.superviseeId === superviseeId && a.status !== 'ended');
  const ids = new Set<PersonId>();
  for (const a of mine) {
    ids.add(a.supervisorId);
    if (a.professionalSupervisorId !== undefined) ids.add(a.professionalSupervisorId);
  }
  const live = mine.filter((a) => a.status === 'active' || a.status === 'paused').sort((x, y) => (x.agreementStart < y.agreementStart ? 1 : -1));
  return ok({ ids: [...ids], ...(live[0] !== undefined ? { current: live[0].supervisorId } : {}) });
}

/** A use case bound to its dependencies, as a channel calls it. */
export type UseCase<Cmd, View> = (actor: Actor, command: Cmd) => Promise<Result<View>>;

/** What a channel vouches for about the person acting: the Teams member's email or UPN, the tab's sign-in name. */
export interface Contact {
  readonly email: string;
  readonly name?: string;
}

/** Runs one use case as the actor a runner was made for. */
export type ActAs = <Cmd, View>(useCase: UseCase<Cmd, View>, command: Cmd) => Promise<Result<View>>;

/**
 * Runs use cases as `actor`, linking them on first contact: the first time one answers
 * UNKNOWN_USER, a person imported by email is linked to the actor by the address the channel
 * vouches for (`contact`, asked at most once per runner: it may cost a call to the channel), through
 * the `identify` use case, and the use case runs again. Once linked, the actor's id alone identifies
 * them. Not on the staff list by that address either: the first answer stands; the link could not
 * be made (the store is down): that is the answer.
 */
export function actingAs(
  identify: UseCase<Identify, Person>,
  actor: Actor,
  contact: () => Promise<Contact | undefined>,
  onLinked: () => void = () => {},
): ActAs {
  let tried = false;
  return async (useCase, command) => {
    const first = await useCase(actor, command);
    if (first.ok || first.error.code !== 'UNKNOWN_USER' || tried) return first;
    tried = true;
    const vouched = await contact();
    if (vouched === undefined || vouched.email.trim() === '') return first;
    const linked = await identify(actor, { email: vouched.email, ...(vouched.name ? { name: vouched.name } : {}) });
    if (!linked.ok) return linked.error.code === 'UNKNOWN_USER' ? first : linked;
    onLinked();
    return useCase(actor, command);
  };
}
