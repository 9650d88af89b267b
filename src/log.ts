/**
 * Structured JSON logs on stdout (pino), where App Service and Application Insights collect them.
 *
 * Reflective notes and concerns are sensitive personal data (UK GDPR) and are never logged: every
 * object handed to a logger is walked and any field named in SENSITIVE_FIELDS, at any depth, is
 * replaced by "[redacted]" before it is written. Errors are reduced to their name, code, status and
 * stack frames, because SDK errors carry the request (and so the card or note) they failed on, and an
 * error's message may quote what a person typed.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger } from 'pino';

/**
 * Field names whose values are never logged, matched case-insensitively at any depth: the note and
 * concern fields of the model, anything a person typed or a card carried (an activity's text, value,
 * attachments; card data), and credentials.
 */
export const SENSITIVE_FIELDS: readonly string[] = [
  // ReflectiveNote, Concern, Session, Agreement free text
  'whatHappened',
  'howIFelt',
  'whatILearned',
  'whatNext',
  'description',
  'resolution',
  'comment',
  'cancelReason',
  'handoverNote',
  'agenda',
  'actions',
  'note',
  'notes',
  'concern',
  'concerns',
  // what a person typed or a card carried
  'text',
  'value',
  'data',
  'inputs',
  'attachments',
  'content',
  'card',
  'speak',
  'summary',
  'body',
  // credentials
  'password',
  'secret',
  'key',
  'token',
  'accessToken',
  'authorization',
  'connectionString',
  'MicrosoftAppPassword',
  'COSMOS_KEY',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
];

export const REDACTED = '[redacted]';

const SENSITIVE = new Set(SENSITIVE_FIELDS.map((f) => f.toLowerCase()));
const MAX_DEPTH = 8;

/**
 * What is safe to know about an error: never its message (it may quote a note or concern), request,
 * response or other enumerable payload.
 */
export function errorLogFields(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const e = err as Error & { code?: unknown; statusCode?: unknown; status?: unknown };
  const out: Record<string, unknown> = { type: e.name };
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = e.code;
  const status = typeof e.statusCode === 'number' ? e.statusCode : typeof e.status === 'number' ? e.status : undefined;
  if (status !== undefined) out.statusCode = status;
  if (typeof e.stack === 'string') out.stack = stackFrames(e.stack, e.message);
  return out;
}

/**
 * The "at ..." frames of a stack. Its opening "Name: message" repeats the message, which may span
 * lines, so everything up to the message's end is dropped before the frames are picked.
 */
function stackFrames(stack: string, message: string): string {
  const at = message.length > 0 ? stack.indexOf(message) : -1;
  const rest = at >= 0 ? stack.slice(at + message.length) : stack;
  return rest
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}

/** The error pino would take a line's msg from when the caller gives none (see `createLogger`). */
function unlabelledError(args: readonly unknown[]): Error | undefined {
  const [first, second] = args;
  if (second !== undefined) return undefined;
  if (first instanceof Error) return first;
  if (typeof first !== 'object' || first === null) return undefined;
  const { err, msg } = first as { err?: unknown; msg?: unknown };
  return msg === undefined && err instanceof Error ? err : undefined;
}

/** A copy of `value` with every sensitive field replaced by "[redacted]" and errors made safe. */
export function scrub(value: unknown): unknown {
  return walk(value, 0, new WeakSet());
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return errorLogFields(value);
  if (value instanceof Date) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[depth]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SENSITIVE.has(k.toLowerCase()) && v !== undefined && v !== null ? REDACTED : walk(v, depth + 1, seen);
  }
  return out;
}

export interface LoggerOptions {
  readonly level: LogLevel;
  /** Defaults to stdout; tests pass a stream to read the lines back. */
  readonly destination?: DestinationStream;
  /** A second destination that gets every line as well, after scrubbing (the Application Insights sink). */
  readonly alsoTo?: DestinationStream;
}

function tee(first: DestinationStream, second: DestinationStream | undefined): DestinationStream {
  if (second === undefined) return first;
  return {
    write(line: string) {
      first.write(line);
      second.write(line);
    },
  };
}

export function createLogger(options: LoggerOptions): Logger {
  const logger = pino(
    {
      level: options.level,
      base: { service: 'supervision-bot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // scrub() has already made errors safe; pino's own err serializer would re-add their payload.
      serializers: { err: (e: unknown) => (e instanceof Error ? errorLogFields(e) : e) },
      // Given an error and no message, pino would write the error's message as the line's msg.
      hooks: {
        logMethod(args, method) {
          const err = unlabelledError(args);
          if (err === undefined) return method.apply(this, args);
          return method.apply(this, [args[0], err.name] as unknown as typeof args);
        },
      },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrub(object) as Record<string, unknown>,
      },
    },
    tee(options.destination ?? pino.destination({ dest: 1, sync: true }), options.alsoTo),
  );
  // pino's bindings formatter applies to the root only; children (and theirs, which inherit this
  // property) get their bindings scrubbed here.
  const originalChild = logger.child as unknown as (this: Logger, bindings: pino.Bindings, options?: pino.ChildLoggerOptions) => Logger;
  logger.child = function child(this: Logger, bindings: pino.Bindings, childOptions?: pino.ChildLoggerOptions) {
    return originalChild.call(this, scrub(bindings) as pino.Bindings, childOptions);
  } as unknown as Logger['child'];
  return logger;
}

/** The shape of a Bot Framework activity this module needs; keeps botbuilder out of it. */
export interface ActivityLike {
  readonly type?: string;
  readonly name?: string;
  readonly id?: string;
  readonly channelId?: string;
  readonly conversation?: { readonly conversationType?: string; readonly tenantId?: string };
  readonly channelData?: unknown;
  readonly value?: unknown;
}

/**
 * The fields of an activity that may be logged: what kind of activity it is and which card verb it
 * carries (verbs are a closed list), never its text, value or attachments.
 */
export function activityLogFields(activity: ActivityLike | undefined): Record<string, string> {
  if (activity === undefined) return {};
  const out: Record<string, string> = {};
  const put = (k: string, v: unknown) => {
    if (typeof v === 'string' && v.length > 0) out[k] = v.slice(0, 128);
  };
  put('activityType', activity.type);
  put('activityName', activity.name);
  put('activityId', activity.id);
  put('channelId', activity.channelId);
  put('conversationType', activity.conversation?.conversationType);
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  put('tenantId', activity.conversation?.tenantId ?? channelData?.tenant?.id);
  const verb = (activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
  if (typeof verb === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(verb)) out.verb = verb;
  return out;
}
