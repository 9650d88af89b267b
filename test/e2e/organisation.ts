/**
 * The organisation the end-to-end tests run against: the tenant and people of the checked-in
 * `.m365agentsplayground.yml` (so the Playground's mock Teams identities are the stored ones), with
 * roles as the demo gives them, but no agreements yet: the tests set them up through the cards.
 * Rachel is known by email only, as a staff import leaves people until they first use the bot.
 * A second organisation (another tenant) has a PSW of its own, for the cross-tenant forgeries.
 */
import type { CosmosRepositories } from '../../src/adapters/cosmos/repositories';
import type { OrganisationSettings, Person, Role } from '../../src/domain/model';
import { must } from './botApp';
import { asPerson, keyOf, type PlaygroundConfigFile, type PlaygroundUser } from './playgroundClient';

export const OTHER_TENANT = '0b7e5c1d-9a2f-4d6b-8c3e-5f1a2b3c4d5e';

const ROLES: Readonly<Record<string, readonly Role[]>> = {
  priya: ['psw', 'admin'],
  sam: ['supervisor'],
  rachel: ['supervisor'],
  noah: ['supervisee'],
  amira: ['supervisee'],
  daniel: ['supervisee'],
};

export function peopleOf(config: PlaygroundConfigFile): Person[] {
  return [config.currentUser, ...config.users].map((u) => ({
    id: `e2e-${keyOf(u)}`,
    tenantId: config.tenantId,
    email: u.email.toLowerCase(),
    name: u.name,
    roles: ROLES[keyOf(u)] ?? ['supervisee'],
    // Rachel was imported by email only: the bot links her Teams identity the first time she talks
    // to it (TeamsInfo.getMember, answered by the Playground's mock connector).
    ...(keyOf(u) === 'rachel' ? {} : { aadObjectId: u.aadObjectId }),
    isRegisteredSocialWorker: true,
    ...(keyOf(u) === 'noah' ? { nqsw: true } : {}),
  }));
}

/** The other tenant's PSW: Priya's Teams user id, another tenant and another identity. */
export function outsiderOf(config: PlaygroundConfigFile): { config: PlaygroundConfigFile; person: Person } {
  const asPriya = asPerson(config, 'priya');
  const me: PlaygroundUser = {
    ...asPriya.currentUser,
    aadObjectId: '9e8d7c6b-0000-4000-8000-00000000e001',
    email: 'zed.other@elsewhere.example',
    userPrincipleName: 'zed.other@elsewhere.example',
    name: 'Zed Other',
    givenName: 'Zed',
    surname: 'Other',
  };
  return {
    config: { ...asPriya, tenantId: OTHER_TENANT, currentUser: me, personalChat: { id: 'personal-chat-outsider' } },
    person: { id: 'e2e-outsider', tenantId: OTHER_TENANT, email: me.email, name: me.name, roles: ['psw', 'admin', 'supervisor'], aadObjectId: me.aadObjectId, isRegisteredSocialWorker: true },
  };
}

export async function seedOrganisation(repos: CosmosRepositories, config: PlaygroundConfigFile): Promise<void> {
  const people = peopleOf(config);
  for (const p of people) must(await repos.people.create(p));
  const settings: OrganisationSettings = {
    tenantId: config.tenantId,
    name: 'Northshire Council',
    zone: 'Europe/London',
    pswIds: ['e2e-priya'],
    adminIds: ['e2e-priya'],
    reminderLeadDays: 2,
    escalationGraceDays: 3,
    // None, so every proactive card arrives during the test whatever the time of day.
    quietHours: { start: '00:00', end: '00:00' },
  };
  must(await repos.organisations.save(settings));
  const outsider = outsiderOf(config);
  must(await repos.people.create(outsider.person));
  must(await repos.organisations.save({ ...settings, tenantId: OTHER_TENANT, name: 'Elsewhere Trust', pswIds: [outsider.person.id], adminIds: [outsider.person.id] }));
}
