/**
 * The runtime the suite runs on is one package.json allows: Node 22 LTS or later (Node 20 reached
 * end of life in April 2026). `.ci/run` installs Node 22 when the machine's is older.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { engines: { node: string } };

describe('runtime', () => {
  it('package.json requires Node 22 or later', () => {
    assert.equal(pkg.engines.node, '>=22');
  });

  it(`runs on a Node that package.json allows (this is ${process.version})`, () => {
    const major = Number(process.versions.node.split('.')[0]);
    assert.ok(major >= 22, `Node ${process.version}: run the suite with Node 22 (README "Node.js 22")`);
  });
});
