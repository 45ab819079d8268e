/**
 * Differential test of src/core/runOptions against the real docker CLI and engine.
 *
 * For each command line, one container is created by `docker create <args>`
 * (the CLI, through /bin/sh so the shell does the quoting) and one through the
 * raw Engine API from parseDockerRunCommand + toContainerCreateOptions; their
 * inspected Config and HostConfig must be equal. Then each of the two is
 * rebuilt with runOptionsFromInspect, recreated through the API, and must
 * come out the same again. Containers are only created, never started.
 *
 * Needs DOCKER_HOST (unix:// or tcp://), the docker CLI on PATH (checked with 28.2; the CLI is
 * the reference, so another version may legitimately differ) and the fixture image
 * (DOCKER_DECK_FIXTURE_IMAGE, default dd-fixture:1). Skipped without DOCKER_HOST or the CLI.
 * Everything it creates carries org.dockerdeck.test=<run id> or the run id in its name, and is removed in after().
 *
 * What the comparison ignores, and why:
 * - Config.Hostname when it is the container's own id prefix: the daemon derives it from the id.
 * - The order of HostConfig.Binds: the CLI collects -v values in a Go map, so its order is random.
 * - The order of Config.Env: the CLI passes -e values through a Go map (to merge in proxy
 *   settings), so their order is random too; Env is compared as a sorted list.
 * - Line endings: the CLI side runs the line with \r\n turned into \n, since sh (unlike our
 *   parser) does not take backslash-CRLF for a line continuation.
 * - For `docker run -d` lines, which `docker create` does not accept: the CLI side is created
 *   without -d, and Config.AttachStdin/AttachStdout/AttachStderr/StdinOnce are checked to be
 *   all false on the API side instead of compared.
 * - In the round trip only, NetworkMode "bridge" equals "default": runOptionsFromInspect leaves
 *   both out as the daemon's default, as it is meant to. And Env keeps one entry per name (the
 *   last): env-file entries and -e values may repeat a name, which rebuilt -e values cannot.
 * Container names differ on purpose (the API side appends -api / -rt); Name and Id are not part of
 * Config/HostConfig, and NetworkMode container:<name> is resolved to the id by the daemon on both sides.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import {
  type ContainerCreateOptions, type ContainerInspectInfo, type ImageInspectInfo, type RunOptions,
  parseDockerRunCommand, runOptionsFromInspect, toContainerCreateOptions, toDockerArgs, toDockerRunCommand,
} from '../../src/core/runOptions';
import { lastPerName } from '../../src/core/runOptions/envLabels';

const TEST_LABEL = 'org.dockerdeck.test';
const RUN = randomBytes(4).toString('hex');
const IMAGE = process.env.DOCKER_DECK_FIXTURE_IMAGE ?? 'dd-fixture:1';
const RICH = `dd-fixture-rich:${RUN}`;

/**
 * Placeholders: IMAGE, RICH (an image with Env, Labels, WorkingDir, User, ExposedPorts, Volumes,
 * Entrypoint and Cmd of its own), TMP (an existing host dir), ENVFILE1/ENVFILE2, RUN (this run's id).
 */
const LINES: string[] = [
  'docker run IMAGE',
  'docker run -it IMAGE sh',
  `docker run -i -t --rm IMAGE sh -c 'echo "hi there" > /tmp/x'`,
  'docker run -d --name dd-RUN-detached IMAGE sleep 1000',
  'docker run -d -i IMAGE',
  'docker container run --interactive=true --tty=false IMAGE',
  'docker run --rm=true --init IMAGE',
  'docker run --init=false --rm=false IMAGE',
  'docker run --read-only --privileged IMAGE',
  'docker run -p 127.0.0.1:18080:80 IMAGE',
  'docker run -p=127.0.0.1:18081:80/udp --publish 127.0.0.1:18082:81/sctp IMAGE',
  'docker run -p127.0.0.1::80 --publish=127.0.0.1:18083-18084:90-91 IMAGE',
  `docker run -p '[::1]:18085:80' -p 127.0.0.1:18090-18095:8080 IMAGE`,
  'docker run -itp 127.0.0.1:18086:80 IMAGE',
  'docker run -p 127.0.0.1:18087:80 -p 127.0.0.1:18088:80/TCP --publish-all=false IMAGE',
  'docker run -P RICH',
  'docker run -v TMP:/data IMAGE',
  'docker run -v TMP:/data:ro -v /anon IMAGE',
  'docker run --volume=dd-RUN-vol:/vol:rw,nocopy -v TMP:/b:rshared,z IMAGE',
  'docker run -v TMP:/a -v TMP:/a -v /x -v /x IMAGE',
  'docker run -vTMP:/c --volume TMP:/d:Z,cached IMAGE',
  `docker run -v 'TMP:/with space' IMAGE`,
  'docker run --mount type=bind,source=TMP,target=/m,readonly IMAGE',
  'docker run --mount type=volume,src=dd-RUN-mvol,dst=/mv,volume-nocopy,volume-label=a=b,volume-driver=local IMAGE',
  'docker run --mount type=tmpfs,dst=/t,tmpfs-size=64m,tmpfs-mode=1770 --mount dst=/anonymous-mount IMAGE',
  `docker run --mount 'type=bind,"src=TMP",dst=/q,bind-propagation=rslave,consistency=cached,ro=false' IMAGE`,
  'docker run --mount Type=Bind,Src=TMP,Destination=/u,bind-nonrecursive IMAGE',
  'docker run -e A=1 --env B=2 -eC=3 -e=D=4 --env=E= IMAGE',
  `docker run -e DD_FROM_ENV -e DD_UNSET_VAR -e 'SPACED=a b' -e "QUOTED=it's" IMAGE`,
  'docker run --env-file ENVFILE1 -e X=flag --env-file=ENVFILE2 IMAGE',
  `docker run -l a=b --label c -l=d=e=f --label 'k=with space' IMAGE`,
  'docker run --name dd-RUN-none --network none IMAGE',
  'docker run --net host IMAGE',
  'docker run --network=bridge IMAGE',
  'docker run --network dd-RUN-net -p 127.0.0.1:18089:80 --name dd-RUN-usernet IMAGE',
  'docker run --net=container:dd-RUN-peer IMAGE',
  'docker run --restart always IMAGE',
  'docker run --restart=on-failure:3 IMAGE',
  'docker run --restart unless-stopped --restart on-failure IMAGE',
  'docker run --rm --restart no IMAGE',
  'docker run -w /work -u 1000:1000 -h myhost IMAGE',
  'docker run --workdir=/w2 --user=nobody --hostname=h2.example IMAGE',
  'docker run --entrypoint echo IMAGE hello world',
  `docker run --entrypoint '' RICH sh`,
  'docker run --entrypoint= IMAGE sh',
  'docker run -m 64m --cpus 1.5 IMAGE',
  'docker run --memory=1g --cpus=0.5 IMAGE',
  `docker run -m '6 MiB' --cpus 3/2 IMAGE`,
  'docker run --add-host db:10.0.0.5 --add-host=v6=[::1] --add-host gw:host-gateway IMAGE',
  'docker run RICH',
  'docker run -e IMG_A=1 -e IMG_A=override -w /srv -u nobody -l img.label=x RICH echo img',
  'docker run --entrypoint sh RICH -c "echo img"',
  'docker run --rm -- IMAGE --not-a-flag -it',
  `docker run IMAGE sh -c 'echo $HOME; exit 3'`,
  'docker run \\\n  -it \\\r\n  --rm \\\n  IMAGE \\\n  sh',
  'docker create -it IMAGE',
  'docker container create --name dd-RUN-created -l x=y IMAGE true',
  `docker run -d --rm -it --name dd-RUN-all --init -h all -u 0 -w /srv --restart no -m 32m --cpus 1 ` +
    `-p 127.0.0.1:18100:80 -v TMP:/data:ro -v /cache --mount type=tmpfs,dst=/run/t ` +
    `--env-file ENVFILE1 -e MODE=dev -l app=all --add-host api:127.0.0.1 --read-only IMAGE sh -c 'sleep 1'`,
];

interface EngineReply {
  status: number;
  body: unknown;
}

/** A bare Engine API client over node's http, so the test needs neither dockerode nor the editor. */
function engine(method: string, urlPath: string, body?: unknown): Promise<EngineReply> {
  const host = new URL(process.env.DOCKER_HOST as string);
  const target = host.protocol === 'unix:' ? { socketPath: host.pathname } : { host: host.hostname, port: Number(host.port) };
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { ...target, method, path: urlPath, headers: data ? { 'Content-Type': 'application/json' } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // plain-text error bodies stay text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function engineOk<T>(method: string, urlPath: string, body?: unknown): Promise<T> {
  const reply = await engine(method, urlPath, body);
  if (reply.status >= 300) throw new Error(`${method} ${urlPath} -> ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as T;
}

type Inspect = ContainerInspectInfo & { Config: Record<string, unknown>; HostConfig: Record<string, unknown> };

const inspectContainer = (id: string): Promise<Inspect> => engineOk('GET', `/containers/${id}/json`);

async function createThroughApi(body: ContainerCreateOptions, name: string): Promise<string> {
  const { name: _ignored, ...rest } = body;
  const created = await engineOk<{ Id: string }>('POST', `/containers/create?name=${encodeURIComponent(name)}`, rest);
  return created.Id;
}

/** Config and HostConfig with the volatile parts normalized (see the file comment). */
function comparable(inspect: Inspect, roundTrip = false): { Config: Record<string, unknown>; HostConfig: Record<string, unknown> } {
  const Config = { ...inspect.Config };
  const HostConfig = { ...inspect.HostConfig };
  if (Config.Hostname === inspect.Id.slice(0, 12)) Config.Hostname = '<derived from id>';
  if (Array.isArray(HostConfig.Binds)) HostConfig.Binds = [...(HostConfig.Binds as string[])].sort();
  if (Array.isArray(Config.Env)) {
    const env = Config.Env as string[];
    Config.Env = (roundTrip ? lastPerName(env) : [...env]).sort();
  }
  if (roundTrip && HostConfig.NetworkMode === 'bridge') HostConfig.NetworkMode = 'default';
  return { Config, HostConfig };
}

const ATTACH_FIELDS = ['AttachStdin', 'AttachStdout', 'AttachStderr', 'StdinOnce'] as const;

describe('runOptions against the docker CLI and engine (differential)', function () {
  this.timeout(300_000);
  let tmp: string;
  let env: Record<string, string | undefined>;
  let envFiles: Record<string, string>;
  let image: ImageInspectInfo;
  let richImage: ImageInspectInfo;
  let cliEnv: NodeJS.ProcessEnv;

  const expand = (line: string): string => {
    const values: Record<string, string> = { IMAGE, RICH, TMP: tmp, RUN };
    return line
      // one pass, so a substituted path is never scanned again
      .replace(/IMAGE|RICH|TMP|RUN|ENVFILE(\d)/g, (match, n?: string) => (n ? path.join(tmp, `env${n}.list`) : values[match]))
      // every container of this run carries the label, on both sides
      .replace(/^(docker (?:container )?(?:run|create))/, `$1 -l ${TEST_LABEL}=${RUN}`);
  };

  const docker = (...args: string[]): string => execFileSync('docker', args, { env: cliEnv, encoding: 'utf8' }).trim();

  before(async function () {
    if (!process.env.DOCKER_HOST || !dockerCliAvailable()) {
      this.skip();
      return;
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-runoptions-'));
    fs.writeFileSync(path.join(tmp, 'env1.list'), '# comment\nFILE_A=1\n\n  FILE_B=two words\nDD_FROM_ENV\nDD_UNSET_VAR\nX=file\n');
    fs.writeFileSync(path.join(tmp, 'env2.list'), 'X=second file\r\nY="kept quotes"\r\n');
    envFiles = Object.fromEntries(['env1.list', 'env2.list'].map((f) => [path.join(tmp, f), fs.readFileSync(path.join(tmp, f), 'utf8')]));
    // the CLI reads its environment for `-e KEY`; an empty config dir keeps a developer's proxy settings out of Env
    fs.mkdirSync(path.join(tmp, 'docker-config'));
    env = { ...process.env, DD_FROM_ENV: 'from the environment', DD_UNSET_VAR: undefined };
    cliEnv = { ...env, DOCKER_CONFIG: path.join(tmp, 'docker-config') } as NodeJS.ProcessEnv;
    delete cliEnv.DD_UNSET_VAR;

    image = await engineOk('GET', `/images/${encodeURIComponent(IMAGE)}/json`);
    docker('network', 'create', '--label', `${TEST_LABEL}=${RUN}`, `dd-${RUN}-net`);
    const base = docker('create', '-l', `${TEST_LABEL}=${RUN}`, '--name', `dd-${RUN}-peer`, IMAGE);
    docker(
      'commit',
      '-c', 'ENV IMG_A=1 IMG_B=2',
      '-c', `LABEL ${TEST_LABEL}=${RUN} img.label=x`,
      '-c', 'WORKDIR /srv',
      '-c', 'USER nobody',
      '-c', 'EXPOSE 80/tcp 53/udp',
      '-c', 'VOLUME /cache',
      '-c', 'ENTRYPOINT ["sh", "-c"]',
      '-c', 'CMD ["echo img"]',
      base,
      RICH,
    );
    richImage = await engineOk('GET', `/images/${encodeURIComponent(RICH)}/json`);
  });

  after(async function () {
    if (tmp === undefined) return; // skipped before anything was created
    const filters = encodeURIComponent(JSON.stringify({ label: [`${TEST_LABEL}=${RUN}`] }));
    const containers = await engineOk<{ Id: string }[]>('GET', `/containers/json?all=1&filters=${filters}`);
    for (const c of containers) await engine('DELETE', `/containers/${c.Id}?force=1&v=1`);
    await engine('DELETE', `/images/${encodeURIComponent(RICH)}`);
    await engine('DELETE', `/networks/dd-${RUN}-net`);
    const volumes = await engineOk<{ Volumes: { Name: string }[] | null }>(
      'GET', `/volumes?filters=${encodeURIComponent(JSON.stringify({ name: [`dd-${RUN}-`] }))}`,
    );
    for (const v of volumes.Volumes ?? []) await engine('DELETE', `/volumes/${v.Name}`);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it(`covers at least 40 command lines and every supported flag`, () => {
    assert.ok(LINES.length >= 40, `${LINES.length} lines`);
    const used = new Set<string>();
    for (const line of LINES) {
      const { options } = parseDockerRunCommand(line.replace(/TMP/g, '/tmp').replace(/ENVFILE\d/g, '/tmp/e'));
      for (const [key, value] of Object.entries(options)) {
        if (value === true || (typeof value === 'string' && key !== 'image') || (Array.isArray(value) && value.length > 0)) used.add(key);
      }
    }
    const expected = [
      'interactive', 'tty', 'detach', 'rm', 'publishAll', 'readOnly', 'privileged', 'init', 'name', 'network',
      'restart', 'workdir', 'user', 'entrypoint', 'hostname', 'memory', 'cpus', 'command',
      'publish', 'volumes', 'mounts', 'env', 'envFiles', 'labels', 'addHosts',
    ];
    assert.deepStrictEqual(expected.filter((k) => !used.has(k)), []);
  });

  for (const [index, template] of LINES.entries()) {
    it(`#${index + 1} ${template.replace(/\s*\\\r?\n\s*/g, ' ')}`, async () => {
      const line = expand(template);
      const parsed = parseDockerRunCommand(line);
      assert.deepStrictEqual(parsed.errors, [], 'parse errors');
      assert.deepStrictEqual(parsed.unsupported, []);
      const opts = parsed.options;
      const images = { [IMAGE]: image, [RICH]: richImage };

      // the CLI: docker create has no -d, so a detached line is created attached (see the file comment)
      const cliLine = line
        .replace(/^docker (container )?(run|create)/, 'docker create')
        .replace(/ -d(?= )/, '')
        .replace(/\r\n/g, '\n');
      const cliId = execFileSync('/bin/sh', ['-c', cliLine], { env: cliEnv, encoding: 'utf8' }).trim();
      const cli = await inspectContainer(cliId);

      const body = toContainerCreateOptions(opts, { env, envFiles });
      const apiId = await createThroughApi(body, `${opts.name ?? `dd-${RUN}-${index + 1}`}-api`);
      const api = await inspectContainer(apiId);

      const expected = comparable(cli);
      const actual = comparable(api);
      if (opts.detach) {
        for (const field of ATTACH_FIELDS) {
          assert.strictEqual(actual.Config[field], false, `${field} of a detached container`);
          actual.Config[field] = expected.Config[field];
        }
      }
      assert.deepStrictEqual(actual, expected);

      // the round trip, from each of the two containers
      for (const [side, original] of [['cli', cli], ['api', api]] as const) {
        const rebuilt = runOptionsFromInspect(original, images[opts.image]);
        assertCommandLineRoundTrip(rebuilt);
        const again = await createThroughApi(
          toContainerCreateOptions(rebuilt, { env, envFiles }),
          `dd-${RUN}-${index + 1}-${side}-rt`,
        );
        assert.deepStrictEqual(comparable(await inspectContainer(again), true), comparable(original, true), `round trip of the ${side} container`);
      }
    });
  }
});

function dockerCliAvailable(): boolean {
  try {
    execFileSync('docker', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The written command line gives the same options back, and a real shell
 * splits it into exactly the argv of toDockerArgs.
 */
function assertCommandLineRoundTrip(opts: RunOptions): void {
  const command = toDockerRunCommand(opts);
  const reparsed = parseDockerRunCommand(command);
  assert.deepStrictEqual(reparsed.errors, []);
  assert.deepStrictEqual(reparsed.options, opts);
  const argv = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${command}`], { encoding: 'utf8' }).split('\0').slice(0, -1);
  assert.deepStrictEqual(argv, ['docker', 'run', ...toDockerArgs(opts)], command);
}
