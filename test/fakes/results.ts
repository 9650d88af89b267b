/** Assertions on Result values for the use-case tests. */
import { strict as assert } from 'node:assert';
import type { DomainError, ErrorCode, Result } from '../../src/domain/result';

export function okValue<T>(r: Result<T>): T {
  if (!r.ok) assert.fail(`expected ok, got ${r.error.code}: ${r.error.message}${r.error.field ? ` (${r.error.field})` : ''}`);
  return r.value;
}

export function failure<T>(r: Result<T>, code: ErrorCode, field?: string): DomainError {
  if (r.ok) assert.fail(`expected ${code}, got ok`);
  assert.equal(r.error.code, code, `expected ${code}, got ${r.error.code}: ${r.error.message}`);
  if (field !== undefined) assert.equal(r.error.field, field);
  assert.ok(r.error.message.length > 10, 'a person-readable message');
  return r.error;
}
