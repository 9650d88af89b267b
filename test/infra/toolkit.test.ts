/**
 * The Microsoft 365 Agents Toolkit project files (m365agents.yml, m365agents.local.yml), the env
 * files and the Entra app manifest for tab SSO, checked against each other, the Bicep outputs, the
 * Teams manifest and src/config.ts.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_OUT_DIR, placeholdersIn } from '../../scripts/package';
import { ENVIRONMENT_VARIABLES, loadConfig } from '../../src/config';
import { committedEnvFiles, REPO } from '../appPackage/fixtures';
import { outputs, readBicep } from './bicep';

// js-yaml 4 has no bundled types; a direct dev dependency.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load(text: string): unknown };

interface Action {
  uses: string;
  name?: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}

interface ProjectFile {
  version: string;
  environmentFolderPath?: string;
  provision: Action[];
  deploy?: Action[];
  publish?: Action[];
}

const TEAMS_CLIENTS = ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346'];

function project(file: string): { text: string; doc: ProjectFile } {
  const text = readFileSync(path.join(REPO, file), 'utf8');
  return { text, doc: yaml.load(text) as ProjectFile };
}

function steps(doc: ProjectFile): Action[] {
  return [...doc.provision, ...(doc.deploy ?? []), ...(doc.publish ?? [])];
}

/** Variables an action writes into the env file. arm/deploy writes the template's outputs. */
function written(action: Action): string[] {
  const out = Object.values(action.writeToEnvironmentFile ?? {});
  if (action.uses === 'arm/deploy') out.push(...outputs(readBicep('main.bicep')).map((o) => o.name));
  // aadApp/update generates the scope id when the manifest uses it and it is empty (toolkit docs).
  if (action.uses === 'aadApp/update') out.push('AAD_APP_ACCESS_AS_USER_PERMISSION_ID');
  return out;
}

/** Files whose ${{VAR}}s an action expands. */
function inputsOf(action: Action, env: string): string[] {
  const w = action.with ?? {};
  const files: string[] = [];
  if (typeof w.manifestPath === 'string') files.push(w.manifestPath);
  for (const t of (w.templates as { parameters?: string }[] | undefined) ?? []) {
    if (t.parameters) files.push(t.parameters.replace('${{TEAMSFX_ENV}}', env));
  }
  return files;
}

/** A .gitignore pattern (the simple forms ours uses) as a test on a repository-relative path. */
function ignoredBy(pattern: string, relative: string): boolean {
  const dirOnly = pattern.endsWith('/');
  const p = dirOnly ? pattern.slice(0, -1) : pattern;
  const re = new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
  const segments = relative.split('/');
  if (p.includes('/')) return re.test(relative) || (dirOnly && segments.some((_, i) => re.test(segments.slice(0, i + 1).join('/'))));
  return segments.some((s, i) => re.test(s) && (!dirOnly || i < segments.length - 1));
}

function gitIgnored(relative: string): boolean {
  const patterns = readFileSync(path.join(REPO, '.gitignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  return patterns.some((p) => ignoredBy(p, relative));
}

describe('Microsoft 365 Agents Toolkit project files', () => {
  const cloud = project('m365agents.yml');
  const local = project('m365agents.local.yml');
  const files = [
    { file: 'm365agents.yml', ...cloud, envs: ['dev', 'prod'] },
    { file: 'm365agents.local.yml', ...local, envs: ['local'] },
  ];

  for (const { file, text, doc, envs } of files) {
    describe(file, () => {
      it('declares the yml schema version the current toolkit templates use, in the version and the schema hint', () => {
        assert.equal(doc.version, 'v1.11');
        assert.match(text, /^# yaml-language-server: \$schema=https:\/\/aka\.ms\/m365-agents-toolkits\/v1\.11\/yaml\.schema\.json$/m);
        assert.equal(doc.environmentFolderPath, './env');
      });

      it('points only at files that exist', () => {
        for (const action of steps(doc)) {
          const w = action.with ?? {};
          for (const key of ['manifestPath', 'ignoreFile']) {
            if (typeof w[key] === 'string') assert.ok(existsSync(path.join(REPO, w[key] as string)), `${action.uses} ${key} ${String(w[key])}`);
          }
          for (const env of envs) for (const input of inputsOf(action, env)) assert.ok(existsSync(path.join(REPO, input)), `${action.uses}: ${input}`);
          for (const t of (w.templates as { path: string }[] | undefined) ?? []) assert.ok(existsSync(path.join(REPO, t.path)), t.path);
        }
      });

      it('has every variable it or its inputs use declared in its env files, and written before it is read', async () => {
        const envFiles = await committedEnvFiles();
        const sequence = steps(doc);
        for (const env of envs) {
          const declared = envFiles.get(env);
          assert.ok(declared, `env/.env.${env}`);
          const writtenSoFar = new Set<string>();
          const writers = new Map<string, number>();
          sequence.forEach((a, i) => written(a).forEach((v) => writers.has(v) || writers.set(v, i)));
          sequence.forEach((action, i) => {
            const used = [
              ...placeholdersIn(JSON.stringify(action.with ?? {})),
              ...inputsOf(action, env).flatMap((f) => placeholdersIn(readFileSync(path.join(REPO, f), 'utf8'))),
            ];
            for (const name of used) {
              if (name.startsWith('SECRET_')) assert.ok(writtenSoFar.has(name), `${name} is read by ${action.uses} before an action writes it`);
              else assert.ok(declared.has(name), `${action.uses} uses ${name}, which env/.env.${env} does not declare`);
              const writer = writers.get(name);
              // aadApp/update generates the scope id itself before applying the manifest.
              const selfGenerated = action.uses === 'aadApp/update' && name === 'AAD_APP_ACCESS_AS_USER_PERMISSION_ID';
              if (writer !== undefined && !selfGenerated) assert.ok(writer < i, `${action.uses} (step ${i}) reads ${name} before step ${writer} writes it`);
            }
            written(action).forEach((v) => writtenSoFar.add(v));
          });
        }
      });

      it('builds the app package where `npm run package` does, and validates it before updating the Teams app', () => {
        const zipSteps = doc.provision.filter((a) => a.uses === 'teamsApp/zipAppPackage');
        assert.equal(zipSteps.length, 1);
        const zip = zipSteps[0].with ?? {};
        assert.equal(zip.manifestPath, './appPackage/manifest.json');
        assert.equal(path.resolve(REPO, String(zip.outputFolder)), DEFAULT_OUT_DIR);
        assert.equal(zip.outputZipPath, './build/appPackage/appPackage.${{TEAMSFX_ENV}}.zip');
        const uses = doc.provision.map((a) => a.uses);
        assert.ok(uses.indexOf('teamsApp/validateManifest') < uses.indexOf('teamsApp/zipAppPackage'));
        assert.ok(uses.indexOf('teamsApp/zipAppPackage') < uses.indexOf('teamsApp/validateAppPackage'));
        assert.ok(uses.indexOf('teamsApp/validateAppPackage') < uses.indexOf('teamsApp/update'));
        for (const a of doc.provision.filter((x) => ['teamsApp/validateAppPackage', 'teamsApp/update'].includes(x.uses))) {
          assert.equal(a.with?.appPackagePath, zip.outputZipPath);
        }
      });

      it('creates the tab SSO Entra app without a secret, then exposes its API once the domain is known', () => {
        const uses = doc.provision.map((a) => a.uses);
        const create = doc.provision.find((a) => a.uses === 'aadApp/create' && a.writeToEnvironmentFile?.clientId === 'AAD_APP_CLIENT_ID');
        assert.ok(create, 'an aadApp/create writing AAD_APP_CLIENT_ID');
        assert.equal(create.with?.generateClientSecret, false);
        assert.ok(!('clientSecret' in (create.writeToEnvironmentFile ?? {})));
        const update = uses.indexOf('aadApp/update');
        assert.ok(update > uses.indexOf('aadApp/create'));
        assert.equal(doc.provision[update].with?.manifestPath, './infra/entra/tab-sso.aad.json');
        const entra = JSON.parse(readFileSync(path.join(REPO, 'infra/entra/tab-sso.aad.json'), 'utf8')) as { signInAudience: string };
        assert.equal(create.with?.signInAudience, entra.signInAudience);
      });
    });
  }

  describe('m365agents.yml (dev, prod)', () => {
    const uses = cloud.doc.provision.map((a) => a.uses);

    it('provisions: Teams app, tab SSO app, Azure resources (infra/main.bicep), SSO API, app package', () => {
      assert.deepEqual(uses, [
        'teamsApp/create',
        'aadApp/create',
        'arm/deploy',
        'aadApp/update',
        'teamsApp/validateManifest',
        'teamsApp/zipAppPackage',
        'teamsApp/validateAppPackage',
        'teamsApp/update',
      ]);
      const arm = cloud.doc.provision[2].with as { templates: { path: string; parameters: string }[] };
      assert.deepEqual(arm.templates.map((t) => [t.path, t.parameters]), [['./infra/main.bicep', './infra/main.parameters.${{TEAMSFX_ENV}}.json']]);
    });

    it('deploys: builds first, then zip-deploys to the web app Bicep created', () => {
      const deploy = cloud.doc.deploy ?? [];
      const build = deploy.findIndex((a) => a.uses === 'cli/runNpmCommand' && a.with?.args === 'run build');
      const zipDeploy = deploy.findIndex((a) => a.uses === 'azureAppService/zipDeploy');
      assert.ok(build >= 0 && zipDeploy > build);
      assert.equal(deploy[zipDeploy].with?.resourceId, '${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}');
      assert.ok(outputs(readBicep('main.bicep')).some((o) => o.name === 'BOT_AZURE_APP_SERVICE_RESOURCE_ID'));
      assert.equal(deploy[zipDeploy].with?.ignoreFile, '.webappignore');
    });

    it('publishes the validated package to the Teams admin center', () => {
      const publish = (cloud.doc.publish ?? []).map((a) => a.uses);
      assert.equal(publish.at(-1), 'teamsApp/publishAppPackage');
      assert.ok(publish.indexOf('teamsApp/validateAppPackage') < publish.indexOf('teamsApp/publishAppPackage'));
    });

    it('uploads the build App Service runs and leaves out sources, modules, tests, local data and env files', () => {
      const ignored = readFileSync(path.join(REPO, '.webappignore'), 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'));
      for (const p of ['node_modules/', 'src/', 'test/', '.data/', 'env/', '*.user', '.env', '*.local.env']) assert.ok(ignored.includes(p), p);
      for (const needed of ['dist', 'dist/main.js', 'dist/tab/app.js', 'dist/adapters/cards/templates/home.json', 'package.json', 'package-lock.json', 'patches']) {
        assert.ok(!ignored.some((p) => ignoredBy(p, needed) || ignoredBy(p, `${needed}/x`)), `${needed} must be uploaded`);
      }
    });
  });

  describe('m365agents.local.yml', () => {
    const createEnv = local.doc.deploy?.find((a) => a.uses === 'file/createOrUpdateEnvironmentFile');

    it('registers a single-tenant bot whose id is the manifest botId, with its secret kept in the .user file', () => {
      const bot = local.doc.provision.find((a) => a.uses === 'aadApp/create' && a.writeToEnvironmentFile?.clientId === 'BOT_ID');
      assert.ok(bot);
      assert.equal(bot.with?.signInAudience, 'AzureADMyOrg');
      assert.equal(bot.writeToEnvironmentFile?.clientSecret, 'SECRET_BOT_PASSWORD');
      const registration = local.doc.provision.find((a) => a.uses === 'botFramework/create');
      assert.equal(registration?.with?.botId, '${{BOT_ID}}');
      assert.equal(registration?.with?.messagingEndpoint, '${{BOT_ENDPOINT}}/api/messages');
    });

    it('writes the local bot configuration to a git-ignored file, in names the app reads', () => {
      assert.ok(createEnv);
      const target = String(createEnv.with?.target).replace(/^\.\//, '');
      assert.ok(gitIgnored(target), `${target} must be ignored by git`);
      const envs = createEnv.with?.envs as Record<string, string | number>;
      const known = new Set(ENVIRONMENT_VARIABLES.map((v) => v.name));
      assert.deepEqual(Object.keys(envs).filter((k) => !known.has(k)), []);
      assert.equal(envs.MicrosoftAppId, '${{BOT_ID}}');
    });

    it('that configuration, filled, is one the app accepts (SingleTenant bot, named Cosmos DB, tab SSO)', () => {
      const sample: Record<string, string> = {
        BOT_ID: '12121212-3434-4565-8787-909090909090',
        SECRET_BOT_PASSWORD: 'not-a-real-secret',
        BOT_TENANT_ID: '0a0a0a0a-1b1b-4c2c-8d3d-4e4e4e4e4e4e',
        COSMOS_ENDPOINT: 'https://supbotdev-cosmos.documents.azure.com:443/',
        AAD_APP_CLIENT_ID: '66666666-7777-4888-9999-aaaaaaaaaaaa',
        BOT_DOMAIN: 'abc123-3978.uks1.devtunnels.ms',
      };
      const envs = createEnv?.with?.envs as Record<string, string | number>;
      const env = Object.fromEntries(Object.entries(envs).map(([k, v]) => [k, String(v).replace(/\$\{\{(\w+)\}\}/g, (_, n: string) => sample[n] ?? '')]));
      const result = loadConfig(env);
      assert.ok(result.ok, result.ok ? '' : result.message);
      assert.equal(result.config.bot.mode, 'SingleTenant');
      assert.equal(result.config.port, 3978);
      assert.equal(result.config.store.kind, 'cosmos');
      // The tab in Teams signs in with the local environment's own Entra app.
      assert.equal(result.config.tabSsoClientId, sample.AAD_APP_CLIENT_ID);
      // The calendar links on session cards point at the tunnel, which reaches this bot.
      assert.equal(result.config.publicHostName, sample.BOT_DOMAIN);
    });
  });

  describe('env files and git', () => {
    it('tracks env/.env.<name> and ignores env/.env.<name>.user and the build output', () => {
      for (const f of ['env/.env.dev', 'env/.env.prod', 'env/.env.local']) assert.ok(!gitIgnored(f), `${f} must be tracked`);
      for (const f of ['env/.env.dev.user', 'env/.env.local.user', 'build/appPackage/appPackage.dev.zip', '.env', '.local.env']) assert.ok(gitIgnored(f), `${f} must be ignored`);
    });
  });

  describe('infra/entra/tab-sso.aad.json (the tab SSO Entra app)', () => {
    const entra = JSON.parse(readFileSync(path.join(REPO, 'infra/entra/tab-sso.aad.json'), 'utf8')) as {
      appId: string;
      identifierUris: string[];
      signInAudience: string;
      api: {
        requestedAccessTokenVersion: number;
        oauth2PermissionScopes: { id: string; value: string; type: string; isEnabled: boolean }[];
        preAuthorizedApplications: { appId: string; delegatedPermissionIds: string[] }[];
      };
      [key: string]: unknown;
    };
    const manifest = JSON.parse(readFileSync(path.join(REPO, 'appPackage/manifest.json'), 'utf8')) as {
      webApplicationInfo: { id: string; resource: string };
    };

    it('is the app the Teams manifest names, exposing exactly the manifest\'s resource', () => {
      assert.equal(entra.appId, manifest.webApplicationInfo.id);
      assert.deepEqual(entra.identifierUris, [manifest.webApplicationInfo.resource]);
    });

    it('exposes access_as_user, pre-authorised for the Teams desktop/mobile and web clients, with v2 tokens', () => {
      const scopes = entra.api.oauth2PermissionScopes;
      assert.equal(scopes.length, 1);
      assert.equal(scopes[0].value, 'access_as_user');
      assert.equal(scopes[0].type, 'User');
      assert.equal(scopes[0].isEnabled, true);
      assert.deepEqual(
        entra.api.preAuthorizedApplications.map((p) => [p.appId, p.delegatedPermissionIds]).sort(),
        TEAMS_CLIENTS.map((id) => [id, [scopes[0].id]]).sort(),
      );
      assert.equal(entra.api.requestedAccessTokenVersion, 2);
    });

    it('carries no credential', () => {
      assert.ok(!('passwordCredentials' in entra) && !('keyCredentials' in entra));
    });
  });
});
