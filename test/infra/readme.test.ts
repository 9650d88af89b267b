/** README "Deploy to Azure" stays true to the files it describes. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from '../appPackage/fixtures';
import { outputs, readBicep } from './bicep';

function deploySection(): string {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Deploy to Azure\n');
  assert.ok(start >= 0, 'README has no "## Deploy to Azure" section');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe('README "Deploy to Azure"', () => {
  const section = deploySection();

  it('names only files that exist', () => {
    const paths = new Set([...section.matchAll(/`((?:infra|appPackage|env|src|scripts)\/[^`\s<]*?)`/g)].map((m) => m[1]));
    assert.ok(paths.size > 5);
    // .user files are private and git-ignored: they exist only on a deployer's machine.
    for (const p of [...paths].filter((x) => !x.endsWith('.user'))) assert.ok(existsSync(path.join(REPO, p)), p);
    for (const f of ['m365agents.yml', 'm365agents.local.yml']) assert.ok(section.includes(`\`${f}\``) && existsSync(path.join(REPO, f)), f);
  });

  it('covers both routes, the Entra app for tab SSO and the admin consent', () => {
    for (const needed of [
      'atk provision --env dev',
      'atk deploy --env dev',
      'az deployment group create',
      'npm run package -- --env',
      'access_as_user',
      '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
      '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
      'api://$BOT_DOMAIN/$TAB_APP_ID',
      '/adminconsent?client_id=',
      'Setup policies',
    ]) {
      assert.ok(section.includes(needed), needed);
    }
  });

  it('reads the deployment outputs Bicep really has, under the deployment name the toolkit uses', () => {
    const declared = new Set(outputs(readBicep('main.bicep')).map((o) => o.name));
    const read = [...section.matchAll(/\$\(out (\w+)\)/g)].map((m) => m[1]);
    assert.ok(read.length >= 3);
    for (const name of read) assert.ok(declared.has(name), name);
    const yml = readFileSync(path.join(REPO, 'm365agents.yml'), 'utf8');
    assert.match(yml, /deploymentName: supervision-bot-\$\{\{TEAMSFX_ENV\}\}/);
    assert.match(section, /-n supervision-bot-\$ENV -f infra\/main\.bicep -p infra\/main\.parameters\.\$ENV\.json/);
  });

  it('gives the by-hand Entra app the same identifier and pre-authorised clients as infra/entra/tab-sso.aad.json', () => {
    const entra = readFileSync(path.join(REPO, 'infra', 'entra', 'tab-sso.aad.json'), 'utf8');
    assert.match(entra, /"api:\/\/\$\{\{BOT_DOMAIN\}\}\/\$\{\{AAD_APP_CLIENT_ID\}\}"/);
    assert.match(section, /--sign-in-audience AzureADMultipleOrgs/);
    assert.match(entra, /"signInAudience": "AzureADMultipleOrgs"/);
  });
});
