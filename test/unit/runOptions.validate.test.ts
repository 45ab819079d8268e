import * as assert from 'assert';
import {
  emptyRunOptions, type RunOptions,
  validateAddHost, validateCpus, validateEnvFilePath, validateEnvSpec, validateHostname, validateImage, validateLabelSpec,
  validateMemory, validateMountSpec, validateName, validateNetwork, validatePortSpec, validateRestartPolicy, validateRunOptions,
  validateUser, validateVolumeSpec, validateWorkdir,
} from '../../src/core/runOptions';

type Validator = (value: string) => string | undefined;

/** Asserts which values a validator accepts, and what it says about the others (a substring of the message). */
function check(validator: Validator, valid: string[], invalid: [string, string][]): void {
  for (const value of valid) it(`accepts ${JSON.stringify(value)}`, () => assert.strictEqual(validator(value), undefined));
  for (const [value, says] of invalid) {
    it(`rejects ${JSON.stringify(value)}`, () => {
      const message = validator(value);
      assert.ok(message?.includes(says), `${JSON.stringify(message)} should include ${JSON.stringify(says)}`);
    });
  }
}

describe('runOptions field validators', () => {
  describe('validatePortSpec (the CLI and go-connections rules)', () => {
    check(
      validatePortSpec,
      [
        '80', '80/udp', '80/sctp', '80/TCP', '8080:80', '127.0.0.1:8080:80', '127.0.0.1::80', ':80', '[::1]:8080:80',
        '::1:8080:80', '[127.0.0.1]:80:80', '8080-8081:80-81', '80-81', '127.0.0.1:9000-9005:80', '0:80', '08080:80',
        '65535:65535', '8080:80/', 'target=80,published=8080', 'target=53,published=5353,protocol=udp,mode=host', 'target=80',
      ],
      [
        ['', 'No container port'],
        ['65536:80', 'Port 65536 is out of range (1-65535).'],
        ['8080:99999', 'Port 99999 is out of range (1-65535).'],
        ['80:0', 'Port 0 is out of range'],
        ['http', '"http" is not a port number.'],
        ['a:80', '"a" is not a port number.'],
        ['+80', '"+80" is not a port number.'],
        [' 80', '" 80" is not a port number.'],
        ['127.0.0.1:80', '"127.0.0.1" is not a port number.'],
        ['localhost:8080:80', 'localhost is not a valid IP address.'],
        ['1.2.3.4.5:80:80', '1.2.3.4.5 is not a valid IP address.'],
        ['01.2.3.4:80:80', 'is not a valid IP address'],
        ['[::1:8080:80', 'is not a valid IP address'],
        ['80:80:80:80', '80:80 is not a valid IP address.'],
        ['80/icmp', 'Invalid protocol "icmp": expected tcp, udp or sctp.'],
        ['8081-8080:80', 'Invalid port range 8081-8080'],
        ['80-81-82', 'Invalid port range 80-81-82'],
        ['8080-8081:80-82', 'The host port range 8080-8081 and the container port range 80-82 must have the same size.'],
        ['=', 'Invalid publish option "="'],
        ['target=80,oops', 'Invalid publish option "oops"'],
        ['published=8080', 'No container port'],
      ],
    );
  });

  describe('validateVolumeSpec (the CLI split, then the daemon rules)', () => {
    check(
      validateVolumeSpec,
      [
        '/data', '/tmp:/data', '/tmp:/data:ro', '/tmp:/data:rw,z', '/tmp:/data:Z,cached', '/tmp:/data:rshared',
        'myvol:/data', 'myvol:/data:ro,nocopy', 'a.b_c-d:/data', '12:/data', '/tmp/:/data/', '/host path:/in container',
      ],
      [
        ['', 'The volume is empty.'],
        ['./data:/data', 'The host path ./data is relative: use an absolute path.'],
        ['../data:/data', 'is relative'],
        ['.hidden:/data', 'is relative'],
        ['~/data:/data', 'The host path ~/data is relative'],
        ['/data:ro', 'Invalid volume /data:ro: "ro" is a mode; expected source:/container/path[:mode].'],
        ['/data:nocopy', '"nocopy" is a mode'],
        ['/tmp:data', 'The container path data must be absolute.'],
        ['/tmp:/', "The container path can't be '/'."],
        ['/tmp:/x/..', "can't be '/'"],
        ['data', 'The container path data must be absolute.'],
        ['ab', 'The container path ab must be absolute.'],
        ['x:/data', '"x:/data" is read as a Windows drive path'],
        ['/tmp::/data', 'empty part between colons'],
        ['/tmp:/data:', 'empty part between colons'],
        ['/tmp:/data:ro:z', 'too many colons'],
        ['/tmp:/data:foo', 'Invalid volume mode "foo"'],
        ['/tmp:/data:ro,rw', 'Invalid volume mode "ro,rw": give at most one of rw, ro.'],
        ['/tmp:/data:z,Z', 'give at most one of z, Z'],
        ['myvol:/data:rshared', 'Mount propagation (rshared) applies to bind mounts only'],
        ['/tmp:/data:nocopy', 'nocopy applies to named volumes only'],
        ['my vol:/data', '"my vol" is not a valid volume name'],
        ['-x:/data', '"-x" is not a valid volume name'],
      ],
    );
  });

  describe('validateMountSpec (docker/cli MountOpt, then the daemon rules)', () => {
    check(
      validateMountSpec,
      [
        'type=bind,src=/tmp,dst=/a', 'type=bind,source=/tmp,target=/a,readonly', 'type=bind,src=/tmp,destination=/a,ro=false',
        'type=volume,src=v1,dst=/a', 'dst=/a', 'type=volume,dst=/a,volume-nocopy', 'type=tmpfs,dst=/a,tmpfs-size=64m,tmpfs-mode=1770',
        'Type=Bind,Src=/tmp,Dst=/a', 'type=bind,src=/tmp,dst=/a,bind-propagation=rshared', 'type=bind,"src=/tmp,x",dst=/a',
        'type=volume,src=vol,dst=/a,volume-label=a=b,volume-opt=o=p,volume-driver=local,volume-subpath=sub',
        'type=bind,src=/tmp,dst=/a,bind-recursive=disabled', 'type=bind,src=/tmp,dst=/a,bind-nonrecursive=true',
        'type=bind,src=/tmp,dst=/a,ro,bind-recursive=writable', 'type=bind,src=/tmp,dst=/a,ro,bind-recursive=readonly,bind-propagation=rprivate',
        'type=bind,src=/tmp,dst=/a,consistency=anything', 'type=volume,src=,dst=/a',
      ],
      [
        ['', 'The value is empty.'],
        ['type=bind,src=/tmp', 'target is required'],
        ['type=,dst=/a', 'type is required'],
        ['type=bind,src=/tmp,dst=/a,foo=bar', "unexpected key 'foo' in 'foo=bar'"],
        ['type=bind,src=/tmp,dst=/a,junk', "invalid field 'junk' must be a key=value pair"],
        ['type=bind,src=/tmp,dst=/a,', "invalid field '' must be a key=value pair"],
        [' type=bind,src=/tmp,dst=/a', "unexpected key ' type'"],
        ['type=bind,src=/tmp,dst=/a,readonly=maybe', 'invalid value for readonly: maybe'],
        ['type=tmpfs,dst=/a,tmpfs-mode=9', 'invalid value for tmpfs-mode: 9'],
        ['type=tmpfs,dst=/a,tmpfs-size=big', 'invalid value for tmpfs-size: big'],
        ['type=volume,dst=/a,bind-propagation=shared', "cannot mix 'bind-*' options with mount type 'volume'"],
        ['type=bind,src=/tmp,dst=/a,volume-nocopy', "cannot mix 'volume-*' options with mount type 'bind'"],
        ['type=volume,dst=/a,tmpfs-size=1m', "cannot mix 'tmpfs-*' options with mount type 'volume'"],
        ['type=bind,src=/tmp,dst=/a,bind-recursive=writable', "option 'bind-recursive=writable' requires 'readonly'"],
        ['type=bind,src=/tmp,dst=/a,ro,bind-recursive=readonly', "requires 'bind-propagation=rprivate'"],
        ['type=bind,src=/tmp,dst=/a,bind-recursive=maybe', 'invalid value for bind-recursive: maybe'],
        ['type=tmpfs,dst=/a,"tmpfs-options=[[""exec""]]"', "unexpected key 'tmpfs-options'"],
        ['type=volume,dst=/a,image-subpath=x', 'image-subpath is for image mounts'],
        ['type=image,src=x,dst=/a', 'mount type "image" is not supported'],
        ['type=foo,dst=/a', 'mount type "foo" is not supported'],
        ['type=bind,dst=/a', 'a bind mount needs a source'],
        ['type=bind,src=./data,dst=/a', 'the bind source ./data must be an absolute host path.'],
        ['type=bind,src=/tmp,dst=a', 'the target a must be an absolute path.'],
        ['type=bind,src=/tmp,dst=/', "the target can't be '/'."],
        ['type=tmpfs,src=/x,dst=/a', 'a tmpfs mount takes no source.'],
        ['type=volume,src=my vol,dst=/a', '"my vol" is not a valid volume name'],
        ['type=volume,src=v,dst=/a', '"v" is not a valid volume name'],
        ['type=bind,src=/tmp,dst=/a,bind-propagation=bogus', 'invalid bind-propagation bogus'],
        ['type=bind,src="/tmp,dst=/a', 'Bare " in a field that is not quoted'],
        ['type=bind,"src=/tmp', 'A quoted field is not closed'],
        ['type=bind,"src=/tmp"x,dst=/a', 'Extraneous or missing " in quoted field'],
      ],
    );

    it('quotes the whole spec in its messages', () => {
      assert.strictEqual(validateMountSpec('type=bind,src=/tmp'), 'Invalid mount "type=bind,src=/tmp": target is required');
    });
  });

  describe('validateName (docker: ^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$)', () => {
    check(validateName, ['web', '/web', 'a1', 'ro_d.e-f', '1a', ''], [
      ['a', 'Invalid container name "a"'], ['_web', 'Invalid container name'], ['.web', 'Invalid container name'],
      ['my web', 'Invalid container name'], ['web/1', 'Invalid container name'], ['wéb', 'Invalid container name'],
    ]);
  });

  describe('validateRestartPolicy', () => {
    check(
      validateRestartPolicy,
      ['no', 'always', 'unless-stopped', 'on-failure', 'on-failure:3', 'on-failure:0', 'on-failure:', 'on-failure:+2', ''],
      [
        ['sometimes', 'Invalid restart policy "sometimes": expected no, always, unless-stopped or on-failure[:max-retries].'],
        ['ON-FAILURE', 'Invalid restart policy "ON-FAILURE"'],
        [':3', 'Invalid restart policy ":3"'],
        ['on-failure:x', 'the maximum retry count must be an integer'],
        ['on-failure:1.5', 'must be an integer'],
        ['on-failure:-1', 'the maximum retry count cannot be negative'],
        ['always:3', "a maximum retry count can't be used with restart policy 'always'"],
        ['no:1', "with restart policy 'no'"],
        ['unless-stopped:2', "with restart policy 'unless-stopped'"],
      ],
    );
  });

  describe('validateMemory (go-units RAMInBytes, daemon minimum 6MB)', () => {
    check(validateMemory, ['6m', '1g', '1.5g', '1 g', '1gb', '1GiB', '7M', '7mB', '.5g', '+7m', '1e3m', '0', '6291456', '1t'], [
      ['4m', 'Memory limit 4m is too low: the minimum memory limit allowed is 6MB.'],
      ['1024', 'too low'],
      ['-1', "Invalid size '-1'"],
      ['m', "Invalid size 'm'"],
      ['', "Invalid size ''"],
      ['1x', "Invalid size '1x': unknown unit 'x'"],
      ['1gbb', "unknown unit 'gbb'"],
      ['1mi', "unknown unit 'mi'"],
      ['7.0.0m', "Invalid size '7.0.0m'"],
      ['0x7m', "Invalid size '0x7m'"],
    ]);
  });

  describe('validateCpus (big.Rat, nano CPUs)', () => {
    check(validateCpus, ['1', '0.5', '1.5', '3/2', '0.001', '.5', '+1', '1e-1', '0', '0.000000001', '64'], [
      ['abc', 'abc is not a number of CPUs'],
      ['', 'is not a number of CPUs'],
      [' 1', 'is not a number of CPUs'],
      ['1/0', 'is not a number of CPUs'],
      ['1,5', 'is not a number of CPUs'],
      ['0.0000000001', '0.0000000001 is too precise'],
      ['1/3', 'is too precise'],
      ['-1', 'The number of CPUs (-1) cannot be negative.'],
      ['1e30', 'is too large'],
    ]);
  });

  describe('validateAddHost (opts.ValidateExtraHost)', () => {
    check(validateAddHost, ['a:1.2.3.4', 'a=1.2.3.4', 'a:::1', 'a=[::1]', 'a:[1.2.3.4]', 'a:host-gateway', 'a: 1.2.3.4', 'a:::ffff:1.2.3.4', 'a b:1.2.3.4'], [
      ['a', 'Invalid --add-host "a": expected host:ip (or host=ip).'],
      [':1.2.3.4', 'Invalid --add-host ":1.2.3.4"'],
      ['a:1.2.3', 'Invalid IP address "1.2.3" in --add-host'],
      ['a:', 'Invalid IP address "" in --add-host'],
      ['a:b:1.2.3.4', 'Invalid IP address "b:1.2.3.4"'],
      ['a=b=1.2.3.4', 'Invalid IP address "b=1.2.3.4"'],
      ['a:fe80::1%eth0', 'Invalid IP address "fe80::1%eth0"'],
      ['a:01.2.3.4', 'Invalid IP address "01.2.3.4"'],
      ['a:[]', 'Invalid IP address "[]"'],
    ]);
  });

  describe('validateEnvSpec', () => {
    check(validateEnvSpec, ['A=1', 'A=', 'A', 'A=1=2', 'A B=1', ' A=1'], [
      ['=x', 'Invalid environment variable "=x": the name before = is empty.'],
      ['==', 'Invalid environment variable "=="'],
      ['', 'Invalid environment variable ""'],
    ]);
  });

  describe('validateLabelSpec', () => {
    check(validateLabelSpec, ['a=b', 'a', 'a=', ' a=b', 'a=b c', 'a.b/c=d'], [
      ['=b', 'Invalid label "=b": the name is empty.'],
      ['', 'the name is empty'],
      ['  =x', 'the name is empty'],
      ['a b=c', "Invalid label: the name 'a b' contains whitespace."],
      ['a\tb', 'contains whitespace'],
    ]);
  });

  describe('validateImage (the reference grammar of docker, or an image id)', () => {
    const id = 'a'.repeat(64);
    check(validateImage, ['nginx', 'nginx:1.25', 'library/nginx', 'ghcr.io/owner/app:v1', 'Registry.Example.com/app', 'localhost:5000/app', `app@sha256:${id}`, 'app:Latest', id, `sha256:${id}`, '0123456789ab'], [
      ['', 'The image reference is empty.'],
      ['  ', 'The image reference is empty.'],
      ['my image', '"my image" is not a valid image reference: it contains spaces.'],
      [' nginx', '"nginx" is not a valid image reference: it contains spaces.'],
      ['Nginx', '"Nginx" is not a valid image reference: repository names must be lowercase.'],
      ['owner/App:1', 'must be lowercase'],
      ['ghcr.io/Owner/app', 'must be lowercase'],
      ['app@sha256:abc', 'invalid digest'],
      ['app:', 'invalid tag'],
      ['a//b', 'is not a valid name component'],
    ]);
  });

  describe('validateNetwork', () => {
    check(validateNetwork, ['host', 'none', 'bridge', 'my-net', 'container:web'], [
      ['', 'The network name is empty.'],
      ['  ', 'The network name is empty.'],
      ['name=net,alias=web', 'The advanced --network syntax ("name=net,alias=web") is not supported'],
      ['container:', 'needs the name or id of a container'],
    ]);
  });

  describe('validateWorkdir', () => {
    check(validateWorkdir, ['/app', '/', '', '/a b'], [['app', "The working directory 'app' is invalid, it needs to be an absolute path."]]);
  });

  describe('validateUser', () => {
    check(validateUser, ['root', '1000', '1000:1000', 'app:staff', ''], [
      ['a b', 'Invalid user "a b": expected name|uid[:group|gid].'],
      ['a:b:c', 'Invalid user'],
      [':1000', 'Invalid user'],
      ['1000:', 'Invalid user'],
    ]);
  });

  describe('validateHostname', () => {
    check(validateHostname, ['web', 'a.b.c', 'x'.repeat(64)], [['x'.repeat(65), 'is longer than 64 bytes']]);
  });

  describe('validateEnvFilePath', () => {
    check(validateEnvFilePath, ['.env', '/etc/app.env'], [['', 'The env file path is empty.'], [' ', 'empty']]);
  });
});

describe('validateRunOptions', () => {
  const opts = (changes: Partial<RunOptions>): RunOptions => ({ ...emptyRunOptions('nginx'), ...changes });

  it('accepts empty options with an image', () => {
    assert.deepStrictEqual(validateRunOptions(emptyRunOptions('nginx')), []);
  });

  it('rejects empty options without an image', () => {
    assert.deepStrictEqual(validateRunOptions(emptyRunOptions()), [{ field: 'image', value: '', message: 'The image reference is empty.' }]);
  });

  it('reports each bad value with its field and value, in field order', () => {
    const errors = validateRunOptions(opts({
      name: 'a', restart: 'sometimes', memory: '1x', cpus: 'lots', workdir: 'rel', user: 'a b', network: '', hostname: 'h'.repeat(70),
      publish: ['80', '99999'], volumes: ['/ok', './rel:/x'], mounts: ['dst=/ok', 'type=bind,dst=/b'], env: ['=x'],
      envFiles: [''], labels: ['=y'], addHosts: ['nohost'],
    }));
    assert.deepStrictEqual(errors.map((e) => [e.field, e.value]), [
      ['name', 'a'], ['hostname', 'h'.repeat(70)], ['network', ''], ['workdir', 'rel'], ['user', 'a b'], ['restart', 'sometimes'],
      ['memory', '1x'], ['cpus', 'lots'], ['publish', '99999'], ['volumes', './rel:/x'], ['mounts', 'type=bind,dst=/b'],
      ['env', '=x'], ['envFiles', ''], ['labels', '=y'], ['addHosts', 'nohost'],
    ]);
    assert.ok(errors.every((e) => e.message.length > 0));
  });

  describe('conflicts', () => {
    it('rejects --rm with a restart policy that restarts, in docker words', () => {
      for (const restart of ['always', 'unless-stopped', 'on-failure', 'on-failure:0', 'on-failure:3']) {
        assert.deepStrictEqual(validateRunOptions(opts({ rm: true, restart })), [
          { field: 'restart', value: restart, message: 'Conflicting options: cannot specify both --restart and --rm.' },
        ]);
      }
    });

    it('allows --rm with --restart no or an empty policy', () => {
      assert.deepStrictEqual(validateRunOptions(opts({ rm: true, restart: 'no' })), []);
      assert.deepStrictEqual(validateRunOptions(opts({ rm: true, restart: '' })), []);
      assert.deepStrictEqual(validateRunOptions(opts({ restart: 'always' })), []);
    });

    it("rejects a hostname, published ports and extra hosts with another container's network", () => {
      const errors = validateRunOptions(opts({ network: 'container:db', hostname: 'web', publish: ['80'], addHosts: ['a:1.2.3.4'] }));
      assert.deepStrictEqual(errors.map((e) => e.message), [
        'Conflicting options: --hostname cannot be used with --network container:db.',
        'Conflicting options: ports cannot be published with --network container:db.',
        'Conflicting options: --add-host cannot be used with --network container:db.',
      ]);
      assert.strictEqual(validateRunOptions(opts({ network: 'container:db', publishAll: true })).length, 1);
      assert.deepStrictEqual(validateRunOptions(opts({ network: 'host', hostname: 'web', publish: ['80'] })), []);
    });

    it('rejects two mounts on one container path, as the daemon does', () => {
      const errors = validateRunOptions(opts({ volumes: ['/tmp:/x', '/etc:/x/'], mounts: ['type=tmpfs,dst=/x/./'] }));
      assert.deepStrictEqual(errors.map((e) => [e.field, e.value, e.message]), [
        ['volumes', '/etc:/x/', 'Duplicate mount point: /x.'],
        ['mounts', 'type=tmpfs,dst=/x/./', 'Duplicate mount point: /x.'],
      ]);
    });

    it('accepts a repeated identical -v (the CLI drops the repeat) and anonymous volumes under other mounts', () => {
      assert.deepStrictEqual(validateRunOptions(opts({ volumes: ['/tmp:/a', '/tmp:/a', '/b', '/c', '/tmp:/c'], mounts: ['dst=/b'] })), []);
    });

    it('rejects a repeated identical --mount, which the CLI sends twice', () => {
      assert.deepStrictEqual(
        validateRunOptions(opts({ mounts: ['type=tmpfs,dst=/t', 'type=tmpfs,dst=/t'] })).map((e) => e.message),
        ['Duplicate mount point: /t.'],
      );
    });
  });
});
