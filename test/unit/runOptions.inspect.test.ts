import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  type ContainerInspectInfo, emptyRunOptions, type ImageInspectInfo, type RunOptions, runOptionsFromInspect, toDockerRunCommand,
} from '../../src/core/runOptions';

/** Inspect output captured from docker 20.10 for containers made by the docker 28.2 CLI (see each test's line). */
const FIXTURES = path.join(__dirname, '../../../test/fixtures/runOptions');
const load = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
const container = (name: string): ContainerInspectInfo => load(`container-${name}.json`);
const plainImage = (): ImageInspectInfo => load('image-plain.json');
const richImage = (): ImageInspectInfo => load('image-rich.json');

const TEST_LABEL = 'org.dockerdeck.test=ro';

describe('runOptionsFromInspect', () => {
  it('gives back only the name for a container created with no options', () => {
    // docker create -l org.dockerdeck.test=ro --name ro-fx-plain dd-fixture:1
    assert.deepStrictEqual(runOptionsFromInspect(container('plain'), plainImage()), {
      ...emptyRunOptions('dd-fixture:1'),
      name: 'ro-fx-plain',
      labels: [TEST_LABEL],
    });
  });

  it('rebuilds every supported option', () => {
    // docker create -l org.dockerdeck.test=ro --name ro-fx-all -it --rm --init --read-only --privileged -h web -u 1000:1000
    //   -w /app --entrypoint /bin/sh --network ro-net -m 6m --cpus 0.25 -P -p 127.0.0.1:8086-8087:80-81
    //   -p 127.0.0.1:9000-9005:8080 -v ro-fx-vol:/vol:nocopy --mount type=tmpfs,dst=/t,tmpfs-size=64m,tmpfs-mode=1770
    //   --mount 'type=bind,src=/tmp,dst=/m,readonly,bind-propagation=rslave'
    //   --mount type=volume,dst=/mv,volume-label=a=b,volume-driver=local,volume-opt=type=tmpfs,volume-opt=device=tmpfs
    //   -e A=1 -e 'B=two words' -l app=web --add-host db:10.0.0.5 --add-host v6=::1 dd-fixture:1 -c 'echo hi'
    const expected: RunOptions = {
      ...emptyRunOptions('dd-fixture:1'),
      command: ['-c', 'echo hi'],
      interactive: true, tty: true, rm: true, init: true, readOnly: true, privileged: true, publishAll: true,
      name: 'ro-fx-all', hostname: 'web', user: '1000:1000', workdir: '/app', entrypoint: '/bin/sh', network: 'ro-net',
      memory: '6m', cpus: '0.25',
      publish: ['127.0.0.1:8086:80', '127.0.0.1:9000-9005:8080', '127.0.0.1:8087:81'],
      volumes: ['ro-fx-vol:/vol:nocopy'],
      mounts: [
        'type=tmpfs,target=/t,tmpfs-size=67108864,tmpfs-mode=1770',
        'type=bind,source=/tmp,target=/m,readonly,bind-propagation=rslave',
        'type=volume,target=/mv,volume-label=a=b,volume-driver=local,volume-opt=device=tmpfs,volume-opt=type=tmpfs',
      ],
      env: ['A=1', 'B=two words'],
      labels: ['app=web', TEST_LABEL],
      addHosts: ['db:10.0.0.5', 'v6:::1'],
    };
    assert.deepStrictEqual(runOptionsFromInspect(container('all'), plainImage()), expected);
  });

  it("leaves out what the image sets, and keeps what differs from it", () => {
    // docker create -l org.dockerdeck.test=ro --name ro-fx-rich -e IMG_A=1 -e EXTRA=yes -w /srv -u root -l img.label=changed
    //   -p 127.0.0.1:18080:80 -p '[::1]::53/udp' -v /cache -v /tmp:/data:ro dd-fixture-rich:test echo img
    // (the image: ENV IMG_A=1 IMG_B=2, LABEL img.label=x, WORKDIR /srv, USER nobody, EXPOSE 80 53/udp, VOLUME /cache,
    //  ENTRYPOINT ["sh","-c"], CMD ["echo img"])
    assert.deepStrictEqual(runOptionsFromInspect(container('rich'), richImage()), {
      ...emptyRunOptions('dd-fixture-rich:test'),
      command: ['echo', 'img'],
      name: 'ro-fx-rich',
      user: 'root',
      publish: ['[::1]::53/udp', '127.0.0.1:18080:80'],
      volumes: ['/tmp:/data:ro'],
      env: ['EXTRA=yes'],
      labels: ['img.label=changed'],
    });
  });

  it("leaves out the host's name in host networking and reads the limits and restart policy", () => {
    // docker create -l org.dockerdeck.test=ro --name ro-fx-host --network host --restart on-failure:3 --init=false -m 1g --cpus 1.5 dd-fixture:1
    assert.deepStrictEqual(runOptionsFromInspect(container('host'), plainImage()), {
      ...emptyRunOptions('dd-fixture:1'),
      name: 'ro-fx-host', network: 'host', restart: 'on-failure:3', init: false, memory: '1g', cpus: '1.5', labels: [TEST_LABEL],
    });
  });

  it('reads -d from a container created without attaching', () => {
    // POST /containers/create?name=ro-fx-detached {"OpenStdin":true,"HostConfig":{"RestartPolicy":{"Name":"unless-stopped"}}}
    const opts = runOptionsFromInspect(container('detached'), plainImage());
    assert.deepStrictEqual(opts, {
      ...emptyRunOptions('dd-fixture:1'),
      detach: true, interactive: true, name: 'ro-fx-detached', restart: 'unless-stopped', labels: [TEST_LABEL],
    });
    assert.strictEqual(toDockerRunCommand(opts), 'docker run -di --name ro-fx-detached --restart unless-stopped -l org.dockerdeck.test=ro dd-fixture:1');
  });

  describe('edge cases', () => {
    const base = (changes: { Config?: object; HostConfig?: object; Name?: string; Id?: string }): ContainerInspectInfo => ({
      Id: changes.Id ?? '0123456789abcdef0123',
      Name: changes.Name,
      Config: { Image: 'img', AttachStdout: true, AttachStderr: true, ...changes.Config },
      HostConfig: { ...changes.HostConfig },
    });
    const image: ImageInspectInfo = { Config: { Entrypoint: ['/entry'], Cmd: ['serve'], Env: ['PATH=/bin'] } };
    const rebuild = (changes: Parameters<typeof base>[0]): RunOptions => runOptionsFromInspect(base(changes), image);

    it("reads a reset entrypoint as --entrypoint ''", () => {
      const opts = rebuild({ Config: { Entrypoint: null, Cmd: ['sh'] } });
      assert.deepStrictEqual([opts.entrypoint, opts.command], ['', ['sh']]);
    });

    it("keeps the command when the entrypoint is overridden, even if it is the image's (the daemon drops the image's then)", () => {
      const opts = rebuild({ Config: { Entrypoint: ['/other'], Cmd: ['serve'] } });
      assert.deepStrictEqual([opts.entrypoint, opts.command], ['/other', ['serve']]);
    });

    it("leaves out the image's entrypoint and command", () => {
      const opts = rebuild({ Config: { Entrypoint: ['/entry'], Cmd: ['serve'] } });
      assert.deepStrictEqual([opts.entrypoint, opts.command], [undefined, []]);
    });

    it('moves extra entrypoint words to the front of the command, since --entrypoint takes one word', () => {
      const opts = rebuild({ Config: { Entrypoint: ['python', '-u'], Cmd: ['app.py'] } });
      assert.deepStrictEqual([opts.entrypoint, opts.command], ['python', ['-u', 'app.py']]);
    });

    it('keeps one entry per name in Env, the last, and leaves out the image env', () => {
      assert.deepStrictEqual(rebuild({ Config: { Env: ['PATH=/bin', 'X=file', 'Y=1', 'X=flag'] } }).env, ['X=flag', 'Y=1']);
      assert.deepStrictEqual(rebuild({ Config: { Env: ['PATH=/usr/bin'] } }).env, ['PATH=/usr/bin']);
    });

    it('leaves out daemon defaults', () => {
      const opts = rebuild({
        Name: '/',
        Config: { Hostname: '0123456789ab', Entrypoint: ['/entry'], Cmd: ['serve'], Env: ['PATH=/bin'] },
        HostConfig: { NetworkMode: 'bridge', RestartPolicy: { Name: '', MaximumRetryCount: 0 }, Memory: 0, NanoCpus: 0, Init: null },
      });
      assert.deepStrictEqual(opts, emptyRunOptions('img'));
      assert.strictEqual(rebuild({ HostConfig: { NetworkMode: 'default', RestartPolicy: { Name: 'no', MaximumRetryCount: 0 } } }).network, undefined);
    });

    it('keeps a chosen hostname and a network mode of another container', () => {
      const opts = rebuild({ Config: { Hostname: 'web' }, HostConfig: { NetworkMode: 'container:abc' } });
      assert.deepStrictEqual([opts.hostname, opts.network], ['web', 'container:abc']);
    });

    it('writes memory with the largest exact unit and CPUs as an exact decimal', () => {
      const limits = (Memory: number, NanoCpus: number): unknown[] => {
        const opts = rebuild({ HostConfig: { Memory, NanoCpus } });
        return [opts.memory, opts.cpus];
      };
      assert.deepStrictEqual(limits(6291456, 1e9), ['6m', '1']);
      assert.deepStrictEqual(limits(1536 * 1024 * 1024, 1), ['1536m', '0.000000001']);
      assert.deepStrictEqual(limits(10_000_001, 2_500_000_000), ['10000001', '2.5']);
    });

    it('writes port bindings back as -p values', () => {
      const opts = rebuild({
        HostConfig: {
          PortBindings: {
            '80/tcp': [{ HostIp: '', HostPort: '' }, { HostIp: '', HostPort: '8080' }],
            '53/udp': [{ HostIp: '0.0.0.0', HostPort: '53' }],
            '443/tcp': [{ HostIp: '::', HostPort: '' }],
            '9/sctp': null,
          },
        },
      });
      assert.deepStrictEqual(opts.publish, ['80', '8080:80', '0.0.0.0:53:53/udp', '[::]::443']);
    });

    it('writes mounts back as --mount values, quoting fields with commas or quotes', () => {
      const opts = rebuild({
        HostConfig: {
          Mounts: [
            { Type: 'bind', Source: '/a,b', Target: '/c', BindOptions: { NonRecursive: true, ReadOnlyNonRecursive: true }, ReadOnly: true },
            { Type: 'volume', Target: '/v', VolumeOptions: { NoCopy: true, Subpath: 's', DriverConfig: {} } },
            { Type: 'bind', Source: '/x', Target: '/say "hi"', Consistency: 'cached', BindOptions: { ReadOnlyForceRecursive: true } },
          ],
        },
      });
      assert.deepStrictEqual(opts.mounts, [
        'type=bind,"source=/a,b",target=/c,readonly,bind-nonrecursive,bind-recursive=writable',
        'type=volume,target=/v,volume-nocopy,volume-subpath=s',
        'type=bind,source=/x,"target=/say ""hi""",consistency=cached,bind-recursive=readonly',
      ]);
    });

    it("adds anonymous volumes the image does not declare", () => {
      const opts = runOptionsFromInspect(base({ Config: { Volumes: { '/cache': {}, '/data': {} } } }), { Config: { Volumes: { '/cache': {} } } });
      assert.deepStrictEqual(opts.volumes, ['/data']);
    });

    it('accepts an image without a Config', () => {
      assert.strictEqual(runOptionsFromInspect(base({ Config: { Cmd: ['sh'] } }), {}).command[0], 'sh');
    });
  });
});
