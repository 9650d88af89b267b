import { strict as assert } from 'node:assert';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { storeError } from '../../../src/adapters/cosmos/errors';
import { createCosmosClient } from '../../../src/adapters/cosmos/client';
import { startEmbeddedServer } from '../../../src/adapters/cosmos/embeddedServer';
import { CosmosHealthCheck } from '../../../src/adapters/cosmos/healthCheck';
import { CosmosPersonRepository } from '../../../src/adapters/cosmos/repositories';
import { person } from './support';

describe('Cosmos errors become stable codes', () => {
  const code = (error: unknown) => {
    const r = storeError(error, 'person');
    return r.ok ? 'ok' : r.error.code;
  };

  it('maps statuses: 404, 409, 412, 413, and the transient ones', () => {
    assert.equal(code({ code: 404 }), 'NOT_FOUND');
    assert.equal(code({ code: 409 }), 'CONFLICT');
    assert.equal(code({ code: 412 }), 'CONFLICT');
    assert.equal(code({ code: 413 }), 'INVALID_INPUT');
    for (const status of [401, 403, 408, 429, 449, 500, 503]) assert.equal(code({ code: status }), 'STORE_UNAVAILABLE', String(status));
  });

  it('maps transport failures to STORE_UNAVAILABLE', () => {
    for (const c of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND']) assert.equal(code({ code: c, name: 'RestError' }), 'STORE_UNAVAILABLE');
    assert.equal(code({ name: 'AbortError' }), 'STORE_UNAVAILABLE');
  });

  it('rethrows what is our bug: a bad request, or no error from the store at all', () => {
    assert.throws(() => storeError({ code: 400, message: 'syntax' }, 'person'));
    assert.throws(() => storeError(new TypeError('x is undefined'), 'person'), TypeError);
  });

  it('never puts the SDK message (which can echo a request) in the person-facing message', () => {
    const r = storeError({ code: 503, message: 'secret body text' }, 'note');
    assert.ok(!r.ok && !r.error.message.includes('secret'));
  });
});

describe('a database that does not answer', () => {
  let server: net.Server;
  let endpoint: string;
  const sockets = new Set<net.Socket>();

  before(async () => {
    // Accepts connections and never says a word: a hung database.
    server = net.createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  });

  it('health check: STORE_UNAVAILABLE within its timeout', async () => {
    const connection = createCosmosClient({ kind: 'embedded', endpoint, key: 'a2V5' });
    try {
      const r = await new CosmosHealthCheck(connection.client.database('supervision'), 300).check();
      assert.equal(!r.ok && r.error.code, 'STORE_UNAVAILABLE');
      assert.match(!r.ok ? r.error.message : '', /no answer within 300 ms/);
    } finally {
      connection.dispose();
    }
  }).timeout(15_000);

  it('repository: STORE_UNAVAILABLE after the request timeout, not a throw', async () => {
    const connection = createCosmosClient({ kind: 'embedded', endpoint, key: 'a2V5', requestTimeoutMs: 300 });
    try {
      const people = new CosmosPersonRepository(connection.client.database('supervision').container('people'));
      const r = await people.create(person('t1', 'p1'));
      assert.equal(!r.ok && r.error.code, 'STORE_UNAVAILABLE');
    } finally {
      connection.dispose();
    }
  }).timeout(15_000);
});

describe('createCosmosClient', () => {
  it('a real-account client without a key authenticates with Entra and keeps certificate checks on', async () => {
    const server = await startEmbeddedServer();
    const scopes: string[] = [];
    const credential = {
      getToken: async (scope: string | string[]) => {
        scopes.push(...(Array.isArray(scope) ? scope : [scope]));
        return { token: 'fake-token', expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    const connection = createCosmosClient({ kind: 'account', endpoint: server.endpoint, credential, requestTimeoutMs: 2_000 });
    try {
      // The embedded server's certificate is self-signed and expired: an account client must refuse it.
      await assert.rejects(connection.client.database('supervision').read(), (e: Error & { code?: unknown }) =>
        /certificate|self[- ]signed|CERT/i.test(`${String(e.code)} ${e.message}`),
      );
      assert.ok(scopes.some((s) => s.startsWith(`${server.endpoint}`) && s.endsWith('/.default')), `scopes: ${scopes.join(', ')}`);
    } finally {
      connection.dispose();
      await server.close();
    }
  });

  it('relaxes certificate checks only for a loopback endpoint', () => {
    assert.throws(() => createCosmosClient({ kind: 'embedded', endpoint: 'https://example.org:8081', key: 'a2V5' }), /loopback/);
    assert.throws(() => createCosmosClient({ kind: 'embedded', endpoint: 'http://127.0.0.1:8081', key: 'a2V5' }), /https/);
    createCosmosClient({ kind: 'embedded', endpoint: 'https://127.0.0.1:8081', key: 'a2V5' }).dispose();
  });
});
