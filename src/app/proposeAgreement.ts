/**
 * A supervisor (for their own supervisee) or an admin sets up a supervision agreement. It starts as
 * a draft; the supervisee (and, on an admin's proposal, the supervisor) gets a card to agree.
 * Pressing "Set up" twice with the same details returns the same draft.
 */
import { draftAgreement } from '../domain/agreement';
import { mayProposeAgreement } from '../domain/authorization';
import type { Agreement, Instant, Person } from '../domain/model';
import { fail, type Result } from '../domain/result';
import { changeAgreementNotices } from './agreementNotices';
import { loadAgreementView, tellAboutAgreement } from './agreementSupport';
import type { Actor, ProposeAgreement } from './commands';
import { begin } from './acting';
import { createOnce, pressId } from './guardedWrites';
import { withSummary } from './summaryUpkeep';
import { continuityDefaults } from '../domain/continuity';
import type { UseCaseDeps } from './deps';
import type { AgreementView } from './views';

export async function proposeAgreement(
  deps: UseCaseDeps,
  actor: Actor,
  command: ProposeAgreement,
  now: Instant,
): Promise<Result<AgreementView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const { me, people } = ctx;

  const supervisorId = command.supervisorId ?? (me.roles.includes('supervisor') ? me.id : undefined);
  if (supervisorId === undefined || supervisorId === '') {
    return fail('INVALID_INPUT', 'Choose the supervisor.', 'supervisorId');
  }
  const allowed = mayProposeAgreement(ctx.viewer, supervisorId);
  if (!allowed.ok) return allowed;

  if (typeof command.superviseeId !== 'string' || command.superviseeId === '') {
    return fail('INVALID_INPUT', 'Choose the supervisee.', 'superviseeId');
  }
  const professionalId = command.professionalSupervisorId === '' ? undefined : command.professionalSupervisorId;
  const loaded = await people.load([command.superviseeId, supervisorId, professionalId]);
  if (!loaded.ok) return loaded;
  const onStaff = (id: string, field: string): Result<Person> => {
    const p = people.get(id);
    return p !== undefined ? { ok: true, value: p } : fail('INVALID_INPUT', "That person is not on your organisation's staff list.", field);
  };
  const supervisee = onStaff(command.superviseeId, 'superviseeId');
  if (!supervisee.ok) return supervisee;
  const supervisor = onStaff(supervisorId, 'supervisorId');
  if (!supervisor.ok) return supervisor;
  let professionalSupervisor: Person | undefined;
  if (professionalId !== undefined) {
    const p = onStaff(professionalId, 'professionalSupervisorId');
    if (!p.ok) return p;
    professionalSupervisor = p.value;
  }

  // Continuity (issue 9 part 5): employment start and NQSW from the person's record; after an ended
  // agreement, the new one starts with the current period, and what was had in it counts.
  const existing = await deps.agreements.listForPerson(ctx.tenantId, supervisee.value.id);
  if (!existing.ok) return existing;
  const previous =
    existing.value
      .map((v) => v.value)
      .filter((a) => a.tenantId === ctx.tenantId && a.superviseeId === supervisee.value.id && a.status === 'ended')
      .sort((x, y) => ((x.endedOn ?? x.agreementStart) < (y.endedOn ?? y.agreementStart) ? 1 : -1))[0] ?? null;
  const defaults = continuityDefaults(supervisee.value, previous, ctx.today);
  const employmentStart = command.employmentStart ?? defaults?.employmentStart;
  if (employmentStart === undefined) return fail('INVALID_DATE', 'Employment start is required.', 'employmentStart');
  const nqsw = command.nqsw ?? defaults?.nqsw ?? false;
  const agreementStart =
    command.agreementStart ??
    (previous !== null ? continuityDefaults({ employmentStart, nqsw }, previous, ctx.today)?.agreementStart : undefined);
  const draft = draftAgreement(
    {
      id: deps.ids.next(),
      tenantId: ctx.tenantId,
      supervisee: supervisee.value,
      supervisor: supervisor.value,
      ...(professionalSupervisor !== undefined ? { professionalSupervisor } : {}),
      employmentStart,
      agreementStart,
      nqsw,
      lineManagerIsRegisteredSocialWorker: command.lineManagerIsRegisteredSocialWorker,
      ...(command.pauses !== undefined ? { pauses: command.pauses } : {}),
      ...(command.stricterCadence !== undefined ? { stricterCadence: command.stricterCadence } : {}),
      proposedBy: supervisorId === me.id ? 'supervisor' : 'admin',
    },
    ctx.zone,
    now,
  );
  if (!draft.ok) return draft;

  // One agreement per supervisee at a time; the same proposal again is the same button pressed twice.
  const live = existing.value
    .map((v) => v.value)
    .filter((a) => a.tenantId === ctx.tenantId && a.superviseeId === supervisee.value.id && a.status !== 'ended');
  const same = live.find((a) => sameProposal(a, draft.value));
  if (same !== undefined) return loadAgreementView(ctx, same);
  if (live.length > 0) {
    const other = live[0];
    await people.load([other.supervisorId]);
    return fail(
      'ALREADY_DONE',
      `${supervisee.value.name} already has a supervision agreement (${other.status}) with ${people.ref(other.supervisorId).name}. ` +
        'Change the supervisor on that agreement, or end it first.',
      'superviseeId',
    );
  }

  // Both presses of a double click can pass the check above before either saves: the id settles it.
  const d = draft.value;
  const stableId = pressId('agreement', [
    d.tenantId,
    d.superviseeId,
    d.supervisorId,
    d.professionalSupervisorId ?? '',
    d.employmentStart,
    d.agreementStart,
    d.nqsw,
    d.lineManagerIsRegisteredSocialWorker,
    d.pauses,
    d.stricterCadence ?? null,
  ]);
  const created = await createOnce(deps.agreements, withSummary(d, [], ctx.settings, now), stableId, (a) => sameProposal(a, d));
  if (!created.ok) return created;
  const agreement = created.value.value;
  const view = await loadAgreementView(ctx, agreement);
  if (!view.ok || !created.value.created) return view;
  await tellAboutAgreement(ctx, agreement, changeAgreementNotices.proposed(agreement));
  return view;
}

function sameProposal(a: Agreement, b: Agreement): boolean {
  return (
    a.status === 'draft' &&
    a.superviseeId === b.superviseeId &&
    a.supervisorId === b.supervisorId &&
    a.professionalSupervisorId === b.professionalSupervisorId &&
    a.employmentStart === b.employmentStart &&
    a.agreementStart === b.agreementStart &&
    a.nqsw === b.nqsw &&
    a.lineManagerIsRegisteredSocialWorker === b.lineManagerIsRegisteredSocialWorker &&
    JSON.stringify(a.pauses) === JSON.stringify(b.pauses) &&
    JSON.stringify(a.stricterCadence ?? null) === JSON.stringify(b.stricterCadence ?? null)
  );
}
