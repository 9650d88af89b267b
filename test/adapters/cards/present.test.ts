import { strict as assert } from 'assert';
import {
  type AdaptiveCard,
  formFromError,
  formFromParse,
  inputOfField,
  MAX_PEOPLE_CHOICES,
  parseSubmission,
  presentAgreement,
  presentAgreementStatus,
  presentAgreementSetup,
  presentConcern,
  presentConcernRaise,
  presentError,
  presentNoteWrite,
  presentProactive,
  presentRetry,
  presentSession,
  presentSessionRecord,
  presentSessionSchedule,
  render,
  renderMessage,
} from '../../../src/adapters/cards';
import type { ProactiveMessage } from '../../../src/app/proactiveMessages';
import { objects, type Json } from './json';
import {
  agreementFormView,
  agreementView,
  alex,
  concernView,
  escalationView,
  heldSessionView,
  jo,
  manyPeople,
  NOW,
  reminderView,
  sessionView,
} from './samples';

const inputById = (card: AdaptiveCard, id: string): Json | undefined => objects(card).find((o) => typeof o.type === 'string' && o.type.startsWith('Input.') && o.id === id);

/** The element right after the input with this id, in the same container. */
function afterInput(card: AdaptiveCard, id: string): Json | undefined {
  for (const o of objects(card)) {
    for (const list of [o.body, o.items]) {
      if (!Array.isArray(list)) continue;
      const i = list.findIndex((e: Json) => e.id === id);
      if (i >= 0) return list[i + 1] as Json;
    }
  }
  return undefined;
}

const texts = (card: AdaptiveCard): string[] => objects(card).filter((o) => o.type === 'TextBlock').map((o) => String(o.text));

describe('cards: present', () => {
  describe('a refused form comes back with what was typed and each error by its input', () => {
    it('after a parse failure: values kept, error under the input, banner lists it', () => {
      const typed = { whatHappened: 'A long day.\nThen a visit.', howIFelt: 'x'.repeat(9000), whatILearned: 'y'.repeat(1001), whatNext: '', visibility: 'shared' };
      const r = parseSubmission('note.write', typed);
      assert.ok(!r.ok);
      const card = render(presentNoteWrite(formFromParse('note.write', r)));
      for (const [id, value] of Object.entries(typed)) assert.equal(inputById(card, id)?.value, value, id);
      assert.ok(texts(card).some((t) => /Your note is 10,026 characters; the limit is 10,000/.test(t)));
      assert.ok(texts(card).includes('Not saved yet. Please check:'));
    });

    it('shows a field error in attention colour right under its input', () => {
      const r = parseSubmission('concern.raise', { category: 'workload', description: 'z'.repeat(4001), urgency: 'low', route: 'psw' });
      assert.ok(!r.ok);
      const card = render(presentNoteWrite()); // no errors: nothing under the inputs
      assert.equal(afterInput(card, 'whatHappened')?.id, 'howIFelt');
      const refusedCard = render(presentConcernRaise(formFromParse('concern.raise', r)));
      const under = afterInput(refusedCard, 'description');
      assert.equal(under?.color, 'attention');
      assert.match(String(under?.text), /4,001 characters; the limit is 4,000/);
      assert.equal(inputById(refusedCard, 'description')?.value, 'z'.repeat(4001));
      assert.equal(inputById(refusedCard, 'route')?.value, 'psw');
    });

    it('after the store was unavailable: everything kept, told nothing was saved', () => {
      const inputs = { whatHappened: 'Kept text', howIFelt: '', whatILearned: '', whatNext: '', cpdTag: 'PCF 5', visibility: 'private' };
      const form = formFromError('note.write', { code: 'STORE_UNAVAILABLE', message: 'The database is unavailable.' }, inputs);
      const card = render(presentNoteWrite(form));
      assert.equal(inputById(card, 'whatHappened')?.value, 'Kept text');
      assert.equal(inputById(card, 'cpdTag')?.value, 'PCF 5');
      assert.ok(texts(card).some((t) => t.includes('Nothing was saved') && t.includes('Your entries are kept here')));
    });

    it("maps a use case's field names to the card's inputs", () => {
      assert.equal(inputOfField('session.schedule', 'start.time'), 'scheduleTime');
      assert.equal(inputOfField('session.schedule', 'plannedMinutes'), 'plannedMinutes');
      assert.equal(inputOfField('session.recordHeld', 'actions.1.dueDate'), 'action2Due');
      assert.equal(inputOfField('session.recordHeld', 'actions.0'), 'action1Text');
      assert.equal(inputOfField('session.reschedule', 'plannedMinutes'), 'newMinutes');
      assert.equal(inputOfField('settings.update', 'quietHours.end'), 'quietEnd');
      assert.equal(inputOfField('agreement.propose', 'stricterCadence'), undefined);
      const form = formFromError('session.schedule', { code: 'INVALID_DATE', message: 'That time does not exist.', field: 'start.time' }, {});
      assert.deepEqual(form.errors, [{ field: 'scheduleTime', code: 'INVALID_DATE', message: 'That time does not exist.' }]);
      const banner = formFromError('agreement.propose', { code: 'CADENCE_LOOSER_THAN_STANDARD', message: 'Looser.', field: 'stricterCadence' }, {});
      assert.equal(banner.errors?.[0].field, 'submission');
    });

    it('points to the part of the card holding the refused inputs, with them kept there', () => {
      const typed = { heldDate: '2026-03-10', heldTime: '14:05', minutes: '700', uninterrupted: 'no', agenda: 'Caseload' };
      const r = parseSubmission('session.recordHeld', { sessionId: 's-1', ...typed });
      assert.ok(!r.ok);
      const view = sessionView({ youCan: { respond: false, record: true, confirm: false, rate: false } });
      const card = render(presentSessionRecord(view, { now: NOW }, formFromParse('session.recordHeld', r)));
      assert.ok(texts(card).some((t) => t.includes('Your entries are kept under “It was held”')));
      assert.equal(inputById(card, 'agenda')?.value, 'Caseload');
      assert.equal(inputById(card, 'uninterrupted')?.value, 'no');
      assert.equal(inputById(card, 'minutes')?.value, 700);
      assert.match(String(afterInput(card, 'minutes')?.text), /between 1 and 600/);
    });

    it('a number input gets the default back when what came was not a number', () => {
      const card = render(
        presentSessionSchedule(
          { zone: 'Europe/London', agreements: [{ agreementId: 'a-2', supervisee: jo, status: 'active' }] },
          { verb: 'session.schedule', values: { plannedMinutes: 'ninety', scheduleDate: '2026-02-30' } },
        ),
      );
      assert.equal(inputById(card, 'plannedMinutes')?.value, 90);
      assert.equal(inputById(card, 'scheduleDate')?.value, '2026-02-30');
      assert.equal(inputById(card, 'agreementId')?.value, 'a-2');
    });
  });

  describe('the retry card when the form cannot be loaded', () => {
    it('gives back typed text under the same input ids and retries the same verb for the same record', () => {
      const inputs = { assigneeId: 'p-priya', resolution: 'We reduced the caseload.' };
      const card = render(
        presentRetry('concern.resolve', { concernId: 'c-1' }, inputs, { code: 'STORE_UNAVAILABLE', message: 'The database is unavailable.' }),
      );
      assert.equal(inputById(card, 'resolution')?.value, 'We reduced the caseload.');
      const retry = objects(card).find((o) => o.title === 'Try again');
      assert.deepEqual({ verb: retry?.verb, data: retry?.data }, { verb: 'concern.resolve', data: { concernId: 'c-1' } });
      // What the retry submits parses like the original form did.
      const again = parseSubmission('concern.resolve', { ...(retry?.data as Json), resolution: inputById(card, 'resolution')?.value });
      assert.ok(again.ok);
    });

    it('does not repeat raw person ids', () => {
      const card = render(presentRetry('concern.assign', { concernId: 'c-1' }, { assigneeId: 'p-priya' }, { code: 'STORE_UNAVAILABLE', message: 'x' }));
      assert.equal(inputById(card, 'assigneeId'), undefined);
      assert.ok(!JSON.stringify(card).includes('p-priya'));
    });
  });

  describe('sessions, as the person who acts on them sees them', () => {
    const can = (c: Partial<{ respond: boolean; record: boolean; confirm: boolean; rate: boolean }>) => ({ respond: false, record: false, confirm: false, rate: false, ...c });
    const actionTitles = (card: AdaptiveCard): string[] => ((card as Json).actions as Json[]).map((a) => String(a.title));

    it('a scheduled session: the planned time, where it is (Teams keeps its capital), held, cancelled or rescheduled', () => {
      const card = render(presentSessionRecord(sessionView({ mode: 'teams', youCan: can({ record: true }) }), { now: NOW }));
      assert.ok(texts(card).includes('Scheduled for 10 Mar 14:05. 1 h 30 min, on Teams.'));
      assert.deepEqual(actionTitles(card), ['It was held', 'Cancelled', 'Rescheduled', 'Home']);
      assert.equal(inputById(card, 'heldDate')?.value, '2026-03-10');
      assert.equal(inputById(card, 'minutes')?.value, 90);
    });

    it('recorded as held, not confirmed yet: what was recorded, flagged, and only a correction, starting from the record', () => {
      const view = heldSessionView({ start: '2026-03-09T09:30:00.000Z', youCan: can({ record: true }) });
      const card = render(presentSessionRecord(view, { now: NOW }));
      const lines = texts(card);
      assert.ok(lines.includes('Held 9 Mar 09:30, 1 h, interrupted'), lines.join(' | '));
      assert.ok(!lines.some((t) => t.startsWith('Scheduled for')));
      assert.ok(lines.some((t) => t.startsWith('Flagged: this session was shorter than 90 minutes and interrupted')));
      assert.ok(lines.some((t) => t.startsWith('Until Alex Morgan confirms it, you can correct the record')));
      assert.deepEqual(actionTitles(card), ['It was held', 'Home'], 'a held session is not cancelled or rescheduled');
      assert.equal(inputById(card, 'heldDate')?.value, '2026-03-09');
      assert.equal(inputById(card, 'heldTime')?.value, '09:30');
      assert.equal(inputById(card, 'minutes')?.value, 60);
      assert.equal(inputById(card, 'uninterrupted')?.value, 'no');
      assert.equal(inputById(card, 'agenda')?.value, 'Caseload review\nWellbeing');
      assert.equal(inputById(card, 'action1Text')?.value, 'Read the ASYE framework');
      assert.equal(inputById(card, 'action1Owner')?.value, alex.id);
      assert.equal(inputById(card, 'action1Due')?.value, '2026-03-20');
    });

    it('the invite: Accept until accepted, then only another time can be proposed', () => {
      const open = render(presentSession(sessionView({ youCan: can({ respond: true }) }), { now: NOW }));
      assert.ok(objects(open).some((o) => o.verb === 'session.accept'));
      const accepted = render(presentSession(sessionView({ accepted: { by: alex, at: '2026-03-04T09:00:00.000Z' }, youCan: can({ respond: true }) }), { now: NOW }));
      assert.ok(!objects(accepted).some((o) => o.verb === 'session.accept'));
      assert.ok(objects(accepted).some((o) => o.verb === 'session.proposeTime'));
      assert.ok(texts(accepted).includes('Accepted by Alex Morgan, 4 Mar 09:00'));
    });

    describe('"Add to calendar"', () => {
      const calendar = { sessionId: 's-1', recipientId: alex.id, end: '2026-03-10T15:35:00.000Z' };
      const made: unknown[] = [];
      const calendarLink = (t: unknown) => {
        made.push(t);
        return 'https://bot.example/ics/tok.en.ics';
      };
      const openUrls = (card: AdaptiveCard) => ((card as Json).actions as Json[]).filter((a) => a.type === 'Action.OpenUrl');

      it('the supervisee\'s invite and the supervisor\'s scheduled-session card open the link the view names', () => {
        made.length = 0;
        const invite = render(presentSession(sessionView({ calendar, youCan: can({ respond: true }) }), { now: NOW, calendarLink }));
        assert.deepEqual(openUrls(invite), [{ type: 'Action.OpenUrl', title: 'Add to calendar', url: 'https://bot.example/ics/tok.en.ics' }]);
        const record = render(presentSession(sessionView({ calendar: { ...calendar, recipientId: 'sam' }, youCan: can({ record: true }) }), { now: NOW, calendarLink }));
        assert.equal(openUrls(record)[0]?.url, 'https://bot.example/ics/tok.en.ics');
        assert.deepEqual(actionTitles(record), ['It was held', 'Cancelled', 'Rescheduled', 'Add to calendar', 'Home']);
        assert.deepEqual(made, [calendar, { ...calendar, recipientId: 'sam' }], 'each link made for the person the view names');
      });

      it('rescheduled: the outcome card adds the new time; cancelled: it removes the event', () => {
        const moved = render(presentSession(sessionView({ status: 'rescheduled', rescheduledTo: { sessionId: 's-2', start: '2026-03-12T10:00:00.000Z' }, calendar: { ...calendar, sessionId: 's-2' } }), { now: NOW, calendarLink }));
        assert.equal(openUrls(moved)[0]?.title, 'Add to calendar');
        const cancelled = render(presentSession(sessionView({ status: 'cancelled', calendar }), { now: NOW, calendarLink }));
        assert.equal(openUrls(cancelled)[0]?.title, 'Remove from calendar');
      });

      it('no button without a link: no target in the view (not one of the two people, or held), no link maker, or no link made', () => {
        assert.deepEqual(openUrls(render(presentSession(sessionView({ youCan: can({ respond: true }) }), { now: NOW, calendarLink }))), []);
        assert.deepEqual(openUrls(render(presentSession(sessionView({ calendar, youCan: can({ respond: true }) }), { now: NOW }))), []);
        assert.deepEqual(openUrls(render(presentSession(sessionView({ calendar, youCan: can({ respond: true }) }), { now: NOW, calendarLink: () => undefined }))), []);
        assert.deepEqual(openUrls(render(presentSession(heldSessionView({ calendar, youCan: can({ record: true }) }), { now: NOW, calendarLink }))), []);
      });
    });

    it('rated already: the rating form starts from that rating', () => {
      const view = heldSessionView({ rating: { by: alex, at: '2026-03-11T09:00:00.000Z', score: 4, comment: 'Useful.' }, youCan: can({ rate: true }) });
      const card = render(presentSession(view, { now: NOW }));
      assert.equal(inputById(card, 'score')?.value, '4');
      assert.equal(inputById(card, 'comment')?.value, 'Useful.');
    });
  });

  describe('choosing the card for a view', () => {
    it('session: the form for what the viewer may do now, else the outcome', () => {
      const can = (c: Partial<{ respond: boolean; record: boolean; confirm: boolean; rate: boolean }>) => ({ respond: false, record: false, confirm: false, rate: false, ...c });
      assert.equal(presentSession(sessionView({ youCan: can({ record: true }) })).template, 'session-record');
      assert.equal(presentSession(sessionView({ youCan: can({ respond: true }) })).template, 'session-invite');
      assert.equal(presentSession(heldSessionView({ youCan: can({ confirm: true }) })).template, 'session-confirm-rate');
      assert.equal(presentSession(heldSessionView({ youCan: can({ rate: true }) })).template, 'session-confirm-rate');
      assert.equal(presentSession(heldSessionView()).template, 'session-outcome');
      assert.equal(presentSession(sessionView()).template, 'session-invite');
    });

    it('agreement and concern: act when allowed, else status', () => {
      assert.equal(presentAgreement(agreementView()).template, 'agreement-agree');
      assert.equal(presentAgreement(agreementView({ youCan: { ...agreementView().youCan, agree: false } })).template, 'agreement-status');
      assert.equal(presentConcern(concernView()).template, 'concern-psw');
      assert.equal(presentConcern(concernView({ youCan: { acknowledge: false, assign: false, resolve: false } })).template, 'concern-status');
    });

    it("an NQSW's agreement shows when the ASYE ends and each extension's reason; an experienced worker's has no ASYE", () => {
      const facts = (card: Json) => objects(card).filter((o) => o.type === 'FactSet').flatMap((o) => o.facts as { title: string; value: string }[]);
      const asyeOf = (view: ReturnType<typeof agreementView>) => facts(render(presentAgreementStatus(view, { now: '2026-03-03T10:00:00Z' }))).find((x) => x.title === 'ASYE')?.value;
      assert.equal(asyeOf(agreementView()), '12 months to Tue 2 Feb 2027');
      assert.equal(
        asyeOf(agreementView({ asye: { plannedEnd: '2027-02-02', currentEnd: '2027-07-30', extensions: [{ newEnd: '2027-05-02', reason: 'absence' }, { newEnd: '2027-07-30', reason: 'assessment' }] } })),
        '12 months to Tue 2 Feb 2027; extended to Sun 2 May 2027 (absence); extended to Fri 30 Jul 2027 (the assessment needs more time)',
      );
      const { asye: _none, ...experienced } = agreementView({ nqsw: false });
      assert.equal(asyeOf(experienced), undefined);
    });

    it('an agreement card queued before the ASYE was shown (no asye in its data) is still sent, without the line', () => {
      const { asye: _none, ...queued } = agreementView({ status: 'active', youCan: { ...agreementView().youCan, agree: false } });
      const card = renderMessage(JSON.parse(JSON.stringify({ kind: 'agreement-updated', data: queued })) as ProactiveMessage);
      const text = JSON.stringify(card);
      assert.ok(text.includes('Alex Morgan') && text.includes('Employment start'), text.slice(0, 300));
      assert.ok(!text.includes('ASYE'));
    });

    it('shows only the buttons the view allows', () => {
      const noRate = render(presentSession(heldSessionView({ youCan: { respond: false, record: false, confirm: true, rate: false } })));
      assert.equal(inputById(noRate, 'score'), undefined);
      assert.ok(objects(noRate).some((o) => o.verb === 'session.confirm'));
      const none = render(presentConcern(concernView({ youCan: { acknowledge: false, assign: false, resolve: false } })));
      assert.ok(!objects(none).some((o) => typeof o.verb === 'string' && /acknowledge|assign|resolve/.test(o.verb)));
    });
  });

  describe('people to choose from', () => {
    it('caps a long list but always offers the current choice', () => {
      const people = manyPeople(500);
      const card = render(
        presentAgreementSetup(agreementFormView({ supervisees: people }), { verb: 'agreement.propose', values: { superviseeId: people[499].id } }),
      );
      const choiceSet = inputById(card, 'superviseeId');
      const choices = choiceSet?.choices as { value: string }[];
      assert.equal(choices.length, MAX_PEOPLE_CHOICES);
      assert.ok(choices.some((c) => c.value === people[499].id));
      assert.equal(choiceSet?.value, people[499].id);
      assert.ok(texts(card).some((t) => t.includes(`first ${MAX_PEOPLE_CHOICES} of 500`)));
    });

    it('a supervisor setting up an agreement is the default supervisor', () => {
      const card = render(presentAgreementSetup(agreementFormView()));
      assert.equal(inputById(card, 'supervisorId')?.value, 'p-sam');
      assert.equal(inputById(card, 'lineManagerIsRegisteredSocialWorker')?.value, 'true');
    });
  });

  describe('refusals', () => {
    it('an unknown user gets no Home button; every refusal says nothing changed', () => {
      const unknown = render(presentError({ code: 'UNKNOWN_USER', message: 'You are not on the staff list.' }));
      assert.ok(!objects(unknown).some((o) => o.verb === 'home.show'));
      const refused = render(presentError({ code: 'NOT_AUTHORIZED', message: 'Only the supervisee rates a session.' }));
      assert.ok(objects(refused).some((o) => o.verb === 'home.show'));
      assert.ok(texts(refused).includes('Nothing was changed.'));
      assert.ok(!objects(refused).some((o) => typeof o.type === 'string' && o.type.startsWith('Input.')));
    });
  });

  describe('proactive messages', () => {
    it('renders each notification as its recipient may see it', () => {
      assert.equal(presentProactive({ kind: 'agreement-to-agree', data: agreementView() }).template, 'agreement-agree');
      assert.equal(presentProactive({ kind: 'agreement-updated', data: agreementView() }).template, 'agreement-status');
      assert.equal(
        presentProactive({ kind: 'session-scheduled', data: sessionView({ youCan: { respond: true, record: false, confirm: false, rate: false } }) }).template,
        'session-invite',
      );
      assert.equal(
        presentProactive({ kind: 'session-recorded', data: heldSessionView({ youCan: { respond: false, record: false, confirm: true, rate: false } }) }).template,
        'session-confirm-rate',
      );
      assert.equal(presentProactive({ kind: 'concern-to-handle', data: concernView() }).template, 'concern-psw');
      assert.equal(presentProactive({ kind: 'concern-update', data: concernView() }).template, 'concern-status');
    });

    it('renders the sweep’s reminders and escalations, and refuses an unknown kind', () => {
      const reminder = renderMessage({ kind: 'reminder', data: reminderView({ audience: 'supervisee' }) }, { now: NOW });
      assert.ok(texts(reminder).includes('Your supervision is due by Sun 8 Mar'));
      assert.ok(!objects(reminder).some((o) => o.verb === 'session.schedule.form'));
      const escalation = renderMessage({ kind: 'escalation', data: escalationView() });
      assert.ok(texts(escalation).includes('Overdue supervision: Jo Okafor'));
      // Only a bug could pass one: the kinds are closed and the render exhaustive.
      assert.throws(() => renderMessage({ kind: 'nonsense', data: {} } as unknown as ProactiveMessage), /no card for proactive message "nonsense"/);
      const notified = renderMessage({ kind: 'session-confirmed', data: heldSessionView({ confirmed: { by: alex, at: NOW } }) }, { now: NOW });
      assert.ok(texts(notified).includes('Confirmed by Alex Morgan, 3 Mar 12:00'));
    });
  });
});
