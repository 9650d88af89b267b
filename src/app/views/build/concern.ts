/** Concern views built from the records, for one viewer. */
import { allowed, mayHandleConcern, type Viewer } from '../../../domain/authorization';
import type { Concern, Person } from '../../../domain/model';
import type { Ctx } from '../../acting';
import type { PersonRef } from '../common';
import type { ConcernSummaryView, ConcernView } from '../concern';

export const concernPeople = (c: Concern): string[] => [
  c.raisedById,
  ...(c.handlerId !== undefined ? [c.handlerId] : []),
  ...c.history.flatMap((e) => [e.byId, ...(e.assignedToId !== undefined ? [e.assignedToId] : [])]),
];

export function concernView(
  ctx: Ctx,
  c: Concern,
  viewer: Viewer,
  raisersSupervisorIds: readonly string[],
  assignable: readonly Person[],
): ConcernView {
  const { people } = ctx;
  const handle = allowed(mayHandleConcern(viewer, c, raisersSupervisorIds));
  const open = c.status !== 'resolved';
  return {
    concernId: c.id,
    zone: ctx.zone,
    raisedBy: people.ref(c.raisedById),
    category: c.category,
    description: c.description,
    urgency: c.urgency,
    route: c.route,
    status: c.status,
    ...(c.handlerId !== undefined ? { handler: people.ref(c.handlerId) } : {}),
    history: c.history.map((e) => ({
      status: e.status,
      by: people.ref(e.byId),
      at: e.at,
      ...(e.assignedToId !== undefined ? { assignedTo: people.ref(e.assignedToId) } : {}),
    })),
    ...(c.resolution !== undefined ? { resolution: c.resolution } : {}),
    raisedAt: c.createdAt,
    assignees: handle && open ? assigneeChoices(ctx, c, assignable, raisersSupervisorIds) : [],
    youCan: {
      acknowledge: handle && c.status === 'raised',
      assign: handle && open,
      resolve: handle && open,
    },
  };
}

/** Who a concern may be handed to: PSWs, admins and supervisors, never the raiser, and never the
 * raiser's supervisors when it was sent straight to the PSW. */
export function assigneeChoices(ctx: Ctx, c: Concern, people: readonly Person[], raisersSupervisorIds: readonly string[]): PersonRef[] {
  const { pswIds, adminIds } = ctx.settings;
  return people
    .filter(
      (p) =>
        p.tenantId === c.tenantId &&
        p.id !== c.raisedById &&
        !(c.route === 'psw' && raisersSupervisorIds.includes(p.id)) &&
        (p.roles.includes('psw') || p.roles.includes('admin') || p.roles.includes('supervisor') || pswIds.includes(p.id) || adminIds.includes(p.id)),
    )
    .map((p) => ({ id: p.id, name: p.name }))
    .sort((x, y) => x.name.localeCompare(y.name));
}

export function concernSummaryView(ctx: Ctx, c: Concern): ConcernSummaryView {
  return {
    concernId: c.id,
    raisedBy: ctx.people.ref(c.raisedById),
    category: c.category,
    urgency: c.urgency,
    route: c.route,
    status: c.status,
    ...(c.handlerId !== undefined ? { handler: ctx.people.ref(c.handlerId) } : {}),
    raisedAt: c.createdAt,
  };
}
