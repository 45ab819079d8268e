import * as assert from 'assert';
import {
  type ContainerCreateOptions, emptyRunOptions, EnvFileError, parseDockerRunCommand, parseEnvFile, type RunOptions,
  RunOptionsError, toContainerCreateOptions,
} from '../../src/core/runOptions';

const EMPTY_LISTS = {
  Dns: [], DnsOptions: [], DnsSearch: [], Devices: [], Ulimits: [],
  BlkioWeightDevice: [], BlkioDeviceReadBps: [], BlkioDeviceReadIOps: [], BlkioDeviceWriteBps: [], BlkioDeviceWriteIOps: [],
};

function bodyFor(line: string, ctx?: Parameters<typeof toContainerCreateOptions>[1]): ContainerCreateOptions {
  const parsed = parseDockerRunCommand(line);
  assert.deepStrictEqual(parsed.errors, []);
  return toContainerCreateOptions(parsed.options, ctx);
}

function throwsWith(opts: RunOptions, ctx: Parameters<typeof toContainerCreateOptions>[1], messages: string[]): void {
  assert.throws(
    () => toContainerCreateOptions(opts, ctx),
    (e: unknown) => {
      assert.ok(e instanceof RunOptionsError);
      assert.deepStrictEqual(e.errors.map((x) => x.message), messages);
      assert.strictEqual(e.message, messages.join('\n'));
      return true;
    },
  );
}

describe('toContainerCreateOptions', () => {
  it('gives the body docker run sends for just an image', () => {
    assert.deepStrictEqual(toContainerCreateOptions(emptyRunOptions('nginx')), {
      Image: 'nginx',
      Tty: false,
      OpenStdin: false,
      AttachStdin: false,
      AttachStdout: true,
      AttachStderr: true,
      StdinOnce: false,
      Labels: {},
      HostConfig: {
        PortBindings: {},
        PublishAllPorts: false,
        AutoRemove: false,
        RestartPolicy: { Name: 'no', MaximumRetryCount: 0 },
        ReadonlyRootfs: false,
        Privileged: false,
        ...EMPTY_LISTS,
      },
    });
  });

  it('attaches like the CLI: stdin with -i, nothing with -d, and closes stdin on detach only when attached', () => {
    const attach = (line: string): unknown[] => {
      const b = bodyFor(line);
      return [b.OpenStdin, b.Tty, b.AttachStdin, b.AttachStdout, b.AttachStderr, b.StdinOnce];
    };
    assert.deepStrictEqual(attach('docker run -it img'), [true, true, true, true, true, true]);
    assert.deepStrictEqual(attach('docker run -t img'), [false, true, false, true, true, false]);
    assert.deepStrictEqual(attach('docker run -d img'), [false, false, false, false, false, false]);
    assert.deepStrictEqual(attach('docker run -dit img'), [true, true, false, false, false, false]);
  });

  it('passes the command, entrypoint, working dir, user, hostname and name', () => {
    const body = bodyFor('docker run --name web --entrypoint /bin/sh -w /app -u 1000:1000 -h box img -c "echo hi"');
    assert.deepStrictEqual(
      [body.name, body.Entrypoint, body.Cmd, body.WorkingDir, body.User, body.Hostname],
      ['web', ['/bin/sh'], ['-c', 'echo hi'], '/app', '1000:1000', 'box'],
    );
  });

  it("sends [''] for --entrypoint '' (reset the image's entrypoint)", () => {
    assert.deepStrictEqual(bodyFor(`docker run --entrypoint '' img`).Entrypoint, ['']);
    assert.strictEqual(bodyFor('docker run img').Entrypoint, undefined);
  });

  it('leaves out empty strings the CLI does not send', () => {
    const body = bodyFor(`docker run --name '' -w '' -u '' -h '' img`);
    assert.deepStrictEqual([body.name, body.WorkingDir, body.User, body.Hostname], [undefined, undefined, undefined, undefined]);
  });

  describe('ports', () => {
    it('exposes and binds each published port, ranges expanded, repeats kept', () => {
      const body = bodyFor(
        'docker run -p 127.0.0.1:8080:80 -p 8081:80 -p 53/udp -p [::1]::443 -p 9000-9001:90-91 -p 127.0.0.1:7000-7005:70 ' +
          '-p target=22,published=2222 -p 08000:8000/SCTP img',
      );
      assert.deepStrictEqual(body.ExposedPorts, {
        '80/tcp': {}, '53/udp': {}, '443/tcp': {}, '90/tcp': {}, '91/tcp': {}, '70/tcp': {}, '22/tcp': {}, '8000/sctp': {},
      });
      assert.deepStrictEqual(body.HostConfig.PortBindings, {
        '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }, { HostIp: '', HostPort: '8081' }],
        '53/udp': [{ HostIp: '', HostPort: '' }],
        '443/tcp': [{ HostIp: '::1', HostPort: '' }],
        '90/tcp': [{ HostIp: '', HostPort: '9000' }],
        '91/tcp': [{ HostIp: '', HostPort: '9001' }],
        '70/tcp': [{ HostIp: '127.0.0.1', HostPort: '7000-7005' }],
        '22/tcp': [{ HostIp: '', HostPort: '2222' }],
        '8000/sctp': [{ HostIp: '', HostPort: '8000' }],
      });
    });

    it('publishes all with -P', () => {
      assert.strictEqual(bodyFor('docker run -P img').HostConfig.PublishAllPorts, true);
    });
  });

  describe('volumes and mounts', () => {
    it('sends -v with a source verbatim as binds and without one as anonymous volumes, each once', () => {
      const body = bodyFor('docker run -v /tmp:/a -v data:/b:ro,nocopy -v /c -v /tmp:/a -v /c -v /d img');
      assert.deepStrictEqual(body.HostConfig.Binds, ['/tmp:/a', 'data:/b:ro,nocopy']);
      assert.deepStrictEqual(body.Volumes, { '/c': {}, '/d': {} });
    });

    it('leaves Binds, Volumes and Mounts out when there are none', () => {
      const body = bodyFor('docker run img');
      assert.deepStrictEqual([body.HostConfig.Binds, body.Volumes, body.HostConfig.Mounts], [undefined, undefined, undefined]);
    });

    it('turns each --mount into the Mount the CLI sends', () => {
      const body = bodyFor(
        'docker run ' +
          '--mount type=bind,source=/tmp,target=/a,readonly,bind-propagation=RShared,consistency=Cached ' +
          '--mount Type=Volume,Src=vol,Dst=/b,volume-nocopy=false,volume-label=a=b,volume-label=c,volume-opt=type=nfs,volume-driver=local ' +
          '--mount type=tmpfs,dst=/c,tmpfs-size=64m,tmpfs-mode=1770 ' +
          '--mount dst=/d,ro=false ' +
          `--mount 'type=bind,"src=/tmp/a,b",dst=/e,bind-recursive=disabled' ` +
          '--mount type=bind,src=/tmp,dst=/f,bind-nonrecursive=false ' +
          '--mount type=volume,src=,dst=/g,volume-subpath=sub ' +
          '--mount type=tmpfs,dst=/h,tmpfs-size=0 img',
      );
      assert.deepStrictEqual(body.HostConfig.Mounts, [
        { Type: 'bind', Source: '/tmp', Target: '/a', ReadOnly: true, Consistency: 'cached', BindOptions: { Propagation: 'rshared' } },
        {
          Type: 'volume', Source: 'vol', Target: '/b',
          VolumeOptions: { DriverConfig: { Options: { type: 'nfs' }, Name: 'local' }, Labels: { a: 'b', c: '' } },
        },
        { Type: 'tmpfs', Target: '/c', TmpfsOptions: { SizeBytes: 67108864, Mode: 0o1770 } },
        { Type: 'volume', Target: '/d' },
        { Type: 'bind', Source: '/tmp/a,b', Target: '/e', BindOptions: { NonRecursive: true } },
        { Type: 'bind', Source: '/tmp', Target: '/f', BindOptions: {} },
        { Type: 'volume', Target: '/g', VolumeOptions: { DriverConfig: {}, Subpath: 'sub' } },
        { Type: 'tmpfs', Target: '/h', TmpfsOptions: {} },
      ]);
    });
  });

  it('reads only the first CSV record of a --mount, as Go encoding/csv does', () => {
    const mounts = (spec: string): unknown => toContainerCreateOptions({ ...emptyRunOptions('img'), mounts: [spec] }).HostConfig.Mounts;
    assert.deepStrictEqual(mounts('type=tmpfs,dst=/t\nsrc=ignored'), [{ Type: 'tmpfs', Target: '/t' }]);
    assert.deepStrictEqual(mounts('type=tmpfs,"dst=/t\nx"'), [{ Type: 'tmpfs', Target: '/t\nx' }]);
    assert.deepStrictEqual(mounts('type=tmpfs,dst=/t\rx'), [{ Type: 'tmpfs', Target: '/t\rx' }]);
  });

  describe('environment', () => {
    const ctx = {
      env: { HOME: '/home/me', EMPTY: '', GONE: undefined },
      envFiles: { 'a.env': '# defaults\nA=from-a\nHOME\nGONE\nSHARED=a\n', 'b.env': 'SHARED=b\r\nQ="quoted"\r\n' },
    };

    it('takes -e KEY from the given environment, and keeps a bare KEY when it is unset', () => {
      assert.deepStrictEqual(bodyFor('docker run -e HOME -e EMPTY -e GONE -e MISSING -e X=1 img', ctx).Env, [
        'HOME=/home/me', 'EMPTY=', 'GONE', 'MISSING', 'X=1',
      ]);
      assert.deepStrictEqual(bodyFor('docker run -e HOME img').Env, ['HOME'], 'without an environment');
    });

    it('puts env-file entries first, in file order, then -e values', () => {
      assert.deepStrictEqual(bodyFor('docker run -e SHARED=flag --env-file a.env -e B=1 --env-file b.env img', ctx).Env, [
        'A=from-a', 'HOME=/home/me', 'SHARED=a', 'SHARED=b', 'Q="quoted"', 'SHARED=flag', 'B=1',
      ]);
    });

    it('keeps the last -e value of a name, as the CLI does', () => {
      assert.deepStrictEqual(bodyFor('docker run -e A=1 -e B=2 -e A=3 img').Env, ['A=3', 'B=2']);
    });

    it('leaves Env out when there is none', () => {
      assert.strictEqual(bodyFor('docker run img').Env, undefined);
    });

    it('throws for env files whose contents were not given, or that docker rejects', () => {
      const opts = { ...emptyRunOptions('img'), envFiles: ['a.env', 'missing.env', 'bad.env'] };
      throwsWith(opts, { envFiles: { 'a.env': 'A=1', 'bad.env': 'OK=1\nBAD KEY=1\n' } }, [
        'The contents of env file missing.env were not provided.',
        "Invalid env file bad.env: Line 2: variable 'BAD KEY' contains whitespace.",
      ]);
    });
  });

  it('maps labels, a label without = getting an empty value and a repeated one its last value', () => {
    assert.deepStrictEqual(bodyFor('docker run -l a=b -l c -l d= -l e=f=g -l a=z img').Labels, { a: 'z', c: '', d: '', e: 'f=g' });
  });

  it('converts the host settings', () => {
    const body = bodyFor(
      'docker run --rm --init --read-only --privileged --network my-net -m 1.5g --cpus 3/2 ' +
        '--add-host db=10.0.0.5 --add-host v6:[::1] --add-host gw:host-gateway img',
    );
    assert.deepStrictEqual(body.HostConfig, {
      PortBindings: {},
      PublishAllPorts: false,
      AutoRemove: true,
      RestartPolicy: { Name: 'no', MaximumRetryCount: 0 },
      ReadonlyRootfs: true,
      Privileged: true,
      ...EMPTY_LISTS,
      NetworkMode: 'my-net',
      Memory: 1610612736,
      NanoCpus: 1500000000,
      ExtraHosts: ['db:10.0.0.5', 'v6:::1', 'gw:host-gateway'],
      Init: true,
    });
  });

  it('sends Init false only for an explicit --init=false', () => {
    assert.strictEqual(bodyFor('docker run --init=false img').HostConfig.Init, false);
    assert.strictEqual('Init' in bodyFor('docker run img').HostConfig, false);
  });

  it('sends the restart policy', () => {
    const policy = (line: string): unknown => bodyFor(line).HostConfig.RestartPolicy;
    assert.deepStrictEqual(policy('docker run --restart always img'), { Name: 'always', MaximumRetryCount: 0 });
    assert.deepStrictEqual(policy('docker run --restart on-failure:5 img'), { Name: 'on-failure', MaximumRetryCount: 5 });
    assert.deepStrictEqual(policy(`docker run --restart '' img`), { Name: '', MaximumRetryCount: 0 });
  });

  it('throws every validation problem instead of building a body', () => {
    throwsWith({ ...emptyRunOptions(''), rm: true, restart: 'always', publish: ['99999'] }, {}, [
      'The image reference is empty.',
      'Port 99999 is out of range (1-65535).',
      'Conflicting options: cannot specify both --restart and --rm.',
    ]);
  });
});

describe('parseEnvFile (docker CLI 28 rules)', () => {
  it('skips comments and blank lines and keeps values verbatim', () => {
    const text = '\uFEFF# comment\n\n  A=1\n\tB= spaced \nC="quoted"\nD=\'single\'\nE=\nF=a=b\n   # indented comment\n\vG=vt\n#H=no\n';
    assert.deepStrictEqual(parseEnvFile(text), ['A=1', 'B= spaced ', 'C="quoted"', "D='single'", 'E=', 'F=a=b', 'G=vt']);
  });

  it('reads CRLF files and a last line without a newline', () => {
    assert.deepStrictEqual(parseEnvFile('A=1\r\nB=2\r\nC=3'), ['A=1', 'B=2', 'C=3']);
  });

  it('takes a bare KEY from the environment and leaves it out when unset', () => {
    assert.deepStrictEqual(parseEnvFile('SET\nEMPTY\nUNSET\nNOT_GIVEN\n', { SET: 'v', EMPTY: '', UNSET: undefined }), ['SET=v', 'EMPTY=']);
    assert.deepStrictEqual(parseEnvFile('SET\n'), []);
  });

  it('rejects a line without a name, or a name with whitespace, with its line number', () => {
    const rejects = (text: string, line: number, message: string): void => {
      assert.throws(() => parseEnvFile(text), (e: unknown) => e instanceof EnvFileError && e.line === line && e.message === message);
    };
    rejects('A=1\n=2\n', 2, "Line 2: no variable name in '=2'.");
    rejects('A=1\n\nB =2\n', 3, "Line 3: variable 'B ' contains whitespace.");
    rejects('KEY \n', 1, "Line 1: variable 'KEY ' contains whitespace.");
    rejects('A B\n', 1, "Line 1: variable 'A B' contains whitespace.");
  });

  it('gives nothing for an empty file', () => {
    assert.deepStrictEqual(parseEnvFile(''), []);
    assert.deepStrictEqual(parseEnvFile('\n\n# only comments\n'), []);
  });
});
