import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DOCKER_RUN_FLAGS, parseDockerRunCommand } from '../../src/core/runOptions';
import { isGoIP, parseRamInBytes } from '../../src/core/runOptions/goSyntax';

/** `docker run --help` / `docker create --help` of the docker 28.2 CLI. */
const FIXTURES = path.join(__dirname, '../../../test/fixtures/runOptions');

interface HelpFlag {
  long: string;
  short?: string;
  takesValue: boolean;
}

/** Reads the flag lines of a cobra help text: `  -p, --publish list   ...` or `      --rm   ...`. */
function helpFlags(file: string): HelpFlag[] {
  const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
  return [...text.matchAll(/^ {2}(?:-(\w), | {4})--([\w-]+)(?: (\S+))? {2,}/gm)].map((m) => ({
    long: m[2],
    short: m[1],
    takesValue: m[3] !== undefined,
  }));
}

const HIDDEN = ['net', 'net-alias', 'dns-opt'];

describe('the docker run flag table', () => {
  for (const [subcommand, file] of [['run', 'docker-run-help-28.2.txt'], ['create', 'docker-create-help-28.2.txt']] as const) {
    it(`has exactly the flags of docker ${subcommand} --help (28.2), plus the hidden aliases`, () => {
      const table = DOCKER_RUN_FLAGS
        .filter((f) => !(subcommand === 'create' && f.runOnly) && !HIDDEN.includes(f.long))
        .map((f) => ({
          long: f.long,
          short: f.short,
          takesValue: f.target.kind === 'unsupported' ? f.target.takesValue : f.target.kind !== 'boolean',
        }))
        .sort((a, b) => a.long.localeCompare(b.long));
      const help = helpFlags(file).sort((a, b) => a.long.localeCompare(b.long));
      assert.ok(help.length > 100, `${help.length} flags read from the help`);
      assert.deepStrictEqual(table, help);
    });
  }

  it('has each long and short name once', () => {
    const longs = DOCKER_RUN_FLAGS.map((f) => f.long);
    const shorts = DOCKER_RUN_FLAGS.flatMap((f) => (f.short ? [f.short] : []));
    assert.strictEqual(new Set(longs).size, longs.length);
    assert.strictEqual(new Set(shorts).size, shorts.length);
  });

  it('skips the value of every unsupported value flag, so the image is still found', () => {
    for (const flag of DOCKER_RUN_FLAGS.filter((f) => f.target.kind === 'unsupported')) {
      const takesValue = flag.target.kind === 'unsupported' && flag.target.takesValue;
      const parsed = parseDockerRunCommand(`docker run --${flag.long}${takesValue ? ' value' : ''} img`);
      assert.deepStrictEqual([parsed.options.image, parsed.unsupported, parsed.errors], ['img', [`--${flag.long}`], []], flag.long);
    }
  });
});

describe('Go syntax helpers', () => {
  it('reads IP addresses like net.ParseIP', () => {
    for (const ip of ['0.0.0.0', '255.255.255.255', '::', '::1', '1::', 'fe80::1', '2001:db8:0:0:1:0:0:1', '0:0:0:0:0:0:0:1',
      '::ffff:1.2.3.4', '1:2:3:4:5:6:1.2.3.4', 'ABCD::ef']) {
      assert.ok(isGoIP(ip), ip);
    }
    for (const ip of ['', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.-4', ':::', '1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7',
      '12345::', 'g::', 'fe80::1%eth0', '[::1]', ' 1.2.3.4', '::1.2.3', '1:2:3:4:5:6:7:1.2.3.4', '1.2.3.4::', '1.2.3.4::1']) {
      assert.ok(!isGoIP(ip), ip);
    }
  });

  it('reads sizes like go-units RAMInBytes (binary multiples, truncated)', () => {
    const sizes: [string, number][] = [['1', 1], ['1b', 1], ['1k', 1024], ['1KB', 1024], ['1kib', 1024], ['1.5k', 1536],
      ['1 m', 1048576], ['1g', 2 ** 30], ['1t', 2 ** 40], ['1p', 2 ** 50], ['0.1', 0], ['1e3', 1000], ['2.5b', 2]];
    for (const [text, bytes] of sizes) assert.deepStrictEqual(parseRamInBytes(text), { ok: true, value: bytes }, text);
    for (const text of ['', 'k', '-1k', '1kk', '1bb', '1..0', '1x']) assert.strictEqual(parseRamInBytes(text).ok, false, text);
    // go-units drops the space before a unit, so a trailing one too
    assert.deepStrictEqual(parseRamInBytes('1 '), { ok: true, value: 1 });
  });
});
