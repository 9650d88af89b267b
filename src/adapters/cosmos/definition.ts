/**
 * The typed view of containers.json, the one definition of the database that the app creates
 * (createIfNotExists) and infra/ deploys (Bicep loadJsonContent).
 */
import { PartitionKeyDefinitionVersion, PartitionKeyKind, type ContainerDefinition, type IndexingPolicy } from '@azure/cosmos';
import definition from './containers.json';

export type ContainerName =
  | 'people'
  | 'conversations'
  | 'organisations'
  | 'agreements'
  | 'sessions'
  | 'notes'
  | 'concerns'
  | 'outbox'
  | 'leases'
  | 'audit';

export interface ContainerSpec {
  readonly name: ContainerName;
  readonly partitionKeyPath: string;
  readonly indexingPolicy: IndexingPolicy;
}

export interface StoreDefinition {
  readonly databaseName: string;
  readonly containers: readonly ContainerSpec[];
}

export const storeDefinition: StoreDefinition = definition as unknown as StoreDefinition;

export function toContainerDefinition(spec: {
  readonly name: string;
  readonly partitionKeyPath: string;
  readonly indexingPolicy?: IndexingPolicy;
}): ContainerDefinition {
  return {
    id: spec.name,
    // Hash v2, as infra/modules/cosmos.bicep creates them, so app and infra define the same container.
    partitionKey: { paths: [spec.partitionKeyPath], kind: PartitionKeyKind.Hash, version: PartitionKeyDefinitionVersion.V2 },
    ...(spec.indexingPolicy === undefined ? {} : { indexingPolicy: spec.indexingPolicy }),
  };
}
