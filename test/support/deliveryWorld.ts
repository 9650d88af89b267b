/**
 * A delivery world for the outbox sender's tests and the delivery bench: the real Cosmos
 * repositories on the embedded server (temp dir), organisations whose people each have a 1:1
 * conversation reference pointing at a LimitedConnector (Teams' limits, on loopback), reminders
 * queued in the outbox, and any number of app instances composed over the same store (each with its
 * own pacer and sender, as separate processes sharing one Cosmos DB account would be).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../../src/adapters/clock';
import { createCosmosRepositories, openStore, type CosmosRepositories, type CosmosStore } from '../../src/adapters/cosmos';
import type { OutboxSender, OutboxSenderOptions } from '../../src/adapters/scheduler';
import type { DeliveryPolicy } from '../../src/app/outboxDelivery';
import type { OutboxEntry } from '../../src/app/ports';
import { compose, type ComposedApp } from '../../src/compose';
import type { SendingConfig } from '../../src/config';
import type { Instant, TenantId } from '../../src/domain/model';
import { defaultOrganisationSettings } from '../../src/domain/organisationDefaults';
import { createLogger } from '../../src/log';
import { reminderMessage } from '../fakes/records';
import { startLimitedConnector, type LimitedConnector, type LimitedConnectorOptions } from './limitedConnector';

/** Conversation ids carry their tenant, so the connector knows whose budget a send spends. */
export const conversationIdOf = (tenantId: string, person: number) => `a:${tenantId}:p${person}`;
export const tenantOfConversation = (conversationId: string) => conversationId.split(':')[1];

export type InstanceOptions = OutboxSenderOptions & { sending?: Partial<SendingConfig>; delivery?: Partial<DeliveryPolicy> };

export interface DeliveryWorld {
  readonly store: CosmosStore;
  readonly repos: CosmosRepositories;
  readonly connector: LimitedConnector;
  /** The outbox entries queued, by id, with when each became due (ms). */
  readonly queued: Map<string, { tenantId: TenantId; dueMs: number }>;
  /** Queues `count` reminders spread over `people` people of `tenantId`, due `dueAt`. */
  queue(tenantId: TenantId, count: number, people: number, dueAt?: Instant): Promise<void>;
  /** One more instance of the app over the same store, its sender started. */
  instance(options?: InstanceOptions): { app: ComposedApp; sender: OutboxSender };
  close(): Promise<void>;
}

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** An organisation of `people`, each linked to a 1:1 conversation at `serviceUrl`. */
export async function seedTenant(repos: CosmosRepositories, tenantId: TenantId, people: number, serviceUrl: string): Promise<void> {
  const now = systemClock.now();
  must(await repos.organisations.save(defaultOrganisationSettings(tenantId, `Organisation ${tenantId}`)));
  const writes: Promise<unknown>[] = [];
  for (let p = 0; p < people; p++) {
    const conversationId = conversationIdOf(tenantId, p);
    writes.push(
      repos.conversations
        .upsert({
          tenantId,
          aadObjectId: `aad-${p}`,
          conversationId,
          serviceUrl,
          botId: '28:bot',
          channelId: 'msteams',
          reference: {
            channelId: 'msteams',
            serviceUrl,
            conversation: { id: conversationId, conversationType: 'personal', tenantId },
            bot: { id: '28:bot', name: 'Supervision Bot' },
            user: { id: `29:${p}`, aadObjectId: `aad-${p}` },
          },
          installed: true,
          updatedAt: now,
        })
        .then(must),
    );
    if (writes.length >= 32) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
}

/** `count` reminders to `people` people of `tenantId`, due `dueAt` (each a different card); their ids. */
export async function queueReminders(repos: CosmosRepositories, tenantId: TenantId, count: number, people: number, dueAt: Instant): Promise<string[]> {
  const ids: string[] = [];
  const writes: Promise<unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const person = i % people;
    // A different agreement per reminder: the same card twice to one person is a duplicate to the connector.
    const message = reminderMessage({ agreementId: `agr-${tenantId}-${i}` });
    const entry: OutboxEntry = {
      id: `bench-${tenantId}-${i}`,
      tenantId,
      recipientAadObjectId: `aad-${person}`,
      kind: message.kind,
      payload: message,
      notBefore: dueAt,
      attempts: 0,
      status: 'pending',
      createdAt: dueAt,
      updatedAt: dueAt,
    };
    ids.push(entry.id);
    writes.push(repos.outbox.create(entry).then(must));
    if (writes.length >= 32) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
  return ids;
}

export async function startDeliveryWorld(
  tenants: readonly { tenantId: TenantId; people: number }[],
  connectorOptions: LimitedConnectorOptions = {},
): Promise<DeliveryWorld> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-delivery-'));
  const store = must(await openStore({ kind: 'embedded', dataDir: dir, saveDebounceMs: 3_600_000, saveMaxDelayMs: 3_600_000 }));
  const repos = createCosmosRepositories(store.database);
  const connector = await startLimitedConnector({ tenantOf: tenantOfConversation, ...connectorOptions });
  for (const { tenantId, people } of tenants) await seedTenant(repos, tenantId, people, connector.serviceUrl);

  const queued = new Map<string, { tenantId: TenantId; dueMs: number }>();
  const instances: { sender: OutboxSender }[] = [];
  const log = createLogger({ level: 'silent' });

  return {
    store,
    repos,
    connector,
    queued,
    async queue(tenantId, count, people, dueAt = systemClock.now()) {
      for (const id of await queueReminders(repos, tenantId, count, people, dueAt)) queued.set(id, { tenantId, dueMs: Date.parse(dueAt) });
    },
    instance(options = {}) {
      const { sending, delivery, ...senderOptions } = options;
      const app = compose({
        config: {
          port: 0,
          host: '127.0.0.1',
          bot: { mode: 'local' },
          sending: {
            perTenant: [{ count: 50, ms: 1000 }],
            perConversation: [
              { count: 7, ms: 1000 },
              { count: 8, ms: 2000 },
              { count: 60, ms: 30_000 },
            ],
            concurrency: 16,
            ...sending,
          },
        },
        store,
        clock: systemClock,
        log,
        ...(delivery === undefined ? {} : { delivery }),
      });
      const sender = app.startSender({ idlePollMs: 100, ...senderOptions });
      instances.push({ sender });
      return { app, sender };
    },
    async close() {
      await Promise.all(instances.map((i) => i.sender.stop()));
      await connector.close();
      await store.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
