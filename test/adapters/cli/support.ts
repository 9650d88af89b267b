/** Shared by the CLI tests: `npm run cli -- ...` as a separate process on a local data folder. */
import { spawn } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(ROOT, 'src', 'cli.ts');

/** The environment of a local run: the embedded store in `dataDir`, nothing cloud. */
export function localEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_OPTIONS: '' };
  for (const name of ['COSMOS_ENDPOINT', 'COSMOS_KEY', 'COSMOS_DATABASE', 'MicrosoftAppId', 'MicrosoftAppType', 'MicrosoftAppTenantId', 'MicrosoftAppPassword']) {
    delete env[name];
  }
  return env;
}

/** `npm run --silent cli -- ...` as a separate process (tsx, as the npm script does). */
export function cli(args: readonly string[], dataDir: string, cwd = ROOT): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd, env: localEnv(dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
