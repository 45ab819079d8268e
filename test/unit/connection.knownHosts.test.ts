import * as assert from 'assert';
import { checkHostKey, fingerprint, hashHostName, hostMatches, keyTypeOf, knownHostName, parseKnownHosts, preferredHostKeyAlgorithms } from '../../src/core/knownHosts';
import { sshError, toDockerError } from '../../src/docker/errors';

/** A host key and what OpenSSH 9.2 said about it (ssh-keygen -lf, ssh-keygen -H). */
const ED25519 = 'AAAAC3NzaC1lZDI1NTE5AAAAIKvK0HIFsQo/dzOpxn8cd1auqDPETmPgrFauWhSkGNCD';
const ED25519_FINGERPRINT = 'SHA256:cxi9VmX2p4E9T6GaSX1RkYlSAaeNqqf0HKMfnOHB45g';
const HASHED_LOCAL_2222 = '|1|/83UGHE+KV1n1Kl2lZp/+9cP8rE=|RewlVIBFU7rasDX2pPE14QRngkU='; // [127.0.0.1]:2222
const HASHED_EXAMPLE = '|1|+08nJirMvq0wkLN8EDSIv7xRTCc=|qsCp91clUs8OFG5QYIneqAlX29k='; // example.com
const OTHER_ED25519 = 'AAAAC3NzaC1lZDI1NTE5AAAAIP51Ha3xytabYN+oA6BqDkuYbchRJFs00h793dqI2RHs';
const blob = (b64: string) => Buffer.from(b64, 'base64');
/** An RSA key blob is only its type here: enough to tell types apart. */
const rsaBlob = () => Buffer.concat([Buffer.from([0, 0, 0, 7]), Buffer.from('ssh-rsa'), Buffer.from([0, 0, 0, 1, 1])]);

describe('connection: known_hosts as OpenSSH reads it', () => {
  it('parses lines, markers and comments, and remembers where each came from', () => {
    const entries = parseKnownHosts(`# a comment\n\nhost1,10.0.0.1 ssh-ed25519 ${ED25519} me@laptop\n@revoked * ssh-ed25519 ${OTHER_ED25519}\n@cert-authority *.example.com ssh-ed25519 ${ED25519}\nbroken-line\n`, '/k');
    assert.deepStrictEqual(entries.map((e) => [e.source, e.marker, e.hosts, e.keyType]), [
      ['/k:3', undefined, 'host1,10.0.0.1', 'ssh-ed25519'],
      ['/k:4', 'revoked', '*', 'ssh-ed25519'],
      ['/k:5', 'cert-authority', '*.example.com', 'ssh-ed25519'],
    ]);
  });

  it('looks a host up as `host` on port 22 and `[host]:port` otherwise', () => {
    assert.strictEqual(knownHostName('example.com', 22), 'example.com');
    assert.strictEqual(knownHostName('127.0.0.1', 2222), '[127.0.0.1]:2222');
  });

  it('matches lists, wildcards and negations, case-insensitively', () => {
    assert.ok(hostMatches('a.example.com,10.0.0.1', '10.0.0.1'));
    assert.ok(hostMatches('*.EXAMPLE.com', 'build.example.com'));
    assert.ok(hostMatches('build?.example.com', 'build1.example.com'));
    assert.ok(!hostMatches('*.example.com,!secret.example.com', 'secret.example.com'));
    assert.ok(!hostMatches('example.com', '[example.com]:2222'), 'another port is another host');
    assert.ok(hostMatches('[127.0.0.1]:2222', '[127.0.0.1]:2222'));
    assert.ok(!hostMatches('[127.0.0.1]:2222', '127.0.0.1'));
  });

  it('matches hashed names written by ssh-keygen -H, and hashes the same way', () => {
    assert.ok(hostMatches(HASHED_LOCAL_2222, '[127.0.0.1]:2222'));
    assert.ok(!hostMatches(HASHED_LOCAL_2222, '127.0.0.1'));
    assert.ok(hostMatches(HASHED_EXAMPLE, 'example.com'));
    assert.ok(!hostMatches(HASHED_EXAMPLE, 'example.org'));
    const salt = Buffer.from('/83UGHE+KV1n1Kl2lZp/+9cP8rE=', 'base64');
    assert.strictEqual(hashHostName('[127.0.0.1]:2222', salt), HASHED_LOCAL_2222);
  });

  it('a key is known, unknown, changed or revoked', () => {
    const known = parseKnownHosts(`${HASHED_LOCAL_2222} ssh-ed25519 ${ED25519}\nexample.com ssh-rsa AAAAB3NzaC1yc2E=\n`, '/k');
    assert.deepStrictEqual(checkHostKey(known, '127.0.0.1', 2222, blob(ED25519)), { status: 'known', source: '/k:1' });
    assert.deepStrictEqual(checkHostKey(known, '127.0.0.1', 2222, blob(OTHER_ED25519)), { status: 'changed', source: '/k:1' });
    assert.deepStrictEqual(checkHostKey(known, '127.0.0.1', 2223, blob(ED25519)), { status: 'unknown', otherTypes: [] });
    assert.deepStrictEqual(checkHostKey(known, 'example.com', 22, blob(ED25519)), { status: 'unknown', otherTypes: ['ssh-rsa'] }, 'a new key type is not a change, but not accepted either');
    assert.deepStrictEqual(checkHostKey([], 'example.com', 22, blob(ED25519)), { status: 'unknown', otherTypes: [] });
    const revoked = parseKnownHosts(`${HASHED_LOCAL_2222} ssh-ed25519 ${ED25519}\n@revoked * ssh-ed25519 ${ED25519}\n`, '/k');
    assert.deepStrictEqual(checkHostKey(revoked, '127.0.0.1', 2222, blob(ED25519)), { status: 'revoked', source: '/k:2' });
  });

  it('reads the type and fingerprint of a key blob as ssh-keygen shows them', () => {
    assert.strictEqual(keyTypeOf(blob(ED25519)), 'ssh-ed25519');
    assert.strictEqual(keyTypeOf(rsaBlob()), 'ssh-rsa');
    assert.strictEqual(fingerprint(blob(ED25519)), ED25519_FINGERPRINT);
  });

  it('asks first for the host key algorithms of the recorded keys', () => {
    const entries = parseKnownHosts(`example.com ssh-rsa AAAAB3NzaC1yc2E=\n[example.com]:2222 ecdsa-sha2-nistp256 AAAA\n`, '/k');
    assert.deepStrictEqual(preferredHostKeyAlgorithms(entries, 'example.com', 22), ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    assert.deepStrictEqual(preferredHostKeyAlgorithms(entries, 'example.com', 2222), ['ecdsa-sha2-nistp256']);
    assert.deepStrictEqual(preferredHostKeyAlgorithms(entries, 'other', 22), []);
  });
});

describe('connection: each TLS and SSH failure has its own message', () => {
  const EP = 'tcp://127.0.0.1:2376';
  const tls = (code: string, message = code) => toDockerError(Object.assign(new Error(message), { code }), EP);

  it('TLS: untrusted CA, wrong name, expired, refused client certificate, no TLS on the port, TLS expected', () => {
    const messages = [
      tls('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'),
      tls('SELF_SIGNED_CERT_IN_CHAIN'),
      tls('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"),
      tls('CERT_HAS_EXPIRED'),
      tls('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'),
      tls('EPROTO', 'SSL routines:ssl3_get_record:wrong version number'),
      // what docker-modem gives for Go's plain-text answer on a TLS port
      toDockerError({ statusCode: 400, reason: 'bad parameter', json: Buffer.from('Client sent an HTTP request to an HTTPS server.\n') }, EP),
    ];
    for (const e of messages) {
      assert.strictEqual(e.kind, 'tls', e.message);
      assert.ok(e.isConnectionError);
      assert.ok(e.message.includes(EP), `names the endpoint: ${e.message}`);
    }
    assert.match(messages[0].message, /CA did not sign.*unable to verify the first certificate/);
    assert.strictEqual(messages[0].message.split('(')[0], messages[1].message.split('(')[0], 'one message for every untrusted chain');
    assert.match(messages[2].message, /not valid for that host name/);
    assert.match(messages[3].message, /expired/);
    assert.match(messages[4].message, /refused Docker Deck's client certificate/);
    assert.match(messages[5].message, /does not speak TLS/);
    assert.match(messages[6].message, /expects TLS/);
    assert.strictEqual(new Set(messages.slice(1).map((e) => e.message.split('(')[0])).size, 6);
  });

  it('SSH: host key unknown, changed, revoked; login refused; no key; no server; timeout; dial-stdio', () => {
    const ep = 'ssh://me@h:2222';
    const unknown = sshError({ kind: 'hostKeyUnknown', hostName: '[h]:2222', keyType: 'ssh-ed25519', fingerprint: ED25519_FINGERPRINT, knownHostsFile: '/home/me/.ssh/known_hosts', sshCommand: 'ssh -p 2222 me@h' }, ep, 'Host denied');
    assert.strictEqual(unknown.kind, 'ssh');
    assert.match(unknown.message, /host key of \[h\]:2222 is not known .*SHA256:cxi9.*never accepts an unknown host key.*`ssh -p 2222 me@h`/);
    const changed = sshError({ kind: 'hostKeyChanged', hostName: '[h]:2222', keyType: 'ssh-ed25519', fingerprint: ED25519_FINGERPRINT, recordedAt: '/k:3' }, ep, 'Host denied');
    assert.match(changed.message, /has CHANGED.*\/k:3.*ssh-keygen -R "\[h\]:2222"/);
    assert.match(sshError({ kind: 'hostKeyRevoked', hostName: 'h', fingerprint: 'SHA256:x', recordedAt: '/k:1' }, ep, 'x').message, /@revoked/);
    const refused = sshError({ kind: 'authRefused', user: 'me', tried: ['ssh-agent', '/home/me/.ssh/id_ed25519'], locked: ['/home/me/.ssh/id_rsa'] }, ep, 'All configured authentication methods failed');
    assert.match(refused.message, /SSH login to ssh:\/\/me@h:2222 as "me" was refused \(tried ssh-agent, \/home\/me\/\.ssh\/id_ed25519\).*id_rsa needs a passphrase/);
    assert.match(sshError({ kind: 'noIdentity', user: 'me', locked: [] }, ep, 'x').message, /No SSH key/);
    const noServer = sshError({ kind: 'noServer' }, ep, 'connect ECONNREFUSED 127.0.0.1:2222');
    assert.strictEqual(noServer.kind, 'unreachable');
    assert.match(noServer.message, /No SSH server answers at ssh:\/\/me@h:2222 \(connect ECONNREFUSED/);
    assert.strictEqual(sshError({ kind: 'timeout' }, ep, 'Timed out while waiting for handshake').kind, 'timeout');
    assert.match(sshError({ kind: 'dialStdio', output: 'bash: docker: command not found' }, ep, 'x').message, /dial-stdio` failed there: bash: docker: command not found/);
  });
});
