import * as assert from 'assert';
import { familiarRepository, formatImageReference, normalizeImageReference, parseImageReference } from '../../src/core/imageRef';

function ok(input: string) {
  const r = parseImageReference(input);
  if (!r.ok) assert.fail(`${input}: ${r.error}`);
  return r.value;
}

function bad(input: string, why: RegExp) {
  const r = parseImageReference(input);
  assert.ok(!r.ok, `${input} should be refused`);
  assert.match(r.error, why);
}

describe('image references, parsed the way docker does', () => {
  const cases: [string, { registry: string; path: string; tag?: string; digest?: string }][] = [
    ['ubuntu', { registry: 'docker.io', path: 'library/ubuntu' }],
    ['ubuntu:22.04', { registry: 'docker.io', path: 'library/ubuntu', tag: '22.04' }],
    ['library/ubuntu:22.04', { registry: 'docker.io', path: 'library/ubuntu', tag: '22.04' }],
    ['docker.io/library/ubuntu', { registry: 'docker.io', path: 'library/ubuntu' }],
    ['index.docker.io/library/ubuntu', { registry: 'docker.io', path: 'library/ubuntu' }],
    ['bitnami/redis:7.2', { registry: 'docker.io', path: 'bitnami/redis', tag: '7.2' }],
    ['localhost:5000/a/b:1', { registry: 'localhost:5000', path: 'a/b', tag: '1' }],
    ['localhost/app', { registry: 'localhost', path: 'app' }],
    ['127.0.0.1:5000/app:dev', { registry: '127.0.0.1:5000', path: 'app', tag: 'dev' }],
    ['[::1]:5000/app', { registry: '[::1]:5000', path: 'app' }],
    ['ghcr.io/o/r@sha256:' + 'a'.repeat(64), { registry: 'ghcr.io', path: 'o/r', digest: 'sha256:' + 'a'.repeat(64) }],
    ['ghcr.io/o/r:v1@sha256:' + 'b'.repeat(64), { registry: 'ghcr.io', path: 'o/r', tag: 'v1', digest: 'sha256:' + 'b'.repeat(64) }],
    ['Foo/bar', { registry: 'Foo', path: 'bar' }],
    ['a.b-c/d__e/f.g-h:T_1.x', { registry: 'a.b-c', path: 'd__e/f.g-h', tag: 'T_1.x' }],
    ['  nginx  ', { registry: 'docker.io', path: 'library/nginx' }],
  ];
  for (const [input, expected] of cases) {
    it(`${input.trim()} -> ${expected.registry}/${expected.path}${expected.tag ? `:${expected.tag}` : ''}`, () => {
      assert.deepStrictEqual(ok(input), { tag: undefined, digest: undefined, ...expected });
    });
  }

  it('refuses invalid references with a reason', () => {
    bad('', /empty/);
    bad('foo/Bar', /must be lowercase/);
    bad('a b', /spaces/);
    bad('ubuntu:', /invalid tag/);
    bad('ubuntu:-x', /invalid tag/);
    bad('ubuntu:' + 'x'.repeat(129), /invalid tag/);
    bad('a..b/c', /invalid registry host|not a valid name component/);
    bad('foo//bar', /name component/);
    bad('-foo', /name component/);
    bad('foo_', /name component/);
    bad('r@sha256:abc', /invalid digest/);
    bad('r@sha256:' + 'A'.repeat(64), /64 lowercase hex/);
    bad('r@md5', /invalid digest/);
    bad('a'.repeat(64), /image IDs/);
    bad(':tag', /name is missing/);
    bad('x/' + 'a'.repeat(260), /longer than 255/);
  });

  it('writes references the way docker images shows them', () => {
    assert.strictEqual(familiarRepository(ok('docker.io/library/ubuntu')), 'ubuntu');
    assert.strictEqual(familiarRepository(ok('docker.io/library/a/b')), 'library/a/b');
    assert.strictEqual(familiarRepository(ok('bitnami/redis')), 'bitnami/redis');
    assert.strictEqual(familiarRepository(ok('localhost:5000/app')), 'localhost:5000/app');
    assert.strictEqual(formatImageReference(ok('ubuntu'), { defaultTag: true }), 'ubuntu:latest');
    assert.strictEqual(formatImageReference(ok('ubuntu'), { fullyQualified: true }), 'docker.io/library/ubuntu');
    const digest = 'sha256:' + 'c'.repeat(64);
    assert.strictEqual(formatImageReference(ok(`r@${digest}`), { defaultTag: true }), `r@${digest}`, 'no default tag with a digest');
  });

  it('normalizes what docker pull would pull', () => {
    assert.strictEqual(normalizeImageReference('alpine'), 'alpine:latest');
    assert.strictEqual(normalizeImageReference('localhost:5000/x'), 'localhost:5000/x:latest');
    assert.strictEqual(normalizeImageReference('nginx:1.27'), 'nginx:1.27');
    assert.strictEqual(normalizeImageReference('Not Valid'), 'Not Valid', 'invalid input is left for the engine to refuse');
  });
});
