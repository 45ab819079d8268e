import * as assert from 'assert';
import { formatCommandLine, quoteArg } from '../../src/core/shell';
import { LayerProgress } from '../../src/core/pullProgress';
import { credentialSourceFor, DOCKER_HUB_AUTH_KEY, fromHelperAnswer } from '../../src/core/registryAuth';
import { toDockerError } from '../../src/docker/errors';

const EP = 'unix:///var/run/docker.sock';

describe('errors mapped to what a user can act on', () => {
  it('daemon not running, for a missing socket and a refused connection', () => {
    for (const code of ['ENOENT', 'ECONNREFUSED']) {
      const e = toDockerError(Object.assign(new Error(`connect ${code} /var/run/docker.sock`), { code }), EP);
      assert.strictEqual(e.kind, 'notRunning');
      assert.ok(e.isConnectionError);
      assert.match(e.message, /not running at unix:\/\/\/var\/run\/docker\.sock/);
      assert.match(e.message, new RegExp(code));
      assert.match(e.reason, new RegExp(code), 'the system\'s own words are kept');
    }
  });

  it('no permission on the socket says what to do', () => {
    const e = toDockerError(Object.assign(new Error('connect EACCES /var/run/docker.sock'), { code: 'EACCES' }), EP);
    assert.strictEqual(e.kind, 'permission');
    assert.match(e.message, /"docker" group/);
  });

  it('timeouts and cancellation', () => {
    assert.strictEqual(toDockerError(Object.assign(new Error('x'), { code: 'DOCKER_DECK_TIMEOUT' }), EP).kind, 'timeout');
    assert.strictEqual(toDockerError(Object.assign(new Error('aborted'), { name: 'AbortError' }), EP).kind, 'cancelled');
  });

  it('keeps the daemon\'s own message for API errors (404, 409, 500)', () => {
    const e404 = toDockerError({ statusCode: 404, json: { message: 'No such container: web' } }, EP);
    assert.strictEqual(e404.kind, 'notFound');
    assert.strictEqual(e404.reason, 'No such container: web');
    assert.match(e404.message, /No such container: web/);
    const e409 = toDockerError({ statusCode: 409, json: { message: 'Conflict. The container name "/web" is already in use' } }, EP);
    assert.strictEqual(e409.kind, 'conflict');
    assert.match(e409.message, /already in use/);
    const e500 = toDockerError({ statusCode: 500, json: 'driver failed programming external connectivity' }, EP);
    assert.strictEqual(e500.kind, 'api');
    assert.strictEqual(e500.reason, 'driver failed programming external connectivity');
    assert.ok(!e500.isConnectionError);
    assert.strictEqual(toDockerError({ statusCode: 304, reason: 'container already started' }, EP).kind, 'notModified');
  });
});

describe('command lines for the log', () => {
  it('quotes only what a shell would change', () => {
    assert.strictEqual(quoteArg('web'), 'web');
    assert.strictEqual(quoteArg('a b'), "'a b'");
    assert.strictEqual(quoteArg("it's"), "'it'\\''s'");
    assert.strictEqual(quoteArg(''), "''");
    assert.strictEqual(formatCommandLine(['docker', 'stop', '-t', '10', 'my web']), "docker stop -t 10 'my web'");
  });
});

describe('pull progress per layer', () => {
  it('sums layers and bytes, and keeps the final status', () => {
    const p = new LayerProgress();
    p.update({ status: 'Pulling from library/alpine', id: 'latest' });
    p.update({ status: 'Pulling fs layer', id: 'a' });
    p.update({ status: 'Pulling fs layer', id: 'b' });
    p.update({ status: 'Downloading', id: 'a', progressDetail: { current: 500, total: 1000 } });
    p.update({ status: 'Downloading', id: 'b', progressDetail: { current: 0, total: 3000 } });
    assert.strictEqual(p.summary, '0 of 2 layers · 500B of 4kB');
    assert.strictEqual(p.fraction, 500 / 4000);
    p.update({ status: 'Pull complete', id: 'a' });
    p.update({ status: 'Already exists', id: 'b' });
    assert.strictEqual(p.summary, '2 of 2 layers · 4kB of 4kB');
    assert.strictEqual(p.fraction, 1);
    p.update({ status: 'Status: Downloaded newer image for alpine:latest' });
    assert.strictEqual(p.lastStatus, 'Status: Downloaded newer image for alpine:latest');
  });
});

describe('registry credentials, found where the docker CLI finds them', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  it('an inline auth entry, matched by host whatever the key looks like', () => {
    const config = { auths: { 'https://registry.example:5000/v1/': { auth: b64('me:s3cret') } } };
    assert.deepStrictEqual(credentialSourceFor(config, 'registry.example:5000'), { kind: 'inline', username: 'me', password: 's3cret', serverAddress: 'https://registry.example:5000/v1/' });
    assert.deepStrictEqual(credentialSourceFor(config, 'other.example'), { kind: 'none' });
  });

  it('Docker Hub under its legacy key', () => {
    const config = { auths: { [DOCKER_HUB_AUTH_KEY]: { identitytoken: 'tok' } } };
    assert.deepStrictEqual(credentialSourceFor(config, 'docker.io'), { kind: 'inline', identitytoken: 'tok', serverAddress: DOCKER_HUB_AUTH_KEY });
  });

  it('a per-registry helper wins over the default store, which wins over inline entries', () => {
    const config = { credHelpers: { 'ghcr.io': 'gh' }, credsStore: 'desktop', auths: { 'ghcr.io': { auth: b64('a:b') }, 'quay.io': {} } };
    assert.deepStrictEqual(credentialSourceFor(config, 'ghcr.io'), { kind: 'helper', helper: 'gh', serverUrl: 'ghcr.io' });
    assert.deepStrictEqual(credentialSourceFor(config, 'quay.io'), { kind: 'helper', helper: 'desktop', serverUrl: 'quay.io' });
  });

  it('reads a helper\'s answer, with <token> meaning an identity token', () => {
    assert.deepStrictEqual(fromHelperAnswer('{"ServerURL":"x","Username":"u","Secret":"p"}', 'x'), { username: 'u', password: 'p', serverAddress: 'x' });
    assert.deepStrictEqual(fromHelperAnswer('{"Username":"<token>","Secret":"t"}', 'x'), { identitytoken: 't', serverAddress: 'x' });
  });
});
