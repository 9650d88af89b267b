/**
 * What the conversation's use cases need from the outside world: the repositories, a clock, an id
 * generator and the notifier (all ports, see ports.ts).
 */
import type {
  AgreementRepository,
  Clock,
  ConcernRepository,
  ConversationRepository,
  IdGenerator,
  NoteRepository,
  Notifier,
  OrganisationRepository,
  PersonRepository,
  SessionRepository,
} from './ports';

export interface UseCaseDeps {
  readonly people: PersonRepository;
  readonly agreements: AgreementRepository;
  readonly sessions: SessionRepository;
  readonly notes: NoteRepository;
  readonly concerns: ConcernRepository;
  readonly organisations: OrganisationRepository;
  /**
   * Who the bot can reach (the home card lists those it cannot to admins and PSWs). Absent (some
   * tests): anyone linked to Teams is taken as reachable.
   */
  readonly conversations?: Pick<ConversationRepository, 'get'>;
  readonly notifier: Notifier;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}
