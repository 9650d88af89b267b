import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  bundledSchemaPath,
  checkManifestRules,
  fillPlaceholders,
  isSemver,
  manifestCommands,
  placeholdersIn,
  validateManifest,
} from '../../scripts/package';
import { SHORTCUT_VERBS, TEXT_SHORTCUTS, VERB_DECLARATIONS } from '../../src/adapters/cards';
import { shortcutText } from '../../src/adapters/teams';
import { committedEnvFiles, manifestTemplate, SAMPLE_VALUES } from './fixtures';

interface Manifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  bots: { botId: string; scopes: string[]; supportsFiles: boolean; commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] }[];
  staticTabs: { entityId: string; contentUrl?: string; websiteUrl?: string; scopes: string[] }[];
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
  developer: Record<string, string>;
  [key: string]: unknown;
}

async function filledManifest(values: Readonly<Record<string, string>> = SAMPLE_VALUES): Promise<Manifest> {
  const filled = fillPlaceholders(await manifestTemplate(), new Map(Object.entries(values)));
  if (!filled.ok) throw new Error(`sample values miss ${filled.problems.join(', ')}`);
  return JSON.parse(filled.value) as Manifest;
}

function bundledTeamsVersions(): string[] {
  const dir = path.join(path.dirname(require.resolve('@microsoft/app-manifest')), 'json-schemas', 'teams');
  return readdirSync(dir)
    .filter((d) => /^v\d+\.\d+$/.test(d))
    .map((d) => d.slice(1))
    .sort((a, b) => {
      const [am, an] = a.split('.').map(Number);
      const [bm, bn] = b.split('.').map(Number);
      return am - bm || an - bn;
    });
}

describe('appPackage/manifest.json', () => {
  let template: Manifest;
  /** The template filled with provisioned values: what the rules see in a real package. */
  let filled: Manifest;
  before(async () => {
    template = JSON.parse(await manifestTemplate()) as Manifest;
    filled = await filledManifest();
  });

  describe('schema', () => {
    it('uses the newest Teams manifest schema that @microsoft/app-manifest bundles', () => {
      const newest = bundledTeamsVersions().at(-1);
      assert.equal(template.manifestVersion, newest);
      assert.equal(template.$schema, `https://developer.microsoft.com/json-schemas/teams/v${newest}/MicrosoftTeams.schema.json`);
    });

    it('validates offline: its $schema maps to a schema file inside the package', () => {
      const file = bundledSchemaPath(template.$schema);
      assert.ok(file && existsSync(file), `no bundled schema for ${template.$schema}`);
      assert.equal(path.basename(path.dirname(file)), `v${template.manifestVersion}`);
      assert.equal(bundledSchemaPath('https://example.com/not-a-teams-schema.json'), undefined);
    });

    it('filled with provisioned values, passes the bundled schema and the rules the schema does not check', async () => {
      assert.deepEqual(await validateManifest(await filledManifest()), []);
    });

    it('schema validation really runs: a manifest without developer, with a bad bot id and a long name fails', async () => {
      const broken = await filledManifest();
      delete (broken as Partial<Manifest>).developer;
      broken.bots[0].botId = 'not-a-guid';
      (broken.name as { short: string }).short = 'x'.repeat(31);
      const errors = await validateManifest(broken);
      assert.ok(errors.some((e) => e.includes("must have required property 'developer'")), errors.join('\n'));
      assert.ok(errors.some((e) => e.includes('/bots/0/botId')), errors.join('\n'));
      assert.ok(errors.some((e) => e.includes('/name/short')), errors.join('\n'));
    });

    it('refuses a $schema the package does not bundle, instead of fetching it', async () => {
      const m = await filledManifest();
      m.$schema = 'https://developer.microsoft.com/json-schemas/teams/v9.99/MicrosoftTeams.schema.json';
      const errors = await validateManifest(m);
      assert.equal(errors.length, 1);
      assert.match(errors[0], /not one that @microsoft\/app-manifest bundles/);
    });
  });

  describe('what the schema does not check', () => {
    it('version is semver', () => {
      assert.ok(isSemver(template.version), template.version);
      for (const ok of ['0.0.1', '1.2.3', '10.20.30', '1.0.0-rc.1', '1.0.0+build.5']) assert.ok(isSemver(ok), ok);
      for (const bad of ['1.0', '1', '01.0.0', '1.0.0.0', 'v1.0.0', '1.0.0-', '']) assert.ok(!isSemver(bad), bad);
      assert.deepEqual(
        checkManifestRules({ ...filled, version: '1.0' }).filter((p) => p.includes('semver')),
        ['version "1.0" is not semver (MAJOR.MINOR.PATCH).'],
      );
    });

    it('the bot id is the bot identity (BOT_ID: the managed identity in Azure, the bot app locally)', () => {
      assert.equal(template.bots.length, 1);
      assert.equal(template.bots[0].botId, '${{BOT_ID}}');
    });

    it('the tab SSO app is webApplicationInfo, exposed as api://<bot domain>/<client id>', () => {
      assert.equal(template.webApplicationInfo.id, '${{AAD_APP_CLIENT_ID}}');
      assert.equal(template.webApplicationInfo.resource, 'api://${{BOT_DOMAIN}}/${{AAD_APP_CLIENT_ID}}');
      assert.deepEqual(template.validDomains, ['${{BOT_DOMAIN}}']);
    });

    it('every committed env file declares every placeholder the manifest uses, with the same names', async () => {
      const names = placeholdersIn(await manifestTemplate());
      const envs = await committedEnvFiles();
      assert.deepEqual([...envs.keys()].sort(), ['dev', 'local', 'prod']);
      for (const [env, vars] of envs) {
        const missing = names.filter((n) => !vars.has(n));
        assert.deepEqual(missing, [], `env/.env.${env} lacks ${missing.join(', ')}`);
      }
    });

    it('committed env files hold no secret (secrets live in the git-ignored .user files)', async () => {
      for (const [env, vars] of await committedEnvFiles()) {
        for (const [name, value] of vars) {
          assert.ok(!name.startsWith('SECRET_'), `env/.env.${env} holds ${name}`);
          assert.ok(!/password|secret|key$/i.test(name) || value === '', `env/.env.${env} sets ${name}`);
        }
      }
    });

    it('the personal compliance tab is served from the bot domain, which validDomains allows', () => {
      const tab = template.staticTabs.find((t) => t.entityId === 'compliance');
      assert.ok(tab);
      assert.equal(tab.contentUrl, 'https://${{BOT_DOMAIN}}/tab/');
      assert.deepEqual(tab.scopes, ['personal']);
      const filledTab = filled.staticTabs.find((t) => t.entityId === 'compliance');
      const problems = checkManifestRules({ ...filled, staticTabs: [{ ...filledTab, contentUrl: 'https://elsewhere.example/tab/' }] });
      assert.deepEqual(problems, ['tab URL https://elsewhere.example/tab/ is outside validDomains.']);
    });

    it('a webApplicationInfo.resource that does not match the domain and client id is refused', () => {
      const problems = checkManifestRules({ ...filled, webApplicationInfo: { id: filled.webApplicationInfo.id, resource: 'api://other/x' } });
      assert.equal(problems.length, 1);
      assert.match(problems[0], /webApplicationInfo.resource must be api:\/\/<valid domain>\//);
    });

    it('the bot is personal only, does not take files, and its command lists stay within its scopes', () => {
      const bot = template.bots[0];
      assert.deepEqual(bot.scopes, ['personal']);
      assert.equal(bot.supportsFiles, false);
      for (const list of bot.commandLists) for (const s of list.scopes) assert.ok(bot.scopes.includes(s), s);
    });
  });

  describe('commands', () => {
    it('the command list is exactly the text shortcuts (src/adapters/cards/home/shortcuts.ts), in order', () => {
      const commands = template.bots[0].commandLists.flatMap((l) => l.commands);
      assert.deepEqual(
        commands.map((c) => ({ command: c.title, description: c.description })),
        TEXT_SHORTCUTS.map((s) => ({ command: s.command, description: s.description })),
      );
    });

    it('the bot routes every command: Teams sends the title as text, the bot reads it as a shortcut with a route', () => {
      for (const title of manifestCommands(template)) {
        // What Teams posts when someone picks the command in the 1:1 chat.
        const typed = shortcutText({ type: 'message', text: title, recipient: { id: '28:bot', name: 'Supervision' }, conversation: { id: 'a:1', conversationType: 'personal', isGroup: false, name: '' } });
        assert.equal(typed, title, `the bot reads "${title}" as "${typed}"`);
        const verb = (SHORTCUT_VERBS as Readonly<Record<string, string>>)[typed];
        assert.ok(verb, `no shortcut verb for "${title}"`);
        const route = (VERB_DECLARATIONS as unknown as Readonly<Record<string, { act?: unknown }>>)[verb];
        assert.equal(typeof route?.act, 'function', `no route for verb ${verb} ("${title}")`);
      }
    });

    it('a command the bot does not route, or a shortcut missing from the list, is reported', () => {
      const extra = JSON.parse(JSON.stringify(filled)) as Manifest;
      extra.bots[0].commandLists[0].commands.push({ title: 'delete everything', description: '' });
      assert.deepEqual(checkManifestRules(extra), ['command "delete everything" is in the manifest but the bot has no such text shortcut.']);
      const fewer = JSON.parse(JSON.stringify(filled)) as Manifest;
      fewer.bots[0].commandLists[0].commands = fewer.bots[0].commandLists[0].commands.filter((c) => c.title !== 'reflect');
      assert.deepEqual(checkManifestRules(fewer), ['text shortcut "reflect" is missing from the manifest\'s command list.']);
    });

    it('lists the commands the manifest holds', () => {
      assert.deepEqual(manifestCommands(template), ['help', 'home', 'reflect', 'concern', 'schedule', 'request']);
    });
  });
});
