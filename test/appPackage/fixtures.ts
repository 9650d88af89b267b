import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseEnvFile } from '../../scripts/package';

export const REPO = path.resolve(__dirname, '..', '..');
export const APP_PACKAGE_DIR = path.join(REPO, 'appPackage');
export const ENV_DIR = path.join(REPO, 'env');

/** Values a provisioned environment would have, for every placeholder the manifest uses. */
export const SAMPLE_VALUES: Readonly<Record<string, string>> = {
  APP_NAME: 'Supervision (ci)',
  TEAMS_APP_ID: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  BOT_ID: '11111111-2222-4333-8444-555555555555',
  BOT_DOMAIN: 'supbotci-app.azurewebsites.net',
  AAD_APP_CLIENT_ID: '66666666-7777-4888-9999-aaaaaaaaaaaa',
  PUBLISHER_NAME: 'Example Borough Council',
  PUBLISHER_WEBSITE_URL: 'https://www.example.gov.uk',
  PUBLISHER_PRIVACY_URL: 'https://www.example.gov.uk/privacy',
  PUBLISHER_TERMS_URL: 'https://www.example.gov.uk/terms',
};

export function envFileText(values: Readonly<Record<string, string>>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}=${/[\s#"']/.test(v) ? JSON.stringify(v) : v}`)
    .join('\n');
}

/** A temp folder with env/.env.<name> holding `values`; removed by the returned cleanup. */
export async function tempEnv(name: string, values: Readonly<Record<string, string>>, userValues?: Readonly<Record<string, string>>) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'supervision-apppackage-'));
  await writeFile(path.join(dir, `.env.${name}`), envFileText(values));
  if (userValues) await writeFile(path.join(dir, `.env.${name}.user`), envFileText(userValues));
  return { dir, outDir: path.join(dir, 'out'), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The committed env files (env/.env.<name>, not the ignored .user ones), parsed. */
export async function committedEnvFiles(): Promise<Map<string, Map<string, string>>> {
  const names = (await readdir(ENV_DIR)).filter((f) => /^\.env\.[A-Za-z0-9_-]+$/.test(f));
  const out = new Map<string, Map<string, string>>();
  for (const f of names) out.set(f.slice('.env.'.length), parseEnvFile(await readFile(path.join(ENV_DIR, f), 'utf8')));
  return out;
}

export async function manifestTemplate(): Promise<string> {
  return readFile(path.join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8');
}
