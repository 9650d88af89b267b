/**
 * /healthz's database probe: one metadata read of the database (cheap, touches no tenant's data),
 * answered within `timeoutMs` or reported as STORE_UNAVAILABLE. App Service's health check calls it
 * every minute, so it must never hang on the SDK's own (much longer) retry budget.
 */
import { performance } from 'node:perf_hooks';
import type { Database } from '@azure/cosmos';
import type { HealthCheck } from '../../app/ports';
import { ok, type Result } from '../../domain/result';
import { classify, unavailable } from './errors';

export const DEFAULT_HEALTH_TIMEOUT_MS = 2_000;

export class CosmosHealthCheck implements HealthCheck {
  constructor(
    private readonly database: Database,
    private readonly timeoutMs = DEFAULT_HEALTH_TIMEOUT_MS,
  ) {}

  async check(): Promise<Result<{ readonly latencyMs: number }>> {
    const started = performance.now();
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => {
        abort.abort();
        resolve('timeout');
      }, this.timeoutMs);
    });
    try {
      const outcome = await Promise.race([this.database.read({ abortSignal: abort.signal }), timedOut]);
      if (outcome === 'timeout') return unavailable(`no answer within ${this.timeoutMs} ms`);
      if (outcome.statusCode >= 400) return unavailable(`status ${outcome.statusCode}`);
      return ok({ latencyMs: Math.round((performance.now() - started) * 10) / 10 });
    } catch (error) {
      if (abort.signal.aborted) return unavailable(`no answer within ${this.timeoutMs} ms`);
      const kind = classify(error);
      const status = (error as { code?: unknown }).code;
      return unavailable(kind === 'not-found' ? 'the database does not exist' : `error ${typeof status === 'string' || typeof status === 'number' ? status : 'unknown'}`);
    } finally {
      clearTimeout(timer);
    }
  }
}
