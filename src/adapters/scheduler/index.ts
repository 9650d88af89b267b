/** The scheduler adapter: the reminder tick and its lease. */
export {
  DEFAULT_INTERVAL_MS,
  REMINDER_LEASE,
  startScheduler,
  type Scheduler,
  type SchedulerDeps,
  type SchedulerLog,
  type TickOutcome,
} from './reminderScheduler';
