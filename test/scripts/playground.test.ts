import { strict as assert } from 'node:assert';
import { asPerson, keyOf, readPlaygroundFile } from '../../scripts/playground';

describe('npm run playground: the checked-in .m365agentsplayground.yml', () => {
  it('holds what the Playground 0.2.28 accepts: five users plus the current user, unique ids, one tenant', async () => {
    const file = await readPlaygroundFile();
    assert.equal(file.version, '0.1.1');
    assert.equal(file.users.length, 5);
    const everyone = [file.currentUser, ...file.users];
    assert.equal(new Set(everyone.map((u) => u.id)).size, 6);
    assert.equal(new Set(everyone.map((u) => u.aadObjectId)).size, 6);
    assert.equal(new Set(everyone.map((u) => u.email.toLowerCase())).size, 6);
    for (const u of everyone) for (const field of ['id', 'name', 'userPrincipleName', 'aadObjectId', 'givenName', 'surname', 'email'] as const) assert.ok(u[field], `${u.id}: ${field}`);
    assert.match(file.tenantId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(everyone.map(keyOf).sort(), ['amira', 'daniel', 'noah', 'priya', 'rachel', 'sam']);
  });

  it('--as makes another person the current user, keeping everyone and giving them their own 1:1 chat', async () => {
    const file = await readPlaygroundFile();
    const noah = asPerson(file, 'noah');
    assert.equal(noah.currentUser.name, 'Noah Patel');
    assert.equal(noah.users.length, 5);
    assert.deepEqual([noah.currentUser, ...noah.users].map((u) => u.id).sort(), [file.currentUser, ...file.users].map((u) => u.id).sort());
    assert.notEqual(noah.personalChat.id, file.personalChat.id);
    assert.equal(noah.tenantId, file.tenantId);
    assert.equal(asPerson(file, 'user-psw').currentUser.name, 'Priya Shah');
    assert.equal(asPerson(file, keyOf(file.currentUser)), file, 'the current user as themselves: the file unchanged');
    assert.throws(() => asPerson(file, 'nobody'), /no one called "nobody".*try one of/);
  });
});
