import * as assert from 'assert';
import { emptyRunOptions, parseDockerRunCommand, type RunOptions } from '../../src/core/runOptions';

/** Parses and asserts there were no errors. */
function options(line: string): RunOptions {
  const parsed = parseDockerRunCommand(line);
  assert.deepStrictEqual(parsed.errors, [], `errors for ${JSON.stringify(line)}`);
  return parsed.options;
}

function errorsOf(line: string): string[] {
  return parseDockerRunCommand(line).errors.map((e) => e.message);
}

describe('parseDockerRunCommand', () => {
  describe('command prefix', () => {
    for (const prefix of ['docker run', 'docker container run', 'docker create', 'docker container create', '/usr/bin/docker run', 'docker.exe run', '']) {
      it(`accepts "${prefix}"`, () => {
        assert.deepStrictEqual(options(`${prefix} -it nginx`), { ...emptyRunOptions('nginx'), interactive: true, tty: true });
      });
    }

    it('rejects another docker command', () => {
      assert.deepStrictEqual(errorsOf('docker ps -a'), ['Expected "docker run" or "docker create", got "docker ps -a".']);
    });

    it('rejects docker global flags before run, which it does not know', () => {
      assert.strictEqual(parseDockerRunCommand('docker --context x run img').errors.length, 1);
    });
  });

  describe('image and command', () => {
    it('takes the first argument that is not a flag as the image and keeps the rest verbatim', () => {
      const opts = options('docker run --rm alpine:3 sh -c "ls -l" --rm -it');
      assert.strictEqual(opts.image, 'alpine:3');
      assert.deepStrictEqual(opts.command, ['sh', '-c', 'ls -l', '--rm', '-it']);
      assert.strictEqual(opts.rm, true);
      assert.strictEqual(opts.interactive, false);
    });

    it('ends the options at --', () => {
      assert.deepStrictEqual(options('docker run -i -- -weird-image -t').image, '-weird-image');
      assert.deepStrictEqual(options('docker run -i -- -weird-image -t').command, ['-t']);
    });

    it('keeps a -- after the image in the command', () => {
      assert.deepStrictEqual(options('docker run img -- -x').command, ['--', '-x']);
    });

    it('takes a lone dash as an argument', () => {
      assert.strictEqual(options('docker run -').image, '-');
    });

    it('reports a missing image', () => {
      const expected = ['No image given: docker run requires at least 1 argument (the image).'];
      assert.deepStrictEqual(errorsOf('docker run'), expected);
      assert.deepStrictEqual(errorsOf('docker run -it --rm'), expected);
      assert.deepStrictEqual(errorsOf('docker run --'), expected);
      assert.deepStrictEqual(errorsOf('docker create --name x'), ['No image given: docker create requires at least 1 argument (the image).']);
      assert.deepStrictEqual(errorsOf(''), expected);
    });

    it('takes an empty quoted word as the image (docker then rejects it)', () => {
      assert.strictEqual(parseDockerRunCommand(`docker run ''`).options.image, '');
    });
  });

  describe('flag forms (spf13/pflag)', () => {
    const publishForms = ['-p 80:80', '-p=80:80', '-p80:80', '--publish 80:80', '--publish=80:80'];
    for (const form of publishForms) {
      it(`reads ${form}`, () => assert.deepStrictEqual(options(`docker run ${form} img`).publish, ['80:80']));
    }

    it('groups switches: -it, -itd, -dit', () => {
      for (const group of ['-it', '-ti', '-itd', '-dit']) {
        const opts = options(`docker run ${group} img`);
        assert.ok(opts.interactive && opts.tty, group);
        assert.strictEqual(opts.detach, group.includes('d'), group);
      }
    });

    it('lets a value flag in a group take the next argument', () => {
      const opts = options('docker run -itp 8080:80 img');
      assert.deepStrictEqual([opts.interactive, opts.tty, opts.publish], [true, true, ['8080:80']]);
    });

    it('lets a value flag in a group take the rest of the group', () => {
      assert.deepStrictEqual(options('docker run -itp8080:80 img').publish, ['8080:80']);
      assert.deepStrictEqual(options('docker run -ite A=1 img').env, ['A=1']);
    });

    it('gives a value flag the rest of its group even when it looks like switches (-pi)', () => {
      const opts = options('docker run -pi img');
      assert.deepStrictEqual(opts.publish, ['i']);
      assert.strictEqual(opts.interactive, false);
    });

    it('takes the next argument as a value even if it looks like a flag', () => {
      const opts = options('docker run --name -it img');
      assert.strictEqual(opts.name, '-it');
      assert.strictEqual(opts.interactive, false);
    });

    it('takes -p= as the value "="', () => assert.deepStrictEqual(options('docker run -p= img').publish, ['=']));

    it('reads -e=KEY=VAL and --env=KEY=VAL with the first = as the separator', () => {
      assert.deepStrictEqual(options('docker run -e=A=1 --env=B=2=3 img').env, ['A=1', 'B=2=3']);
    });

    it('accepts Go boolean spellings for switches', () => {
      for (const [text, value] of [['true', true], ['1', true], ['t', true], ['T', true], ['TRUE', true], ['True', true],
        ['false', false], ['0', false], ['f', false], ['F', false], ['FALSE', false], ['False', false]] as const) {
        assert.strictEqual(options(`docker run --rm=${text} img`).rm, value, text);
      }
    });

    it('lets a later switch override an earlier one', () => {
      assert.strictEqual(options('docker run --rm --rm=false img').rm, false);
      assert.strictEqual(options('docker run --rm=false --rm img').rm, true);
    });

    it('reads -i=false and -it=false (the value belongs to the last letter)', () => {
      assert.strictEqual(options('docker run -i=false img').interactive, false);
      const opts = options('docker run -it=false img');
      assert.deepStrictEqual([opts.interactive, opts.tty], [true, false]);
    });

    it('rejects a boolean value docker does not know', () => {
      assert.deepStrictEqual(errorsOf('docker run --rm=yes img'), ['Invalid value "yes" for --rm: expected true or false.']);
      assert.deepStrictEqual(errorsOf('docker run --rm= img'), ['Invalid value "" for --rm: expected true or false.']);
    });

    it('keeps reading after a bad boolean value', () => {
      const parsed = parseDockerRunCommand('docker run --privileged=maybe -it img');
      assert.strictEqual(parsed.errors.length, 1);
      assert.strictEqual(parsed.options.image, 'img');
      assert.strictEqual(parsed.options.tty, true);
    });

    it('takes a separate word after a switch as the image (--rm false)', () => {
      const opts = options('docker run --rm false');
      assert.deepStrictEqual([opts.rm, opts.image], [true, 'false']);
    });

    it('tells --init=false from no --init', () => {
      assert.strictEqual(options('docker run img').init, undefined);
      assert.strictEqual(options('docker run --init img').init, true);
      assert.strictEqual(options('docker run --init=false img').init, false);
    });

    it('reports a value flag at the end without its value', () => {
      assert.deepStrictEqual(errorsOf('docker run --name'), ['Flag needs an argument: --name']);
      assert.deepStrictEqual(errorsOf('docker run -p'), ["Flag needs an argument: 'p' in -p"]);
      assert.deepStrictEqual(errorsOf('docker run -itp'), ["Flag needs an argument: 'p' in -itp"]);
    });

    it('reports bad flag syntax', () => {
      assert.deepStrictEqual(errorsOf('docker run ---rm img'), ['Bad flag syntax: ---rm']);
      assert.deepStrictEqual(errorsOf('docker run --=x img'), ['Bad flag syntax: --=x']);
    });

    it('rejects -i= as docker does (= is not a flag letter)', () => {
      assert.deepStrictEqual(errorsOf('docker run -i= img'), ["Unknown shorthand flag: '=' in -i="]);
    });
  });

  describe('supported options', () => {
    it('reads every string option, the last one winning', () => {
      const opts = options(
        'docker run --name a --name web -h host -u 1000:1000 -w /app --entrypoint /bin/sh --network net ' +
          '--restart always -m 512m --cpus 1.5 img',
      );
      assert.deepStrictEqual(
        [opts.name, opts.hostname, opts.user, opts.workdir, opts.entrypoint, opts.network, opts.restart, opts.memory, opts.cpus],
        ['web', 'host', '1000:1000', '/app', '/bin/sh', 'net', 'always', '512m', '1.5'],
      );
    });

    it('reads the long spellings', () => {
      const opts = options(
        'docker run --interactive --tty --detach --hostname h --user u --workdir /w --memory 1g ' +
          '--publish-all --volume /v --env A=1 --label l=1 --read-only --privileged img',
      );
      assert.deepStrictEqual(opts, {
        ...emptyRunOptions('img'),
        interactive: true, tty: true, detach: true, hostname: 'h', user: 'u', workdir: '/w', memory: '1g',
        publishAll: true, volumes: ['/v'], env: ['A=1'], labels: ['l=1'], readOnly: true, privileged: true,
      });
    });

    it('accepts --net as --network', () => {
      assert.strictEqual(options('docker run --net=host img').network, 'host');
    });

    it('reports a second --network, which it cannot hold', () => {
      const parsed = parseDockerRunCommand('docker run --network a --net b img');
      assert.deepStrictEqual(parsed.errors.map((e) => [e.field, e.value]), [['network', 'b']]);
    });

    it('collects repeatable options in order', () => {
      const opts = options(
        'docker run -p 1:1 --publish 2:2 -v /a -v /b:/b --mount dst=/m --mount dst=/n -e A -e B=1 ' +
          '--env-file a.env --env-file b.env -l x -l y=1 --add-host a:1.1.1.1 --add-host b:::1 img',
      );
      assert.deepStrictEqual(opts.publish, ['1:1', '2:2']);
      assert.deepStrictEqual(opts.volumes, ['/a', '/b:/b']);
      assert.deepStrictEqual(opts.mounts, ['dst=/m', 'dst=/n']);
      assert.deepStrictEqual(opts.env, ['A', 'B=1']);
      assert.deepStrictEqual(opts.envFiles, ['a.env', 'b.env']);
      assert.deepStrictEqual(opts.labels, ['x', 'y=1']);
      assert.deepStrictEqual(opts.addHosts, ['a:1.1.1.1', 'b:::1']);
    });

    it('keeps empty values, which mean something (--entrypoint resets the image entrypoint)', () => {
      assert.strictEqual(options(`docker run --entrypoint '' img`).entrypoint, '');
      assert.strictEqual(options('docker run --entrypoint= img').entrypoint, '');
      assert.strictEqual(options('docker run img').entrypoint, undefined);
    });

    it('does not validate values while parsing', () => {
      const opts = options('docker run -p 99999 --restart sometimes img');
      assert.deepStrictEqual([opts.publish, opts.restart], [['99999'], 'sometimes']);
    });
  });

  describe('unsupported and unknown flags', () => {
    it('reports docker flags it does not support, by long name, and skips their values', () => {
      const parsed = parseDockerRunCommand(
        'docker run --gpus all --gpus=all -a stdout -astderr -c 512 --no-healthcheck --ulimit nofile=1024 -q --help -it img cmd',
      );
      assert.deepStrictEqual(parsed.errors, []);
      assert.deepStrictEqual(parsed.unsupported, ['--gpus', '--attach', '--cpu-shares', '--no-healthcheck', '--ulimit', '--quiet', '--help']);
      assert.deepStrictEqual([parsed.options.image, parsed.options.command, parsed.options.tty], ['img', ['cmd'], true]);
    });

    it('knows the hidden aliases (--dns-opt, --net-alias)', () => {
      const parsed = parseDockerRunCommand('docker run --dns-opt ndots:1 --net-alias x img');
      assert.deepStrictEqual([parsed.unsupported, parsed.options.image], [['--dns-opt', '--net-alias'], 'img']);
    });

    it('checks the boolean value of an unsupported switch', () => {
      assert.deepStrictEqual(errorsOf('docker run --no-healthcheck=maybe img'), ['Invalid value "maybe" for --no-healthcheck: expected true or false.']);
    });

    it('stops at a flag docker does not have, as docker does', () => {
      const parsed = parseDockerRunCommand('docker run --foo bar -it img');
      assert.deepStrictEqual(parsed.errors.map((e) => e.message), ['Unknown flag: --foo']);
      assert.strictEqual(parsed.options.image, '');
      assert.deepStrictEqual(errorsOf('docker run -x img'), ["Unknown shorthand flag: 'x' in -x"]);
      assert.deepStrictEqual(errorsOf('docker run -itx img'), ["Unknown shorthand flag: 'x' in -itx"]);
      assert.deepStrictEqual(errorsOf('docker run -name web img'), ["Unknown shorthand flag: 'n' in -name"]);
      assert.deepStrictEqual(errorsOf('docker run --Name web img'), ['Unknown flag: --Name']);
    });

    it('knows -d, --detach-keys and --sig-proxy only for docker run', () => {
      assert.deepStrictEqual(errorsOf('docker create -d img'), ["Unknown shorthand flag: 'd' in -d"]);
      assert.deepStrictEqual(errorsOf('docker create --detach img'), ['Unknown flag: --detach']);
      assert.deepStrictEqual(errorsOf('docker create --sig-proxy=false img'), ['Unknown flag: --sig-proxy']);
      assert.deepStrictEqual(parseDockerRunCommand('docker run --detach-keys ctrl-x img').unsupported, ['--detach-keys']);
    });
  });

  describe('shell quoting', () => {
    const cases: [string, string[]][] = [
      [`img 'a b' "c d" e\\ f`, ['a b', 'c d', 'e f']],
      [`img a"b"'c'd`, ['abcd']],
      [`img 'it'\\''s'`, ["it's"]],
      [`img "it's" 'say "hi"'`, ["it's", 'say "hi"']],
      [`img "a\\"b" "c\\\\d" "e\\$f" "g\\\`h" "i\\xj"`, ['a"b', 'c\\d', 'e$f', 'g`h', 'i\\xj']],
      [`img 'a\\b' '$HOME' '\`x\`'`, ['a\\b', '$HOME', '`x`']],
      [`img \\$HOME \\' \\" \\\\`, ['$HOME', "'", '"', '\\']],
      [`img '' "" x`, ['', '', 'x']],
      ['img\ta \t b', ['a', 'b']],
      ['img a#b # a comment', ['a#b']],
      ['img "a # b" \'#c\'', ['a # b', '#c']],
      ['img $ a$ 100$', ['$', 'a$', '100$']],
      [`img '|' ";" \\& '>'`, ['|', ';', '&', '>']],
      ['img "über" ünïcode', ['über', 'ünïcode']],
    ];
    for (const [line, command] of cases) {
      it(`splits ${line}`, () => assert.deepStrictEqual(options(`docker run ${line}`).command, command));
    }

    it('joins backslash-newline continuations, also with \\r\\n', () => {
      const opts = options('docker run \\\n  -it \\\r\n  --rm \\\n  img \\\n  sh');
      assert.deepStrictEqual([opts.interactive, opts.rm, opts.image, opts.command], [true, true, 'img', ['sh']]);
    });

    it('joins a continuation inside a word and inside double quotes', () => {
      assert.deepStrictEqual(options('docker run img ab\\\ncd "ef\\\ngh"').command, ['abcd', 'efgh']);
    });

    it('ignores a backslash at the very end', () => {
      assert.deepStrictEqual(options('docker run img a \\').command, ['a']);
      assert.deepStrictEqual(options('docker run img a\\').command, ['a']);
    });

    it('keeps a newline inside quotes', () => {
      assert.deepStrictEqual(options(`docker run img 'a\nb' "c\r\nd"`).command, ['a\nb', 'c\r\nd']);
    });

    it('accepts a command line ending in a newline or a comment line', () => {
      assert.deepStrictEqual(options('docker run img\n').image, 'img');
      assert.deepStrictEqual(options('docker run img\r\n# done\n\n').image, 'img');
    });

    it('reports a second command after a line break without backslash', () => {
      const parsed = parseDockerRunCommand('docker run -it\nimg');
      assert.deepStrictEqual(parsed.errors.map((e) => e.message), [
        'The command goes on after a line break: end each line but the last with a backslash (\\).',
        'No image given: docker run requires at least 1 argument (the image).',
      ]);
    });

    it('reports unterminated quotes', () => {
      assert.ok(errorsOf(`docker run img 'abc`).includes('Unterminated single quote.'));
      assert.ok(errorsOf('docker run img "abc').includes('Unterminated double quote.'));
    });

    it('reports expansions it cannot perform, and keeps their text', () => {
      const parsed = parseDockerRunCommand('docker run -v $(pwd):/src -e HOME=$HOME -e "P=${PATH}" -e U=`id -u` img');
      assert.deepStrictEqual(parsed.errors.map((e) => e.message), [
        'Shell expansion at "$(pwd)" is not supported: replace it with its value.',
        'Shell expansion at "$HOME" is not supported: replace it with its value.',
        'Shell expansion at "${PATH}" is not supported: replace it with its value.',
        'Shell expansion at "`id -u`" is not supported: replace it with its value.',
      ]);
      assert.deepStrictEqual(parsed.options.volumes, ['$(pwd):/src']);
      assert.ok(parsed.errors.every((e) => e.field === 'commandLine'));
    });

    it("reports $'...' outside double quotes, but not a $ before a quote inside them", () => {
      assert.deepStrictEqual(errorsOf(`docker run img $'a\\nb'`), [`Shell expansion at "$'" is not supported: replace it with its value.`]);
      assert.deepStrictEqual(options(`docker run img "$'" "cost: $"`).command, [`$'`, 'cost: $']);
    });

    it('reports shell operators', () => {
      assert.deepStrictEqual(errorsOf('docker run img | grep x'), ['Shell operator "|" is not supported: give a single docker run command.']);
      assert.strictEqual(errorsOf('docker run img && echo ok').length, 2);
      assert.deepStrictEqual(errorsOf('docker run img > out.txt'), ['Shell operator ">" is not supported: give a single docker run command.']);
    });
  });
});
