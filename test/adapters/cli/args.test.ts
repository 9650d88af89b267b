import { strict as assert } from 'node:assert';
import { readArgs, tenantIdProblem } from '../../../src/adapters/cli/args';

describe('cli/args: options of the data commands', () => {
  const names = ['tenant', 'email'] as const;

  it('reads --name value and --name=value, and keeps positionals', () => {
    assert.deepEqual(readArgs(['staff.csv', '--tenant', 't-1', '--email=a@b.example'], names), {
      ok: true,
      options: { tenant: 't-1', email: 'a@b.example' },
      positionals: ['staff.csv'],
    });
  });

  it('asks for help on --help and -h', () => {
    assert.deepEqual(readArgs(['--tenant', 't', '--help'], names), { ok: 'help' });
    assert.deepEqual(readArgs(['-h'], names), { ok: 'help' });
  });

  it('names what is wrong: an unknown option, a missing value, an empty value, an option given twice', () => {
    assert.deepEqual(readArgs(['--format', 'csv'], names), { ok: false, message: 'unknown option --format' });
    assert.deepEqual(readArgs(['--tenant', '--email', 'a@b.example'], names), { ok: false, message: '--tenant needs a value' });
    assert.deepEqual(readArgs(['--tenant='], names), { ok: false, message: '--tenant needs a value' });
    assert.deepEqual(readArgs(['--tenant', 'a', '--tenant', 'b'], names), { ok: false, message: '--tenant is given twice' });
  });

  it('accepts a tenant id the stores can use and refuses others', () => {
    assert.equal(tenantIdProblem('72f988bf-86f1-41af-91ab-2d7cd011db47'), undefined);
    assert.match(tenantIdProblem(undefined) ?? '', /--tenant <id> is required/);
    assert.match(tenantIdProblem('a/b') ?? '', /is not a tenant id/);
  });
});
