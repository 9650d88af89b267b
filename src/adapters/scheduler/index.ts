/** The scheduler adapter: the reminder tick and the outbox sender, each under leases. */
export {
  DEFAULT_INTERVAL_MS,
  REMINDER_LEASE,
  startScheduler,
  type Scheduler,
  type SchedulerDeps,
  type SchedulerLog,
  type TickOutcome,
} from './reminderScheduler';
export {
  SENDER_LEASE_PREFIX,
  startOutboxSender,
  type OutboxSender,
  type OutboxSenderDeps,
  type OutboxSenderOptions,
} from './outboxSender';
