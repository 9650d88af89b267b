import assert from 'node:assert/strict';
import type { EscalationFacts, ReminderFacts } from '../../src/app/proactiveMessages';
import { RELINK_RETRY_MINUTES, runReminderSweep } from '../../src/app/runReminderSweep';
import type { Agreement, OrganisationSettings, Person, Session } from '../../src/domain/model';
import { defaultOrganisationSettings } from '../../src/domain/organisationDefaults';
import { withSummary } from '../../src/app/proactivePlanning';
import { ok } from '../../src/domain/result';
import { emptyPorts } from '../fakes/ports';
import { activeAgreement } from '../fakes/records';

const CREATED = '2026-03-02T09:00:00.000Z';

function person(tenantId: string, id: string, roles: Person['roles'], aad?: string): Person {
  return { id, tenantId, email: `${id}@example.org`, name: id.toUpperCase(), roles, ...(aad ? { aadObjectId: aad } : {}) };
}

function agreementFor(tenantId: string, id: string, settings: OrganisationSettings, over: Partial<Agreement> = {}): Agreement {
  const a = activeAgreement({ id, tenantId, ...over });
  // As every writer of an agreement does: the summary with its next action time.
  return withSummary(a, [], settings, CREATED);
}

async function world(opts: { superviseeLinked?: boolean; psw?: boolean } = {}) {
  const ports = emptyPorts('2026-03-20T10:00:00.000Z');
  const settings: OrganisationSettings = {
    // Issue 9's defaults: 3 working days' lead, 5 working days' grace, Monday to Friday, England
    // and Wales bank holidays, sent from 09:00, quiet 19:00 to 08:00.
    ...defaultOrganisationSettings('t1', 'Council'),
    pswIds: opts.psw === false ? [] : ['psw'],
    adminIds: ['adm'],
  };
  await ports.organisations.save(settings);
  for (const p of [
    person('t1', 'or', ['supervisor'], 'aad-or'),
    person('t1', 'ee', ['supervisee'], opts.superviseeLinked === false ? undefined : 'aad-ee'),
    person('t1', 'psw', ['psw', 'supervisor'], 'aad-psw'),
    person('t1', 'adm', ['admin'], 'aad-adm'),
  ]) {
    await ports.people.create(p);
  }
  const created = await ports.agreements.create(agreementFor('t1', 'agr-1', settings));
  assert.ok(created.ok);
  const stored = () => {
    const v = ports.agreements.rows.get('t1\u0000agr-1');
    assert.ok(v);
    return v;
  };
  return { ports, settings, stored, sweep: (now: string) => runReminderSweep(ports, now) };
}

describe('runReminderSweep (use case)', () => {
  it('on Friday 20 March: the due-today reminder (supervisee card, supervisor digest), the at-once escalation to the PSW and its notice to the supervisor; nextActionAt moves on', async () => {
    const { ports, stored, sweep } = await world();
    const now = '2026-03-20T10:00:00.000Z';
    const report = await sweep(now);
    assert.ok(report.ok);
    assert.deepEqual(
      { ...report.value, problems: report.value.problems.length },
      { tenants: 1, agreements: 1, queued: 4, alreadyQueued: 0, waitingForTeams: 0, noRecipient: 0, saved: 1, concernFollowUps: 0, problems: 0 },
    );
    const entries = ports.outbox.all().sort((a, b) => (a.id < b.id ? -1 : 1));
    assert.deepEqual(
      entries.map((e) => [e.id, e.recipientAadObjectId, e.kind, e.status, e.notBefore, e.attempts]),
      [
        ['agr-1:escalation-notice:2026-03-09:or', 'aad-or', 'escalation-notice', 'pending', now, 0],
        ['agr-1:escalation:2026-03-09:psw', 'aad-psw', 'escalation', 'pending', now, 0],
        ['agr-1:reminder-due-today:2026-03-16:ee', 'aad-ee', 'reminder', 'pending', now, 0],
        // The supervisor's reminder, recorded as listed in the day's digest.
        ['agr-1:reminder-due-today:2026-03-16:or', 'aad-or', 'reminder-digest', 'sent', now, 0],
        ['reminder-digest:or:2026-03-20', 'aad-or', 'reminder-digest', 'pending', now, 0],
      ],
    );
    const escalation = entries[1].payload as { kind: string; data: EscalationFacts };
    assert.equal(escalation.kind, 'escalation');
    assert.deepEqual(
      { ...escalation.data },
      {
        zone: 'Europe/London',
        agreementId: 'agr-1',
        supervisee: { id: 'ee', name: 'EE' },
        supervisor: { id: 'or', name: 'OR' },
        nqsw: true,
        periodStart: '2026-03-09',
        dueBy: '2026-03-15',
        missedCount: 2,
        overdueSince: '2026-03-09',
        lastSessionOn: null,
        atOnce: true,
      },
    );
    const notice = entries[0].payload as { kind: 'escalation-notice'; data: { informed: unknown; missedCount: number } };
    assert.deepEqual([notice.data.informed, notice.data.missedCount], [[{ id: 'psw', name: 'PSW' }], 2]);
    const toSupervisee = entries[2].payload as { kind: string; data: ReminderFacts };
    assert.equal(toSupervisee.kind, 'reminder');
    assert.deepEqual([toSupervisee.data.audience, toSupervisee.data.dueBy, toSupervisee.data.reason], ['supervisee', '2026-03-22', 'due-today']);
    const digest = entries[4].payload as unknown as { kind: 'reminder-digest'; data: { date: string; items: ReminderFacts[] } };
    assert.deepEqual(
      [digest.data.date, digest.data.items.map((i) => [i.audience, i.agreementId, i.dueBy, i.reason])],
      ['2026-03-20', [['supervisor', 'agr-1', '2026-03-22', 'due-today']]],
    );

    // Week 3 ends unmet on Sunday: an NQSW's third period missed in a row escalates at once, Monday 09:00.
    assert.equal(stored().value.summary.nextActionAt, '2026-03-23T09:00:00.000Z');
    assert.equal(stored().value.summary.nextDueBy, '2026-03-22');
  });

  it("lists every supervisee due in the supervisor's one card of the day", async () => {
    const { ports, settings, sweep } = await world();
    await ports.people.create(person('t1', 'ee2', ['supervisee'], 'aad-ee2'));
    await ports.agreements.create(agreementFor('t1', 'agr-2', settings, { superviseeId: 'ee2' }));
    assert.ok((await sweep('2026-03-20T10:00:00.000Z')).ok);
    const toSupervisor = ports.outbox.all().filter((e) => e.recipientAadObjectId === 'aad-or' && e.status === 'pending');
    assert.deepEqual(toSupervisor.map((e) => e.kind).sort(), ['escalation-notice', 'escalation-notice', 'reminder-digest']);
    const digest = toSupervisor.find((e) => e.kind === 'reminder-digest')?.payload as unknown as { data: { items: ReminderFacts[] } };
    assert.deepEqual(digest.data.items.map((i) => i.supervisee.id).sort(), ['ee', 'ee2']);
  });

  it('a sweep run twice sends once: not due again, and when picked again its messages are already queued', async () => {
    const { ports, stored, sweep } = await world();
    assert.ok((await sweep('2026-03-20T10:00:00.000Z')).ok);
    const second = await sweep('2026-03-20T10:05:00.000Z');
    assert.ok(second.ok);
    assert.equal(second.value.agreements, 0, 'not due until its next action');

    // Force it to be picked (as a concurrent instance with a stale view would).
    const v = stored();
    await ports.agreements.replace({ ...v.value, summary: { ...v.value.summary, nextActionAt: '2026-03-20T09:00:00.000Z' } }, v.etag);
    const third = await sweep('2026-03-20T10:10:00.000Z');
    assert.ok(third.ok);
    // Three cards already queued, and the digest's one item already listed.
    assert.deepEqual([third.value.agreements, third.value.queued, third.value.alreadyQueued], [1, 0, 4]);
    assert.equal(ports.outbox.all().length, 5);
  });

  it('sweeps concurrently started twice (two instances) without a duplicate message', async () => {
    const { ports, sweep } = await world();
    const [a, b] = await Promise.all([sweep('2026-03-20T10:00:00.000Z'), sweep('2026-03-20T10:00:00.000Z')]);
    assert.ok(a.ok && b.ok);
    assert.equal(ports.outbox.all().filter((e) => e.status === 'pending').length, 4);
    assert.equal(ports.outbox.all().filter((e) => e.kind === 'reminder-digest' && e.status === 'pending').length, 1);
  });

  it('writes nothing in quiet hours nor on a weekend: what is due goes at the next working day\'s send time', async () => {
    const { ports, stored, sweep } = await world();
    const night = await sweep('2026-03-20T21:30:00.000Z');
    assert.ok(night.ok);
    assert.equal(ports.outbox.all().length, 0);
    assert.equal(stored().value.summary.nextActionAt, '2026-03-23T09:00:00.000Z', 'Monday 09:00, not Saturday');
    assert.equal((await sweep('2026-03-21T10:00:00.000Z')).ok && ports.outbox.all().length, 0, 'nothing looked at on Saturday');
    assert.ok((await sweep('2026-03-23T09:00:00.000Z')).ok);
    assert.deepEqual(new Set(ports.outbox.all().filter((e) => e.status === 'pending').map((e) => e.notBefore)), new Set(['2026-03-23T09:00:00.000Z']));
  });

  it('waits for a recipient who is not linked to Teams and reaches them once they are', async () => {
    const { ports, stored, sweep } = await world({ superviseeLinked: false });
    const now = '2026-03-20T10:00:00.000Z';
    const first = await sweep(now);
    assert.ok(first.ok);
    // The supervisor's digest, the escalation and its notice go; the supervisee's reminder waits.
    assert.deepEqual([first.value.queued, first.value.waitingForTeams], [3, 1]);
    const retryAt = new Date(Date.parse(now) + RELINK_RETRY_MINUTES * 60_000).toISOString();
    assert.equal(stored().value.summary.nextActionAt, retryAt);

    const ee = ports.people.rows.get('t1\u0000ee');
    assert.ok(ee);
    await ports.people.replace({ ...ee.value, aadObjectId: 'aad-ee' }, ee.etag);
    const second = await sweep(retryAt);
    assert.ok(second.ok);
    assert.deepEqual([second.value.queued, second.value.alreadyQueued, second.value.waitingForTeams], [1, 3, 0]);
    assert.ok(ports.outbox.all().some((e) => e.id === 'agr-1:reminder-due-today:2026-03-16:ee' && e.recipientAadObjectId === 'aad-ee'));
    assert.equal(stored().value.summary.nextActionAt, '2026-03-23T09:00:00.000Z');
  });

  it('holds back the cards of someone without the app installed (the other party\'s still go), until they install it', async () => {
    const { ports } = await world();
    const installed = new Set(['aad-or', 'aad-psw']);
    const deps = {
      ...ports,
      conversations: {
        get: async (tenantId: string, aadObjectId: string) =>
          ok(installed.has(aadObjectId) ? { value: { tenantId, aadObjectId, conversationId: 'c', serviceUrl: 'https://s.example', botId: 'b', channelId: 'msteams', reference: {}, installed: true, updatedAt: CREATED }, etag: 'e' } : null),
      },
    };
    const first = await runReminderSweep(deps, '2026-03-20T10:00:00.000Z');
    assert.ok(first.ok);
    assert.deepEqual([first.value.queued, first.value.waitingForTeams], [3, 1]);
    assert.ok(!ports.outbox.all().some((e) => e.recipientAadObjectId === 'aad-ee'));
    installed.add('aad-ee');
    const second = await runReminderSweep(deps, new Date(Date.parse('2026-03-20T10:00:00.000Z') + RELINK_RETRY_MINUTES * 60_000).toISOString());
    assert.ok(second.ok);
    assert.ok(ports.outbox.all().some((e) => e.id === 'agr-1:reminder-due-today:2026-03-16:ee' && e.status === 'pending'));
  });

  it('escalates to the admins when no PSW is set', async () => {
    const { ports, sweep } = await world({ psw: false });
    assert.ok((await sweep('2026-03-20T10:00:00.000Z')).ok);
    assert.ok(ports.outbox.all().some((e) => e.id === 'agr-1:escalation:2026-03-09:adm' && e.recipientAadObjectId === 'aad-adm'));
  });

  it('a session booked in the period: the reminder of it goes the working day before, with the session on the card', async () => {
    const { ports, settings, stored, sweep } = await world();
    const session: Session = {
      id: 'ses-1',
      tenantId: 't1',
      agreementId: 'agr-1',
      supervisorId: 'or',
      superviseeId: 'ee',
      status: 'scheduled',
      mode: 'teams',
      scheduledStart: '2026-03-24T10:00:00.000Z',
      plannedMinutes: 90,
      agenda: [],
      actions: [],
      createdAt: CREATED,
      updatedAt: CREATED,
    };
    await ports.sessions.create(session);
    const v = stored();
    await ports.agreements.replace(withSummary(v.value, [session], settings, '2026-03-20T10:00:00.000Z'), v.etag);
    assert.ok((await sweep('2026-03-23T09:00:00.000Z')).ok);
    assert.ok(!ports.outbox.all().some((e) => e.id.startsWith('agr-1:reminder-due:2026-03-23')), 'no "schedule one" reminder for a booked period');
    const reminder = ports.outbox.all().find((e) => e.id === 'agr-1:reminder-session:2026-03-23:ee');
    assert.ok(reminder, ports.outbox.all().map((e) => e.id).join(', '));
    assert.equal(reminder.notBefore, '2026-03-23T09:00:00.000Z', 'Monday: the working day before Tuesday\'s session');
    assert.deepEqual((reminder.payload as { data: ReminderFacts }).data.scheduledSession, { sessionId: 'ses-1', start: '2026-03-24T10:00:00.000Z' });
    assert.equal((reminder.payload as { data: ReminderFacts }).data.reason, 'session');
    // Next: the week's escalation should it end unmet, Monday 30 March 09:00 BST (clocks went forward on the 29th).
    assert.equal(stored().value.summary.nextActionAt, '2026-03-30T08:00:00.000Z');
  });

  it('keeps tenants apart and goes on past a broken agreement, reporting it', async () => {
    const { ports, settings, sweep } = await world();
    const t2 = { ...settings, tenantId: 't2', pswIds: ['psw'] };
    await ports.organisations.save(t2);
    for (const p of [person('t2', 'or', ['supervisor'], 'aad2-or'), person('t2', 'ee', ['supervisee'], 'aad2-ee'), person('t2', 'psw', ['psw'], 'aad2-psw')]) {
      await ports.people.create(p);
    }
    await ports.agreements.create(agreementFor('t2', 'agr-9', t2));
    const broken = agreementFor('t1', 'agr-broken', settings);
    await ports.agreements.create({ ...broken, employmentStart: 'not-a-date' });

    const report = await sweep('2026-03-20T10:00:00.000Z');
    assert.ok(report.ok);
    assert.equal(report.value.tenants, 2);
    assert.equal(report.value.queued, 8);
    assert.deepEqual(report.value.problems.map((p) => [p.tenantId, p.agreementId, p.code]), [['t1', 'agr-broken', 'BUG']]);
    for (const e of ports.outbox.all()) {
      assert.equal(e.recipientAadObjectId.startsWith(e.tenantId === 't2' ? 'aad2-' : 'aad-'), true, e.id);
      assert.equal(e.id.startsWith(e.tenantId === 't2' ? 'agr-9:' : 'agr-1:') || e.id === `reminder-digest:or:2026-03-20`, true, e.id);
    }
  });

  it('leaves an agreement due when its messages cannot be written, so the next sweep tries again', async () => {
    const { ports, stored, sweep } = await world();
    const before = stored().value.summary.nextActionAt;
    ports.outbox.down = true;
    const report = await sweep('2026-03-20T10:00:00.000Z');
    assert.ok(report.ok);
    assert.deepEqual(report.value.problems.map((p) => p.code), ['STORE_UNAVAILABLE']);
    assert.equal(stored().value.summary.nextActionAt, before);
    ports.outbox.down = false;
    const again = await sweep('2026-03-20T10:01:00.000Z');
    assert.ok(again.ok);
    assert.equal(again.value.queued, 4);
  });

  it('fails as a whole only when the tenants cannot be listed', async () => {
    const { ports, sweep } = await world();
    ports.organisations.down = true;
    const report = await sweep('2026-03-20T10:00:00.000Z');
    assert.ok(!report.ok);
    assert.equal(report.error.code, 'STORE_UNAVAILABLE');
  });

  it('sends nothing for a met period and leaves agreements that are not due alone', async () => {
    const { ports, stored, sweep } = await world();
    await ports.sessions.create({
      id: 'ses-held',
      tenantId: 't1',
      agreementId: 'agr-1',
      supervisorId: 'or',
      superviseeId: 'ee',
      status: 'held',
      mode: 'in-person',
      scheduledStart: '2026-03-17T10:00:00.000Z',
      plannedMinutes: 90,
      start: '2026-03-17T10:00:00.000Z',
      minutes: 95,
      uninterrupted: true,
      agenda: [],
      actions: [],
      createdAt: CREATED,
      updatedAt: CREATED,
    });
    const report = await sweep('2026-03-20T10:00:00.000Z');
    assert.ok(report.ok);
    assert.equal(report.value.queued, 0, 'week 3 met; the misses before it are no longer a run');
    // Week 4 [23rd, 30th), due by Sunday 29th: reminded 3 working days before, Wednesday 25th at 09:00 GMT.
    assert.equal(stored().value.summary.nextActionAt, '2026-03-25T09:00:00.000Z');
    const idle = await sweep('2026-03-21T10:00:00.000Z');
    assert.ok(idle.ok);
    assert.equal(idle.value.agreements, 0);
  });
});
