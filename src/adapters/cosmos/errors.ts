/**
 * Turns what the Cosmos SDK throws into the stable error values of src/domain/result.ts, so a use
 * case can tell the person "try again" and keep what they typed. Messages never quote the SDK's own
 * text (it can echo request details) and never contain record content.
 */
import { fail, type Result } from '../../domain/result';

/** Transport failures that mean "the database did not answer", not "our request was wrong". */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'REQUEST_SEND_ERROR',
]);

export type StoreFailure = 'not-found' | 'conflict' | 'precondition-failed' | 'unavailable' | 'too-large' | 'bug';

interface SdkErrorLike {
  readonly code?: unknown;
  readonly statusCode?: unknown;
  readonly name?: unknown;
}

export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as SdkErrorLike;
  if (typeof e.code === 'number') return e.code;
  if (typeof e.statusCode === 'number') return e.statusCode;
  return undefined;
}

export function classify(error: unknown): StoreFailure {
  if (typeof error !== 'object' || error === null) return 'bug';
  const e = error as SdkErrorLike;
  const status = statusOf(error);
  if (status !== undefined) {
    if (status === 404) return 'not-found';
    if (status === 409) return 'conflict';
    if (status === 412) return 'precondition-failed';
    if (status === 413) return 'too-large';
    // 401/403: a key or role assignment problem; the person can only be told to try later.
    if (status === 401 || status === 403 || status === 408 || status === 429 || status === 449 || status >= 500) {
      return 'unavailable';
    }
    return 'bug';
  }
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return 'unavailable';
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return 'unavailable';
  // @azure/core-rest-pipeline wraps transport failures in a RestError without a status.
  if (e.name === 'RestError') return 'unavailable';
  return 'bug';
}

/**
 * The failure Result for an SDK error. `what` names the record kind for the message ("agreement").
 * Errors that are our bugs (a bad query, a partition key change) are rethrown.
 */
export function storeError<T = never>(error: unknown, what: string): Result<T> {
  switch (classify(error)) {
    case 'not-found':
      return fail('NOT_FOUND', `That ${what} was not found.`);
    case 'conflict':
      return fail('CONFLICT', `That ${what} already exists.`);
    case 'precondition-failed':
      return fail('CONFLICT', `Someone else changed that ${what} at the same time. Please try again.`);
    case 'too-large':
      return fail('INVALID_INPUT', `That ${what} is too large to save.`);
    case 'unavailable': {
      const status = statusOf(error);
      return fail(
        'STORE_UNAVAILABLE',
        `The database is not available right now${status === undefined ? '' : ` (status ${status})`}. Please try again in a moment.`,
      );
    }
    case 'bug':
    default:
      throw error;
  }
}

export function unavailable<T = never>(reason: string): Result<T> {
  return fail('STORE_UNAVAILABLE', `The database is not available right now (${reason}). Please try again in a moment.`);
}
