import * as assert from 'assert';
import * as path from 'path';
import { contextId, EngineTarget, FileReader, listContexts, parseContextMeta, resolveEngineTarget, ResolutionInputs } from '../../src/core/dockerContext';
import { formatEndpoint, parseDockerHost } from '../../src/core/endpoint';

/** A disk of a few files, as the docker CLI lays them out. */
function disk(files: Record<string, string>): FileReader {
  return {
    read: (f) => files[f],
    exists: (f) => f in files,
    list: (dir) => [...new Set(Object.keys(files).filter((f) => f.startsWith(dir + path.sep)).map((f) => f.slice(dir.length + 1).split(path.sep)[0]))],
  };
}

const HOME = '/home/dev';
const CONFIG = `${HOME}/.docker`;
/** What `docker context create` wrote (captured from docker CLI 28.2.2), with its directory names. */
const REMOTE_ID = 'b71199ebd070b36beab7317920c2c2f1d777df8d05e5527d8458fda57cb17a7a';
const REMOTE_META = '{"Name":"remote","Metadata":{"Description":"a remote engine"},"Endpoints":{"docker":{"Host":"tcp://10.0.0.5:2376","SkipTLSVerify":false}}}';
const INSECURE_META = '{"Name":"insecure","Metadata":{},"Endpoints":{"docker":{"Host":"tcp://10.0.0.6:2376","SkipTLSVerify":true}}}';

function contextFiles(configDir: string, name: string, meta: string, tls: string[] = []): Record<string, string> {
  const id = contextId(name);
  const files: Record<string, string> = { [`${configDir}/contexts/meta/${id}/meta.json`]: meta };
  for (const f of tls) files[`${configDir}/contexts/tls/${id}/docker/${f}`] = `-- ${f} --`;
  return files;
}

const base = (over: Partial<ResolutionInputs> & { disk?: Record<string, string> } = {}): ResolutionInputs => ({
  env: {},
  homeDir: HOME,
  username: 'dev',
  platform: 'linux',
  files: disk(over.disk ?? {}),
  ...over,
});

const summary = (t: EngineTarget) => ({ label: t.label, source: t.source, context: t.contextName, error: t.error?.kind });

describe('connection: endpoints as the docker CLI writes them', () => {
  it('parses unix, npipe, tcp (also without scheme) and ssh, and writes them back', () => {
    const cases: [string, string][] = [
      ['unix:///var/run/docker.sock', 'unix:///var/run/docker.sock'],
      ['unix://', 'unix:///var/run/docker.sock'],
      ['npipe:////./pipe/docker_engine', 'npipe:////./pipe/docker_engine'],
      ['tcp://10.0.0.5:2376', 'tcp://10.0.0.5:2376'],
      ['10.0.0.5:2375', 'tcp://10.0.0.5:2375'],
      ['tcp://[::1]:2376', 'tcp://[::1]:2376'],
      ['ssh://deploy@build.example.com', 'ssh://deploy@build.example.com'],
      ['ssh://build.example.com:2222', 'ssh://build.example.com:2222'],
      ['ssh://me@[::1]:22', 'ssh://me@[::1]'],
    ];
    for (const [input, expected] of cases) {
      const r = parseDockerHost(input);
      assert.ok(r.ok, `${input}: ${!r.ok && r.error}`);
      assert.strictEqual(formatEndpoint(r.value), expected);
    }
    const ssh = parseDockerHost('ssh://deploy@build.example.com:2222');
    assert.deepStrictEqual(ssh.ok && ssh.value, { kind: 'ssh', host: 'build.example.com', port: 2222, user: 'deploy' });
  });

  it('refuses malformed hosts, saying what is wrong', () => {
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['tcp://10.0.0.5', /no port/],
      ['tcp://:2376', /expected tcp:\/\/host:port|no host/],
      ['ftp://x:1', /unsupported scheme "ftp"/],
      ['tcp://host:2376/path', /path is not allowed/],
      ['ssh://', /expected ssh:\/\/|no host/],
    ];
    for (const [input, why] of cases) {
      const r = parseDockerHost(input);
      assert.ok(!r.ok, `${input} should be refused`);
      assert.match(r.error, why, input);
      assert.match(r.error, /is not a valid Docker host/);
    }
  });
});

describe('connection: docker contexts as the CLI stores them', () => {
  it('names a context directory by the sha256 of its name, as the CLI does', () => {
    assert.strictEqual(contextId('remote'), REMOTE_ID);
  });

  it('reads meta.json: name, description, host, SkipTLSVerify', () => {
    assert.deepStrictEqual(parseContextMeta(REMOTE_META), { ok: true, value: { name: 'remote', description: 'a remote engine', host: 'tcp://10.0.0.5:2376', skipTLSVerify: false } });
    assert.deepStrictEqual(parseContextMeta(INSECURE_META), { ok: true, value: { name: 'insecure', description: undefined, host: 'tcp://10.0.0.6:2376', skipTLSVerify: true } });
    const broken = parseContextMeta('{"Name":');
    assert.ok(!broken.ok && /not valid JSON/.test(broken.error));
    const noDocker = parseContextMeta('{"Name":"k8s","Endpoints":{}}');
    assert.ok(!noDocker.ok && /"k8s" has no Docker endpoint/.test(noDocker.error));
  });

  it('lists contexts sorted by name and reports unreadable ones', () => {
    const files = {
      ...contextFiles(CONFIG, 'remote', REMOTE_META),
      ...contextFiles(CONFIG, 'insecure', INSECURE_META),
      [`${CONFIG}/contexts/meta/${contextId('bad')}/meta.json`]: 'not json',
    };
    const { contexts, problems } = listContexts(base({ disk: files }));
    assert.deepStrictEqual(contexts.map((c) => c.name), ['insecure', 'remote']);
    assert.strictEqual(problems.length, 1);
    assert.match(problems[0], /meta\.json: it is not valid JSON/);
  });
});

describe('connection: which engine, in the CLI\'s order of precedence', () => {
  const files = {
    ...contextFiles(CONFIG, 'remote', REMOTE_META, ['ca.pem', 'cert.pem', 'key.pem']),
    ...contextFiles(CONFIG, 'insecure', INSECURE_META),
    ...contextFiles(CONFIG, 'builder', '{"Name":"builder","Endpoints":{"docker":{"Host":"ssh://ci@builder.example.com"}}}'),
    [`${CONFIG}/config.json`]: '{"auths":{},"currentContext":"insecure"}',
  };
  const env = { DOCKER_HOST: 'tcp://10.9.9.9:2375', DOCKER_CONTEXT: 'builder' };

  it('dockerDeck.host first, then dockerDeck.context, DOCKER_HOST, DOCKER_CONTEXT, currentContext, the default socket', () => {
    const steps: [Partial<ResolutionInputs>, ReturnType<typeof summary>][] = [
      [{ hostSetting: 'unix:///run/user/1000/docker.sock', contextSetting: 'remote', env }, { label: 'unix:///run/user/1000/docker.sock', source: 'setting', context: 'default', error: undefined }],
      [{ contextSetting: 'remote', env }, { label: 'tcp://10.0.0.5:2376', source: 'settingContext', context: 'remote', error: undefined }],
      [{ env }, { label: 'tcp://10.9.9.9:2375', source: 'DOCKER_HOST', context: 'default', error: undefined }],
      [{ env: { DOCKER_CONTEXT: 'builder' } }, { label: 'ssh://ci@builder.example.com', source: 'DOCKER_CONTEXT', context: 'builder', error: undefined }],
      [{}, { label: 'tcp://10.0.0.6:2376', source: 'currentContext', context: 'insecure', error: undefined }],
    ];
    for (const [inputs, expected] of steps) assert.deepStrictEqual(summary(resolveEngineTarget(base({ disk: files, ...inputs }))), expected);
    assert.deepStrictEqual(summary(resolveEngineTarget(base())), { label: 'unix:///var/run/docker.sock', source: 'default', context: 'default', error: undefined });
    assert.strictEqual(resolveEngineTarget(base({ platform: 'win32' })).label, 'npipe:////./pipe/docker_engine');
  });

  it('"default" is the environment\'s engine: DOCKER_HOST when set, else the socket', () => {
    assert.strictEqual(resolveEngineTarget(base({ disk: files, contextSetting: 'default', env })).label, 'tcp://10.9.9.9:2375');
    assert.strictEqual(resolveEngineTarget(base({ disk: files, contextSetting: 'default' })).label, 'unix:///var/run/docker.sock');
    assert.strictEqual(resolveEngineTarget(base({ disk: { [`${CONFIG}/config.json`]: '{"currentContext":"default"}' } })).label, 'unix:///var/run/docker.sock');
  });

  it('reads the config dir named by DOCKER_CONFIG instead of ~/.docker', () => {
    const other = '/tmp/cfg';
    const t = resolveEngineTarget(base({ env: { DOCKER_CONFIG: other }, disk: { ...contextFiles(other, 'remote', REMOTE_META), [`${other}/config.json`]: '{"currentContext":"remote"}' } }));
    assert.deepStrictEqual(summary(t), { label: 'tcp://10.0.0.5:2376', source: 'currentContext', context: 'remote', error: undefined });
  });

  it('an unknown context, a broken one and a malformed host each say what is wrong and where it came from', () => {
    const unknown = resolveEngineTarget(base({ disk: files, env: { DOCKER_CONTEXT: 'nope' } }));
    assert.strictEqual(unknown.error?.kind, 'badEndpoint');
    assert.match(unknown.error!.message, /The Docker context "nope" \(from DOCKER_CONTEXT\) does not exist in \/home\/dev\/\.docker/);
    assert.match(resolveEngineTarget(base({ disk: files, contextSetting: 'gone' })).error!.message, /"gone" \(from dockerDeck\.context\)/);

    const broken = resolveEngineTarget(base({ disk: contextFiles(CONFIG, 'x', '{"Name":"x","Endpoints":{"docker":{"Host":"tcp://nohost"}}}'), contextSetting: 'x' }));
    assert.match(broken.error!.message, /The Docker context "x": "tcp:\/\/nohost" is not a valid Docker host: no port/);

    const malformed = resolveEngineTarget(base({ env: { DOCKER_HOST: 'tcp//oops' } }));
    assert.strictEqual(malformed.error?.kind, 'badEndpoint');
    assert.match(malformed.error!.message, /\(from DOCKER_HOST\)\. Fix it and retry\./);
    assert.match(resolveEngineTarget(base({ hostSetting: 'bogus://x' })).error!.message, /unsupported scheme "bogus".*\(from dockerDeck\.host\)/);
  });

  it('a malformed config.json is ignored with a warning, as the CLI does', () => {
    const t = resolveEngineTarget(base({ disk: { [`${CONFIG}/config.json`]: '{oops' } }));
    assert.strictEqual(t.label, 'unix:///var/run/docker.sock');
    assert.match(t.warning ?? '', /config\.json/);
  });
});

describe('connection: TLS material, as the CLI finds it', () => {
  const certs = (dir: string, names: string[]) => Object.fromEntries(names.map((n) => [`${dir}/${n}`, n]));

  it('DOCKER_TLS_VERIFY with DOCKER_HOST=tcp:// verifies with DOCKER_CERT_PATH\'s files', () => {
    const t = resolveEngineTarget(base({ env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }, disk: certs('/certs', ['ca.pem', 'cert.pem', 'key.pem']) }));
    assert.deepStrictEqual(t.tls, { verify: true, ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem' });
    assert.strictEqual(t.error, undefined);
  });

  it('DOCKER_CERT_PATH defaults to the config dir; the setting host gets TLS like `docker -H`', () => {
    const t = resolveEngineTarget(base({ hostSetting: 'tcp://h:2376', env: { DOCKER_TLS_VERIFY: 'yes' }, disk: certs(CONFIG, ['ca.pem']) }));
    assert.deepStrictEqual(t.tls, { verify: true, ca: `${CONFIG}/ca.pem`, cert: undefined, key: undefined });
  });

  it('no TLS when DOCKER_TLS_VERIFY is empty, or for unix and ssh endpoints', () => {
    assert.strictEqual(resolveEngineTarget(base({ env: { DOCKER_HOST: 'tcp://h:2375', DOCKER_TLS_VERIFY: '' } })).tls, undefined);
    assert.strictEqual(resolveEngineTarget(base({ env: { DOCKER_HOST: 'unix:///x.sock', DOCKER_TLS_VERIFY: '1' } })).tls, undefined);
    assert.strictEqual(resolveEngineTarget(base({ env: { DOCKER_HOST: 'ssh://h', DOCKER_TLS_VERIFY: '1' } })).tls, undefined);
  });

  it('a missing CA, or a certificate without its key (and the reverse), is an error naming the file', () => {
    const noCa = resolveEngineTarget(base({ env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' } }));
    assert.strictEqual(noCa.error?.kind, 'tls');
    assert.match(noCa.error!.message, /CA certificate \/certs\/ca\.pem does not exist/);
    const noKey = resolveEngineTarget(base({ env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }, disk: certs('/certs', ['ca.pem', 'cert.pem']) }));
    assert.match(noKey.error!.message, /client certificate \/certs\/cert\.pem has no key: \/certs\/key\.pem does not exist/);
    const noCert = resolveEngineTarget(base({ env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }, disk: certs('/certs', ['ca.pem', 'key.pem']) }));
    assert.match(noCert.error!.message, /client key \/certs\/key\.pem has no certificate/);
  });

  it('a context uses its stored files; SkipTLSVerify turns verification off; no files means plain HTTP', () => {
    const dir = `${CONFIG}/contexts/tls/${REMOTE_ID}/docker`;
    const remote = resolveEngineTarget(base({ contextSetting: 'remote', disk: contextFiles(CONFIG, 'remote', REMOTE_META, ['ca.pem', 'cert.pem', 'key.pem']) }));
    assert.deepStrictEqual(remote.tls, { verify: true, ca: `${dir}/ca.pem`, cert: `${dir}/cert.pem`, key: `${dir}/key.pem` });
    const insecure = resolveEngineTarget(base({ contextSetting: 'insecure', disk: contextFiles(CONFIG, 'insecure', INSECURE_META) }));
    assert.deepStrictEqual(insecure.tls, { verify: false, ca: undefined, cert: undefined, key: undefined });
    const plain = resolveEngineTarget(base({ contextSetting: 'remote', disk: contextFiles(CONFIG, 'remote', REMOTE_META) }));
    assert.strictEqual(plain.tls, undefined);
    const noKey = resolveEngineTarget(base({ contextSetting: 'remote', disk: contextFiles(CONFIG, 'remote', REMOTE_META, ['ca.pem', 'cert.pem']) }));
    assert.strictEqual(noKey.error?.kind, 'tls');
    assert.ok(noKey.error!.message.includes(`${dir}/key.pem does not exist`));
  });
});

describe('connection: what an ssh:// endpoint takes from this machine', () => {
  it('the user from the URL, else the local one; the agent; the keys that exist, in order; known_hosts files', () => {
    const ssh = `${HOME}/.ssh`;
    const t = resolveEngineTarget(base({ env: { DOCKER_HOST: 'ssh://builder:2222', SSH_AUTH_SOCK: '/tmp/agent.sock' }, disk: { [`${ssh}/id_rsa`]: 'k', [`${ssh}/id_ed25519`]: 'k' } }));
    assert.deepStrictEqual(t.ssh, {
      user: 'dev',
      agentSocket: '/tmp/agent.sock',
      identityFiles: [`${ssh}/id_ed25519`, `${ssh}/id_rsa`],
      knownHostsFiles: [`${ssh}/known_hosts`, `${ssh}/known_hosts2`, '/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
    });
    assert.strictEqual(resolveEngineTarget(base({ env: { DOCKER_HOST: 'ssh://ci@builder' } })).ssh?.user, 'ci');
    assert.strictEqual(resolveEngineTarget(base({ env: { DOCKER_HOST: 'ssh://ci@builder' } })).ssh?.agentSocket, undefined);
    assert.strictEqual(resolveEngineTarget(base({ platform: 'win32', env: { DOCKER_HOST: 'ssh://ci@builder' } })).ssh?.agentSocket, '\\\\.\\pipe\\openssh-ssh-agent');
  });
});
