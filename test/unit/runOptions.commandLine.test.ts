import * as assert from 'assert';
import { emptyRunOptions, parseDockerRunCommand, type RunOptions, toDockerArgs, toDockerRunCommand } from '../../src/core/runOptions';
import { quoteShellWord, splitShellWords } from '../../src/core/runOptions/shellWords';

const opts = (changes: Partial<RunOptions>): RunOptions => ({ ...emptyRunOptions('nginx'), ...changes });

describe('toDockerRunCommand / toDockerArgs', () => {
  it('writes just the image', () => {
    assert.strictEqual(toDockerRunCommand(emptyRunOptions('nginx:1.25')), 'docker run nginx:1.25');
    assert.deepStrictEqual(toDockerArgs(emptyRunOptions('nginx')), ['nginx']);
  });

  it('writes every option in a stable order with short forms where docker has them', () => {
    const all = opts({
      detach: true, rm: true, interactive: true, tty: true, name: 'web', init: true, privileged: true, readOnly: true,
      hostname: 'box', user: '1000', workdir: '/app', entrypoint: '/bin/sh', network: 'net', restart: 'on-failure:3',
      memory: '512m', cpus: '1.5', publishAll: true, publish: ['8080:80', '127.0.0.1::443'], volumes: ['/data', '/tmp:/tmp:ro'],
      mounts: ['type=tmpfs,dst=/t'], envFiles: ['.env'], env: ['A=1', 'B'], labels: ['app=web'], addHosts: ['db:10.0.0.5'],
      command: ['-c', 'echo hi'],
    });
    assert.strictEqual(
      toDockerRunCommand(all),
      'docker run -d --rm -it --name web --init --privileged --read-only -h box -u 1000 -w /app --entrypoint /bin/sh ' +
        '--network net --restart on-failure:3 -m 512m --cpus 1.5 -P -p 8080:80 -p 127.0.0.1::443 -v /data -v /tmp:/tmp:ro ' +
        `--mount type=tmpfs,dst=/t --env-file .env -e A=1 -e B -l app=web --add-host db:10.0.0.5 nginx -c 'echo hi'`,
    );
  });

  it('joins neighbouring one-letter switches', () => {
    assert.strictEqual(toDockerRunCommand(opts({ detach: true, interactive: true, tty: true })), 'docker run -dit nginx');
    assert.strictEqual(toDockerRunCommand(opts({ interactive: true })), 'docker run -i nginx');
    assert.strictEqual(toDockerRunCommand(opts({ tty: true, rm: true })), 'docker run --rm -t nginx');
    assert.strictEqual(toDockerRunCommand(opts({ interactive: true, tty: true, publishAll: true })), 'docker run -it -P nginx');
  });

  it('writes --init=false only when init is explicitly off', () => {
    assert.strictEqual(toDockerRunCommand(opts({ init: false })), 'docker run --init=false nginx');
    assert.strictEqual(toDockerRunCommand(opts({})), 'docker run nginx');
  });

  it('ends the flags with -- before an image that starts with a dash', () => {
    assert.deepStrictEqual(toDockerArgs(opts({ image: '-x', rm: true, command: ['-y'] })), ['--rm', '--', '-x', '-y']);
  });

  it('writes empty values that mean something', () => {
    assert.strictEqual(toDockerRunCommand(opts({ entrypoint: '' })), `docker run --entrypoint '' nginx`);
  });

  it('quotes only what needs it, with single quotes', () => {
    const command = toDockerRunCommand(opts({
      env: ['MSG=hello world', "Q=it's", 'P=$HOME', 'T=~', 'E='],
      labels: ['a=b'],
      command: ['sh', '-c', 'echo "$1" | wc -l', '#', 'a#b', '', 'tab\there', 'ünï'],
    }));
    assert.strictEqual(
      command,
      `docker run -e 'MSG=hello world' -e 'Q=it'\\''s' -e 'P=$HOME' -e 'T=~' -e E= -l a=b nginx ` +
        `sh -c 'echo "$1" | wc -l' '#' 'a#b' '' 'tab\there' 'ünï'`,
    );
  });
});

describe('quoteShellWord', () => {
  const words = ['plain', 'a b', "it's", "''", '"', '\\', '$x', '`x`', '*', '?', '[a]', '~', '#', '!', '&', ';', '|', '<>', '()', '{}',
    '\n', '\r\n', '\t', ' lead', 'trail ', '', 'a=b:c,d/e.f-g_h@i%j+k', 'ünï', '😀', "'\\''"];
  for (const word of words) {
    it(`quotes ${JSON.stringify(word)} so a POSIX shell splitter gets it back`, () => {
      assert.deepStrictEqual(splitShellWords(`x ${quoteShellWord(word)} y`), { words: ['x', word, 'y'], errors: [] });
    });
  }

  it('leaves safe words alone', () => {
    assert.strictEqual(quoteShellWord('a=b:c,d/e.f-g_h@i%j+k'), 'a=b:c,d/e.f-g_h@i%j+k');
  });
});

describe('command line round trips', () => {
  const lines = [
    'docker run nginx',
    'docker run -d --rm -it --name web -p 8080:80 -v /data:/data:ro -e A=1 nginx',
    `docker run --entrypoint '' --init=false -w / -u 0:0 -h h --network host --restart no -m 6m --cpus 0.5 busybox sh -c 'echo "a b"'`,
    'docker run -P -p [::1]:80:80/udp -p 1-2:1-2 --mount type=bind,src=/a,dst=/b --env-file .env -e X -l x --add-host a:::1 img',
    `docker run -e 'A=it'\\''s' -l 'k=v w' --mount 'type=bind,"src=/a,b",dst=/c' img '' "$" 'x\ty'`,
    'docker run img --rm -it -- -x',
    'docker run --rm=false --privileged=false -i=false img',
  ];
  for (const line of lines) {
    it(`parse -> write -> parse keeps ${line}`, () => {
      const first = parseDockerRunCommand(line);
      assert.deepStrictEqual(first.errors, []);
      const written = toDockerRunCommand(first.options);
      const second = parseDockerRunCommand(written);
      assert.deepStrictEqual(second.errors, []);
      assert.deepStrictEqual(second.options, first.options, written);
      assert.strictEqual(toDockerRunCommand(second.options), written, 'writing is stable');
    });
  }

  it('round-trips awkward values in every field', () => {
    const awkward = ["it's", 'a b', '-dash', '--double', '$HOME', '"q"', '\\', 'x\ny', '', '#'];
    for (const value of awkward) {
      const original = opts({
        name: value, hostname: value, user: value, workdir: value, entrypoint: value, network: value, restart: value,
        memory: value, cpus: value, publish: [value], volumes: [value], mounts: [value], env: [value], envFiles: [value],
        labels: [value], addHosts: [value], command: [value, value], image: value || 'img',
      });
      const parsed = parseDockerRunCommand(toDockerRunCommand(original));
      assert.deepStrictEqual(parsed.errors, [], JSON.stringify(value));
      assert.deepStrictEqual(parsed.options, original, JSON.stringify(value));
    }
  });

  it('round-trips an image that looks like a flag value', () => {
    const original = opts({ image: 'false', rm: true });
    assert.deepStrictEqual(parseDockerRunCommand(toDockerRunCommand(original)).options, original);
  });
});
