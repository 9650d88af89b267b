/**
 * Infrastructure and code in step: the Cosmos DB containers Bicep deploys are the ones the app
 * creates, because both come from src/adapters/cosmos/containers.json. These tests check that the
 * Bicep really reads that file and maps every field of every container, by evaluating its container
 * loop over the JSON and comparing the result with the app's own container definitions.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { storeDefinition, toContainerDefinition } from '../../src/adapters/cosmos/definition';
import { evaluate, INFRA_DIR, literal, loop, modules, params, properties, propertyPath, readBicep, resources, variables } from './bicep';

const cosmos = readBicep('modules/cosmos.bicep');
const main = readBicep('main.bicep');
const APP_DEFINITION_FILE = require.resolve('../../src/adapters/cosmos/containers.json');

function loadJsonArgument(): string {
  const call = [...variables(cosmos).values()].find((v) => v.startsWith('loadJsonContent('));
  assert.ok(call, 'cosmos.bicep has no var = loadJsonContent(...)');
  const m = /^loadJsonContent\('([^']+)'\)$/.exec(call);
  assert.ok(m, call);
  return m[1];
}

const definitionVar = [...variables(cosmos)].find(([, v]) => v.startsWith('loadJsonContent('))?.[0] ?? '';
const json = JSON.parse(readFileSync(APP_DEFINITION_FILE, 'utf8')) as {
  databaseName: string;
  containers: Record<string, unknown>[];
};

function resource(symbol: string) {
  const r = resources(cosmos).find((x) => x.symbol === symbol);
  assert.ok(r, `cosmos.bicep has no resource ${symbol}`);
  return r;
}

describe('infra: Cosmos DB in step with src/adapters/cosmos/containers.json', () => {
  it('loads the very file the app uses (path relative to the module file)', () => {
    const resolved = path.resolve(path.dirname(cosmos.file), loadJsonArgument());
    assert.equal(resolved, APP_DEFINITION_FILE);
    // And the app's typed view is that file's content.
    assert.deepEqual(storeDefinition, json);
  });

  it('names the database from the definition', () => {
    const database = resource('database');
    assert.equal(properties(database.body).get('name'), `${definitionVar}.databaseName`);
    assert.equal(evaluate(propertyPath(database.body, ['properties', 'resource', 'id']) ?? '', { [definitionVar]: json }), json.databaseName);
  });

  it('deploys one container per definition entry, exactly as the app defines it', () => {
    const containers = resource('containers');
    const parts = loop(containers.body);
    assert.ok(parts, 'containers is a [for ... in ...] loop');
    assert.equal(parts.collection, `${definitionVar}.containers`);
    assert.equal(properties(parts.object).get('parent'), 'database');

    for (const spec of json.containers) {
      const deployed = evaluate(parts.object.replace(/^\{\s*parent:\s*database\s*\n/, '{\n'), { [parts.item]: spec }) as {
        name: string;
        properties: { resource: { id: string; partitionKey: { paths: string[]; kind: string; version: number }; indexingPolicy: unknown } };
      };
      const app = toContainerDefinition(spec as unknown as Parameters<typeof toContainerDefinition>[0]);
      assert.equal(deployed.name, app.id);
      assert.equal(deployed.properties.resource.id, app.id);
      assert.deepEqual(deployed.properties.resource.partitionKey.paths, app.partitionKey && 'paths' in app.partitionKey ? app.partitionKey.paths : undefined);
      assert.equal(deployed.properties.resource.partitionKey.kind, 'Hash');
      const appKey = app.partitionKey as { kind?: string; version?: number };
      assert.equal(appKey.kind, deployed.properties.resource.partitionKey.kind, `partition key kind of ${app.id}`);
      assert.equal(appKey.version, deployed.properties.resource.partitionKey.version, `partition key version of ${app.id}`);
      assert.deepEqual(deployed.properties.resource.indexingPolicy, app.indexingPolicy, `indexing policy of ${app.id}`);
    }
  });

  it('maps every field a container entry has, so a new field cannot be silently dropped by infra', () => {
    const parts = loop(resource('containers').body);
    assert.ok(parts);
    const used = new Set([...parts.object.matchAll(new RegExp(`\\b${parts.item}\\.\\??(\\w+)`, 'g'))].map((m) => m[1]));
    const fields = new Set(json.containers.flatMap((c) => Object.keys(c)));
    assert.deepEqual([...fields].filter((f) => !used.has(f)), [], 'fields in containers.json that cosmos.bicep ignores');
    assert.deepEqual([...used].filter((f) => !fields.has(f)), [], 'fields cosmos.bicep reads that containers.json lacks');
  });

  it('is serverless by default and autoscale by parameter, with throughput only in autoscale', () => {
    const mode = params(main).find((p) => p.name === 'cosmosCapacityMode');
    assert.deepEqual(mode, { name: 'cosmosCapacityMode', type: 'string', defaultValue: "'serverless'", allowed: ['serverless', 'autoscale'] });
    const call = modules(main).find((m) => m.target === 'modules/cosmos.bicep');
    assert.equal(properties(properties(call?.body ?? '{}').get('params') ?? '{}').get('capacityMode'), 'cosmosCapacityMode');

    const capabilities = propertyPath(resource('account').body, ['properties', 'capabilities']) ?? '';
    const [condition, branches] = capabilities.split(/\?(.*)/s);
    assert.equal(condition.trim(), "capacityMode == 'serverless'");
    const [serverless, provisioned] = branches.split(/\]\s*:\s*/);
    assert.deepEqual(evaluate(`${serverless.trim()}]`, {}), [{ name: 'EnableServerless' }]);
    assert.deepEqual(evaluate(provisioned, {}), []);

    const options = propertyPath(resource('database').body, ['properties', 'options']) ?? '';
    assert.match(options, /^capacityMode == 'autoscale' \? \{/);
    const autoscale = options.slice(options.indexOf('{'), options.lastIndexOf(':')).trim();
    assert.deepEqual(evaluate(autoscale, { autoscaleMaxThroughput: 1000 }), { autoscaleSettings: { maxThroughput: 1000 } });
    assert.match(options, /:\s*\{\}$/);
    // No container sets its own throughput: autoscale is shared at the database.
    assert.doesNotMatch(resource('containers').body, /throughput|options/i);
  });

  it('uses no keys: local auth off, and the identity holds the data-plane Built-in Data Contributor role', () => {
    const account = properties(propertyPath(resource('account').body, ['properties']) ?? '{}');
    assert.equal(account.get('disableLocalAuth'), 'true');
    assert.equal(account.get('disableKeyBasedMetadataWriteAccess'), 'true');

    const assignment = resource('dataContributor');
    assert.equal(assignment.target, 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments');
    const props = properties(propertyPath(assignment.body, ['properties']) ?? '{}');
    const roleVar = /\$\{(\w+)\}'$/.exec(props.get('roleDefinitionId') ?? '')?.[1] ?? '';
    assert.equal(props.get('roleDefinitionId'), `'\${account.id}/sqlRoleDefinitions/\${${roleVar}}'`);
    assert.equal(literal(variables(cosmos).get(roleVar)), '00000000-0000-0000-0000-000000000002');
    assert.equal(props.get('scope'), 'account.id');
    assert.equal(props.get('principalId'), 'dataContributorPrincipalId');

    const call = modules(main).find((m) => m.target === 'modules/cosmos.bicep');
    assert.equal(properties(properties(call?.body ?? '{}').get('params') ?? '{}').get('dataContributorPrincipalId'), 'identity.outputs.principalId');
  });

  it('hands the app the endpoint and the database name it deployed', () => {
    const call = modules(main).find((m) => m.target === 'modules/appService.bicep');
    const passed = properties(properties(call?.body ?? '{}').get('params') ?? '{}');
    assert.equal(passed.get('cosmosEndpoint'), 'cosmos.outputs.endpoint');
    assert.equal(passed.get('cosmosDatabaseName'), 'cosmos.outputs.databaseName');
    const out = readFileSync(path.join(INFRA_DIR, 'modules', 'cosmos.bicep'), 'utf8');
    assert.match(out, new RegExp(`^output databaseName string = ${definitionVar}\\.databaseName$`, 'm'));
    assert.match(out, /^output endpoint string = account\.properties\.documentEndpoint$/m);
  });
});
