/**
 * delivery.crash (issue 10): the outbox sender in a child process over the embedded store, killed
 * with SIGKILL at random moments 10 times while it sends 1,000 reminders to 400 people through the
 * limited Bot Connector (Teams' limits, on loopback, in this process), then left to finish.
 * - delivery.crash.lost: reminders never accepted (target 0);
 * - delivery.crash.duplicates: reminders accepted twice (target <= kills: at most the sends in
 *   flight at each kill, whose outcome the journal had not yet recorded).
 */
import { fork } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../src/adapters/clock';
import { createCosmosRepositories, openStore } from '../src/adapters/cosmos';
import { queueReminders, seedTenant, tenantOfConversation } from '../test/support/deliveryWorld';
import { startLimitedConnector } from '../test/support/limitedConnector';
import type { BenchResult } from './run';

const N = 1_000;
const KILLS = 10;
const TENANT = 'crash-tenant';

function startChild(dataDir: string): Promise<ReturnType<typeof fork>> {
  const child = fork(path.join(__dirname, 'fixtures', 'senderChild.ts'), [dataDir], {
    execArgv: ['--require', require.resolve('tsx/cjs')],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`the sender child exited (${code}) before sending`)));
  });
}

const exited = (child: ReturnType<typeof fork>) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

export default async function deliveryCrashBench(): Promise<BenchResult[]> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-bench-crash-'));
  const connector = await startLimitedConnector({ tenantOf: tenantOfConversation });
  try {
    const seeded = await openStore({ kind: 'embedded', dataDir, lifetime: 'service' });
    if (!seeded.ok) throw new Error(seeded.error.message);
    const repos = createCosmosRepositories(seeded.value.database);
    await seedTenant(repos, TENANT, 400, connector.serviceUrl);
    await queueReminders(repos, TENANT, N, 400, systemClock.now());
    const closed = await seeded.value.close();
    if (!closed.ok) throw new Error(closed.error.message);

    for (let kill = 0; kill < KILLS; kill++) {
      const child = await startChild(dataDir);
      // Somewhere in the first seconds of sending (the sender waits 2 s on taking the tenant over).
      await new Promise((r) => setTimeout(r, 2_000 + Math.random() * 2_500));
      child.kill('SIGKILL');
      await exited(child);
    }
    const last = await startChild(dataDir);
    try {
      const distinct = () => connector.accepted.length - connector.duplicates();
      const deadline = Date.now() + 180_000;
      while (distinct() < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      // Anything still claimed by a killed child is sent once its claim lapses: give it that long.
      await new Promise((r) => setTimeout(r, 4_000));
      process.stderr.write(
        `deliveryCrash.bench: ${connector.accepted.length} accepted, ${connector.duplicates()} duplicates after ${KILLS} kills; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`,
      );
      return [
        { bench: 'delivery.crash.lost', n: N, value: N - distinct(), unit: 'messages' },
        { bench: 'delivery.crash.duplicates', n: N, value: connector.duplicates(), unit: `messages (${KILLS} kills)` },
      ];
    } finally {
      last.kill('SIGKILL');
      await exited(last);
    }
  } finally {
    await connector.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
