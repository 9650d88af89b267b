/** The Cosmos DB adapter: what main and the CLI import. */
export { openStore, type OpenStoreOptions, type CosmosStore } from './store';
export { createCosmosClient, ensureDatabase, type CosmosClientConfig, type CosmosConnection } from './client';
export { createCosmosRepositories, type CosmosRepositories } from './repositories';
export {
  CosmosAgreementRepository,
  CosmosAuditLogRepository,
  CosmosConcernRepository,
  CosmosConversationRepository,
  CosmosNoteRepository,
  CosmosOrganisationRepository,
  CosmosOutboxRepository,
  CosmosPersonRepository,
  CosmosSessionRepository,
} from './repositories';
export { CosmosLeaseStore, LEASE_TENANT } from './leaseStore';
export { CosmosSigningKeyStore, SIGNING_KEY_TENANT } from './signingKeyStore';
export { CosmosHealthCheck } from './healthCheck';
export { installShutdownHandlers } from './shutdown';
export { isQueryEnginePatched } from './embeddedServer';
export { storeDefinition, type ContainerName } from './definition';
export type { Lifetime } from './hostLock';
