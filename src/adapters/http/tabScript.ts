/**
 * The tab page's script (src/tab/app.ts with @microsoft/teams-js), bundled for the browsers Teams
 * supports: by `npm run build` into the build output, or in memory by `bundleTabScript` when the app
 * runs from the sources (`npm start` through tsx), where there is no build.
 *
 * esbuild is a dev dependency: production runs the build output, which has app.js, so it never
 * reaches `bundleTabScript`. This file is the one place src/ may load a dev dependency at run time
 * (.dependency-cruiser.cjs names it), and only by a dynamic import on that path.
 */
import path from 'node:path';

export const TAB_SCRIPT_BUILD = {
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome109', 'edge109', 'firefox115', 'safari15'],
  minify: true,
  legalComments: 'eof',
  logLevel: 'silent',
} as const;

/** app.js bundled from `dir`/app.ts, in memory; nothing is written. */
export async function bundleTabScript(dir: string): Promise<Buffer> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({ ...TAB_SCRIPT_BUILD, target: [...TAB_SCRIPT_BUILD.target], entryPoints: [path.join(dir, 'app.ts')], write: false });
  const out = result.outputFiles[0];
  if (out === undefined) throw new Error('esbuild produced no output');
  return Buffer.from(out.contents);
}
