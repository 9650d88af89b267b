/**
 * The admins' delivery report (the Compliance tab): proactive messages per day by outcome, and what
 * is waiting now. Admins only, decided from the signed-in identity (begin + maySeeDelivery). It
 * reads the outbox's status and times only (OutboxRow), never a message.
 *
 * Outcomes, counted on the local day (the organisation's zone) an entry was finished:
 * - sent; unreachable (the person removed the app or blocked the bot: 403/404); failed (given up);
 * - retried: of those, the ones that were throttled (429) or failed transiently at least once and
 *   went back to the queue before they finished.
 * Backlog: entries waiting now, how many of them are due, and since when the oldest due one waits.
 */
import { DateTime } from 'luxon';
import { maySeeDelivery } from '../domain/authorization';
import type { Instant } from '../domain/model';
import { ok, type Result } from '../domain/result';
import type { Actor } from './commands';
import { begin } from './acting';
import type { UseCaseDeps } from './deps';
import type { OutboxRepository, OutboxRow } from './ports';

/** Days the report covers, today included. */
export const DELIVERY_REPORT_DAYS = 14;

export type GetDeliveryReport = Record<string, never>;

export interface DeliveryDay {
  /** The local date, yyyy-MM-dd. */
  readonly day: string;
  readonly sent: number;
  readonly retried: number;
  readonly failed: number;
  readonly unreachable: number;
}

export interface DeliveryReportView {
  readonly zone: string;
  /** Newest first; days with nothing finished are left out. */
  readonly days: readonly DeliveryDay[];
  readonly backlog: { readonly waiting: number; readonly due: number; readonly oldestDueAt: Instant | null };
}

/** The report over rows read for `now`, in `zone`. Pure. */
export function deliveryReport(rows: readonly OutboxRow[], now: Instant, zone: string, days = DELIVERY_REPORT_DAYS): DeliveryReportView {
  const first = DateTime.fromISO(now, { zone }).startOf('day').minus({ days: days - 1 });
  const byDay = new Map<string, { sent: number; retried: number; failed: number; unreachable: number }>();
  let waiting = 0;
  let due = 0;
  let oldestDueAt: Instant | null = null;
  const nowMs = Date.parse(now);
  for (const row of rows) {
    if (row.status === 'pending') {
      waiting++;
      if (Date.parse(row.notBefore) <= nowMs) {
        due++;
        if (oldestDueAt === null || Date.parse(row.notBefore) < Date.parse(oldestDueAt)) oldestDueAt = row.notBefore;
      }
      continue;
    }
    const at = DateTime.fromISO(row.updatedAt, { zone });
    if (!at.isValid || at < first) continue;
    const day = at.toISODate() as string;
    const counts = byDay.get(day) ?? { sent: 0, retried: 0, failed: 0, unreachable: 0 };
    if (row.status === 'sent') counts.sent++;
    else if (row.status === 'failed') counts.failed++;
    else counts.unreachable++;
    if ((row.retries ?? 0) > 0) counts.retried++;
    byDay.set(day, counts);
  }
  return {
    zone,
    days: [...byDay.entries()].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0)).map(([day, c]) => ({ day, ...c })),
    backlog: { waiting, due, oldestDueAt },
  };
}

export async function getDeliveryReport(
  deps: UseCaseDeps & { readonly outbox: Pick<OutboxRepository, 'listForReport'> },
  actor: Actor,
  _command: GetDeliveryReport,
  now: Instant,
): Promise<Result<DeliveryReportView>> {
  const started = await begin(deps, actor, now);
  if (!started.ok) return started;
  const ctx = started.value;
  const allowed = maySeeDelivery(ctx.viewer);
  if (!allowed.ok) return allowed;
  const zone = ctx.settings.zone;
  // A day earlier than the first day shown, in UTC terms, so no zone offset loses its first hours.
  const since = DateTime.fromISO(now, { zone }).startOf('day').minus({ days: DELIVERY_REPORT_DAYS }).toUTC().toISO() as Instant;
  const rows = await deps.outbox.listForReport(ctx.tenantId, since);
  if (!rows.ok) return rows;
  return ok(deliveryReport(rows.value, now, zone));
}
