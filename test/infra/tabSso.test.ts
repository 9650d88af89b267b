/**
 * The Compliance tab's single sign-on client id on its way from the Entra app to the web app:
 * aadApp/create writes AAD_APP_CLIENT_ID, the toolkit fills it into the parameters file
 * (`tabSsoClientId`), arm/deploy passes it to main.bicep, and App Service sets TAB_SSO_CLIENT_ID.
 * By hand the placeholder is never filled, so the deployment command must override it (README).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { REPO } from '../appPackage/fixtures';
import { INFRA_DIR } from './bicep';

// js-yaml 4 has no bundled types; a direct dev dependency.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load(text: string): unknown };

const PLACEHOLDER = '${{AAD_APP_CLIENT_ID}}';

interface Action {
  uses: string;
  with?: { templates?: { path: string; parameters?: string }[] } & Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}

const parameterFiles = readdirSync(INFRA_DIR).filter((f) => /^main\.parameters\.[a-z0-9-]+\.json$/.test(f));

function parametersOf(file: string): Record<string, { value: unknown }> {
  return (JSON.parse(readFileSync(path.join(INFRA_DIR, file), 'utf8')) as { parameters: Record<string, { value: unknown }> }).parameters;
}

describe("infra: the Compliance tab's SSO client id (tabSsoClientId -> TAB_SSO_CLIENT_ID)", () => {
  it(`every parameters file sets tabSsoClientId from ${PLACEHOLDER} or not at all`, () => {
    assert.ok(parameterFiles.length >= 2);
    for (const file of parameterFiles) {
      const p = parametersOf(file);
      if ('tabSsoClientId' in p) assert.equal(p.tabSsoClientId.value, PLACEHOLDER, file);
    }
  });

  it('dev and prod set it, so `atk provision` leaves a tab that signs people in', () => {
    for (const file of ['main.parameters.dev.json', 'main.parameters.prod.json']) {
      assert.equal(parametersOf(file).tabSsoClientId?.value, PLACEHOLDER, file);
    }
  });

  it('m365agents.yml creates the Entra app (writing AAD_APP_CLIENT_ID) before arm/deploy reads those files', () => {
    const doc = yaml.load(readFileSync(path.join(REPO, 'm365agents.yml'), 'utf8')) as { provision: Action[] };
    const create = doc.provision.findIndex((a) => a.uses === 'aadApp/create' && a.writeToEnvironmentFile?.clientId === 'AAD_APP_CLIENT_ID');
    const deploy = doc.provision.findIndex((a) => a.uses === 'arm/deploy');
    assert.ok(create >= 0, 'no aadApp/create writing AAD_APP_CLIENT_ID');
    assert.ok(deploy >= 0, 'no arm/deploy');
    assert.ok(create < deploy, `aadApp/create (step ${create}) must come before arm/deploy (step ${deploy})`);
    const templates = doc.provision[deploy].with?.templates ?? [];
    const read = ['dev', 'prod'].flatMap((env) => templates.map((t) => path.basename(String(t.parameters).replace('${{TEAMSFX_ENV}}', env))));
    assert.deepEqual(read, ['main.parameters.dev.json', 'main.parameters.prod.json']);
  });

  it('filled in as the toolkit does, the value is a configuration the app accepts; left unfilled, the app refuses to start, naming it', () => {
    const env: Record<string, string> = { AAD_APP_CLIENT_ID: '66666666-7777-4888-9999-aaaaaaaaaaaa' };
    const value = String(parametersOf('main.parameters.dev.json').tabSsoClientId?.value);
    const filled = loadConfig({ TAB_SSO_CLIENT_ID: value.replace(/\$\{\{(\w+)\}\}/g, (_, name: string) => env[name] ?? '') });
    assert.ok(filled.ok, filled.ok ? '' : filled.message);
    assert.equal(filled.config.tabSsoClientId, env.AAD_APP_CLIENT_ID);
    // Why the by-hand route must pass `-p tabSsoClientId=...`: az does not fill the placeholder.
    const literal = loadConfig({ TAB_SSO_CLIENT_ID: value });
    assert.ok(!literal.ok);
    assert.match(literal.message, /TAB_SSO_CLIENT_ID must be a GUID/);
  });
});
