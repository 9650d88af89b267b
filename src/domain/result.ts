/**
 * Expected failures are values with stable codes; only bugs throw.
 * Codes are part of the contract with cards, the CLI and logs: never rename one.
 */
export type ErrorCode =
  // input
  | 'INVALID_INPUT'
  | 'INVALID_DATE'
  | 'TEXT_TOO_LONG'
  // identity and authorization
  | 'UNKNOWN_USER'
  | 'NOT_AUTHORIZED'
  | 'WRONG_TENANT'
  // state
  | 'NOT_FOUND'
  | 'AGREEMENT_NOT_ACTIVE'
  | 'AGREEMENT_NOT_DRAFT'
  | 'INVALID_TRANSITION'
  | 'CADENCE_LOOSER_THAN_STANDARD'
  | 'PROFESSIONAL_SUPERVISOR_REQUIRED'
  | 'SESSION_NOT_SCHEDULED'
  | 'SESSION_NOT_HELD'
  | 'ALREADY_DONE'
  | 'NOT_NQSW'
  // infrastructure (expected, transient)
  | 'CONFLICT'
  | 'STORE_UNAVAILABLE';

export interface DomainError {
  readonly code: ErrorCode;
  /** A sentence a person can read. Never contains note or concern text. */
  readonly message: string;
  /** The input field at fault, when there is one. */
  readonly field?: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message: string, field?: string): Result<T> => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});
