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

/** The shell script of route B ("By hand with the Azure CLI"): its first ```sh block. */
function byHandScript(): string {
  const section = deploySection();
  const start = section.indexOf('\n### B. By hand');
  assert.ok(start >= 0, 'no "### B. By hand" route');
  const block = /```sh\n([\s\S]*?)\n```/.exec(section.slice(start));
  assert.ok(block, 'route B has no ```sh block');
  return block[1];
}

/** Where the value of an assignment starting at `i` ends: $(...) with nesting, "...", or a bare word. */
function valueEnd(text: string, i: number): number {
  if (text.startsWith('$(', i)) {
    let depth = 0;
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === '(') depth++;
      else if (text[j] === ')' && --depth === 0) return j + 1;
    }
    return text.length;
  }
  if (text[i] === '"') {
    for (let j = i + 1; j < text.length; j++) if (text[j] === '"' && text[j - 1] !== '\\') return j + 1;
    return text.length;
  }
  const bare = /[\s;]/.exec(text.slice(i));
  return bare === null ? text.length : i + bare.index;
}

/**
 * Upper-case shell variables ($NAME, ${NAME}) used before a command in `script` sets them. A variable
 * counts as set once its assignment's value has been read, so `A=x; B=$A` is fine, `A=$(f $A)` is not.
 */
export function usedBeforeSet(script: string): string[] {
  const setAt = new Map<string, number>();
  for (const m of script.matchAll(/(?<=^|[\s;&|(])([A-Z][A-Z0-9_]*)=/gm)) {
    if (!setAt.has(m[1])) setAt.set(m[1], valueEnd(script, (m.index ?? 0) + m[0].length));
  }
  const problems: string[] = [];
  for (const m of script.matchAll(/\$\{?([A-Z][A-Z0-9_]*)/g)) {
    const at = setAt.get(m[1]);
    if (at === undefined || at > (m.index ?? 0)) problems.push(`$${m[1]} on line ${script.slice(0, m.index).split('\n').length}`);
  }
  return problems;
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

  it('by hand: creates the tab\'s Entra app before the deployment, which overrides the parameters file\'s tabSsoClientId with its id', () => {
    const script = byHandScript();
    // Continuation lines joined: one command per line.
    const commands = script.replace(/\\\n\s*/g, ' ').split('\n');
    const deployments = commands.filter((c) => /\baz deployment group create\b/.test(c));
    assert.ok(deployments.length >= 1, 'no az deployment group create');
    // Every deployment in the whole section, not only route B's (a later -p overrides an earlier one).
    assert.equal([...section.matchAll(/\baz deployment group create\b/g)].length, deployments.length);
    for (const d of deployments) {
      assert.match(d, /-p infra\/main\.parameters\.\$ENV\.json(?:\s.*)?\s-p tabSsoClientId=\$TAB_APP_ID(?:\s|$)/, d);
    }
    const created = commands.findIndex((c) => /\bTAB_APP_ID=\$\(az ad app (?:list|create)\b/.test(c));
    const deployed = commands.findIndex((c) => /\baz deployment group create\b/.test(c));
    assert.ok(created >= 0 && created < deployed, 'the Entra app (TAB_APP_ID) must exist before the deployment');
    // Its identifier URI needs the web app's domain, which the deployment gives.
    const domainRead = commands.findIndex((c) => /\bBOT_DOMAIN=\$\(out BOT_DOMAIN\)/.test(c));
    const uriSet = commands.findIndex((c) => c.includes('api://$BOT_DOMAIN/$TAB_APP_ID'));
    assert.ok(deployed < domainRead && domainRead < uriSet, 'the identifier URI is set after the deployment gives BOT_DOMAIN');
  });

  it('by hand: every shell variable is set before a step uses it', () => {
    assert.deepEqual(usedBeforeSet(byHandScript()), []);
    // The check itself catches a step moved before the one that sets what it reads.
    assert.deepEqual(usedBeforeSet('A=1; B=$A\nC=$(f "$D")\nD=$(g $D)'), ['$D on line 2', '$D on line 3']);
    assert.deepEqual(usedBeforeSet('X=$(h $(i)) Y="$X"\necho ${Y}'), []);
  });

  it('gives the by-hand Entra app the same identifier and pre-authorised clients as infra/entra/tab-sso.aad.json', () => {
    const entra = readFileSync(path.join(REPO, 'infra', 'entra', 'tab-sso.aad.json'), 'utf8');
    assert.match(entra, /"api:\/\/\$\{\{BOT_DOMAIN\}\}\/\$\{\{AAD_APP_CLIENT_ID\}\}"/);
    assert.match(section, /--sign-in-audience AzureADMultipleOrgs/);
    assert.match(entra, /"signInAudience": "AzureADMultipleOrgs"/);
  });
});
