/**
 * A compliance scenario on the fakes (test/fakes/world.ts), shared by the tab's and the export's
 * use-case tests: agreements stored with their sessions and the summary the app would have saved.
 */
import { DateTime } from 'luxon';
import { summarize } from '../../src/domain/compliance';
import type { Agreement, Instant, Person, Session } from '../../src/domain/model';
import { heldSession } from '../fakes/records';
import { NOW, SETTINGS, T1, T2, seedAgreement, world, type World } from '../fakes/world';

export const SECRET_NOTE = 'Reflective note text that must never reach the compliance view';
export const SECRET_CONCERN = 'Concern text that must never reach the compliance view';
export const SECRET_COMMENT = 'Rating comment that must never reach the compliance view';

export const at = (date: string, time = '10:00'): Instant => DateTime.fromISO(`${date}T${time}`, { zone: 'Europe/London' }).toUTC().toISO() as Instant;

let sessionCounter = 0;
export function held(agreement: Agreement, date: string, minutes = 90, extra: Partial<Session> = {}): Session {
  return heldSession(at(date), minutes, {
    id: `ses-${++sessionCounter}`,
    tenantId: agreement.tenantId,
    agreementId: agreement.id,
    supervisorId: agreement.supervisorId,
    superviseeId: agreement.superviseeId,
    ...extra,
  });
}

/** An agreement stored with its sessions and the summary the app would have saved at `evaluatedAt`. */
export function store(w: World, overrides: Partial<Agreement>, sessions: (a: Agreement) => Session[], evaluatedAt: Instant): Agreement {
  const draft = seedAgreement(w, overrides);
  const own = sessions(draft);
  for (const s of own) w.deps.sessions.seed(s);
  const settings = overrides.tenantId === T2 ? { ...SETTINGS, tenantId: T2 } : SETTINGS;
  const a = { ...draft, summary: summarize({ agreement: draft, sessions: own, settings, now: evaluatedAt }) };
  w.deps.agreements.seed(a);
  return a;
}

export const extraPerson = (id: string, name: string, tenantId = T1, extra: Partial<Person> = {}): Person => ({
  id,
  tenantId,
  email: `${id}@example.org`,
  name,
  roles: ['supervisee'],
  aadObjectId: `aad-${id}`,
  ...extra,
});

/**
 * Northshire on Monday 2 March 2026:
 * - agr-1 Nia (NQSW, week 3), supervised by Sam: week 1 met, week 2 missed -> overdue since 2 Mar;
 *   its summary was last saved on 20 Feb, before week 2 ended;
 * - agr-2 Ola, supervised by Jo: every month met, March already met -> on track; two ratings (4, 5)
 *   and a short session;
 * - agr-3 Rhys, supervised by Sam: a month that started 20 Feb, nothing yet -> due by 19 Mar;
 * - agr-4 Tess, supervised by Jo, a draft -> not yet agreed;
 * - agr-5 Uma, supervised by Sam, ended -> never in the tab;
 * - agr-x in another tenant, supervised by its own people.
 */
export function northshire(): World {
  const w = world(NOW);
  for (const p of [
    extraPerson('rhys', 'Rhys Evans', T1, { team: 'Adults East' }),
    extraPerson('tess', 'Tess Bell'),
    extraPerson('uma', 'Uma Khan'),
    extraPerson('other-sw', 'Vic Other', T2),
  ]) {
    w.deps.people.seed(p);
  }
  w.deps.notes.seed({
    id: 'note-1',
    tenantId: T1,
    authorId: 'nqsw',
    whatHappened: SECRET_NOTE,
    howIFelt: SECRET_NOTE,
    whatILearned: SECRET_NOTE,
    whatNext: SECRET_NOTE,
    visibility: 'shared',
    sharedWithId: 'sup1',
    createdAt: NOW,
    updatedAt: NOW,
  });
  w.deps.concerns.seed({
    id: 'concern-1',
    tenantId: T1,
    raisedById: 'sw2',
    category: 'workload',
    description: SECRET_CONCERN,
    urgency: 'high',
    route: 'psw',
    handlerId: 'psw',
    status: 'raised',
    history: [],
    createdAt: NOW,
    updatedAt: NOW,
  });

  store(w, { id: 'agr-1' }, (a) => [held(a, '2026-02-17')], at('2026-02-20'));
  store(
    w,
    { id: 'agr-2', superviseeId: 'sw2', supervisorId: 'sup2', nqsw: false, employmentStart: '2020-09-01', agreementStart: '2025-09-01', supervisorHistory: [{ supervisorId: 'sup2', from: '2025-09-01' }] },
    (a) => [
      ...['2025-09-05', '2025-10-06', '2025-11-05', '2025-12-05', '2026-01-06', '2026-02-05'].map((d) => held(a, d)),
      held(a, '2026-01-20', 60),
      held(a, '2026-03-01', 95, { rating: { score: 4, comment: SECRET_COMMENT, ratedAt: at('2026-03-01', '16:00') } }),
      held(a, '2026-02-05', 90, { id: 'ses-rated-5', rating: { score: 5, ratedAt: at('2026-02-05', '16:00') } }),
    ],
    at('2026-03-01', '18:00'),
  );
  store(w, { id: 'agr-3', superviseeId: 'rhys', nqsw: false, employmentStart: '2024-01-08', agreementStart: '2026-02-20' }, () => [], NOW);
  store(w, { id: 'agr-4', superviseeId: 'tess', supervisorId: 'sup2', nqsw: false, employmentStart: '2026-03-02', agreementStart: '2026-03-02', status: 'draft' }, () => [], NOW);
  store(w, { id: 'agr-5', superviseeId: 'uma', nqsw: false, employmentStart: '2025-01-06', agreementStart: '2025-01-06', status: 'ended', endedOn: '2026-01-31' }, () => [], NOW);
  store(w, { id: 'agr-x', tenantId: T2, superviseeId: 'other-sw', supervisorId: 'outsider', nqsw: false, employmentStart: '2025-06-02', agreementStart: '2025-06-02' }, () => [], NOW);
  return w;
}

