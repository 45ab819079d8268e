import * as assert from 'assert';
import { FrameDemuxer, LineDiscipline, StreamName, toTerminalNewlines } from '../../src/core/attachStream';

function frame(stream: number, text: string): Buffer {
  const data = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(data.length, 4);
  return Buffer.concat([header, data]);
}

function demux(chunks: Buffer[]): [StreamName, string][] {
  const frames: [StreamName, string][] = [];
  const demuxer = new FrameDemuxer((stream, data) => frames.push([stream, data.toString('utf8')]));
  for (const chunk of chunks) demuxer.push(chunk);
  return frames;
}

describe('FrameDemuxer: the engine\'s multiplexed attach output', () => {
  it('splits frames of stdout and stderr that arrive in one chunk', () => {
    assert.deepStrictEqual(demux([Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n'), frame(1, '')])]), [['stdout', 'out\n'], ['stderr', 'err\n'], ['stdout', '']]);
  });

  it('joins a frame cut anywhere, even inside its header', () => {
    const bytes = Buffer.concat([frame(1, 'hello '), frame(2, 'wörld')]);
    for (let cut = 1; cut < bytes.length; cut++) {
      assert.deepStrictEqual(demux([bytes.subarray(0, cut), bytes.subarray(cut)]), [['stdout', 'hello '], ['stderr', 'wörld']], `cut at ${cut}`);
    }
    assert.deepStrictEqual(demux([...bytes].map((b) => Buffer.from([b]))), [['stdout', 'hello '], ['stderr', 'wörld']], 'a byte at a time');
  });

  it('keeps an incomplete frame until the rest comes', () => {
    const bytes = frame(1, 'abcdef');
    assert.deepStrictEqual(demux([bytes.subarray(0, 10)]), []);
  });
});

describe('toTerminalNewlines', () => {
  it('turns LF into CR LF, leaving CR LF as it is', () => {
    assert.strictEqual(toTerminalNewlines('a\nb\r\nc\n'), 'a\r\nb\r\nc\r\n');
  });
});

describe('LineDiscipline: typing to a container without a TTY', () => {
  it('echoes what is typed and sends a line on Enter', () => {
    const lines = new LineDiscipline();
    assert.deepStrictEqual(lines.input('ls -l'), { echo: 'ls -l', send: '', endOfInput: false, interrupt: false });
    assert.deepStrictEqual(lines.input('\r'), { echo: '\r\n', send: 'ls -l\n', endOfInput: false, interrupt: false });
  });

  it('edits with Backspace and Ctrl-U, and ignores arrow keys', () => {
    const lines = new LineDiscipline();
    assert.strictEqual(lines.input('abc\x7f\x7fx').echo, 'abc\b \b\b \bx');
    assert.strictEqual(lines.input('\x1b[A\x1b[D').echo, '', 'no history, no cursor');
    assert.strictEqual(lines.input('\x15').echo, '\b \b\b \b');
    assert.strictEqual(lines.input('ok\r').send, 'ok\n');
  });

  it('sends a pasted block line by line, CR LF counting once', () => {
    assert.strictEqual(new LineDiscipline().input('one\r\ntwo\r\n').send, 'one\ntwo\n');
  });

  it('Ctrl-C interrupts and drops the line; Ctrl-D ends the input on an empty line, else sends what is typed', () => {
    const lines = new LineDiscipline();
    assert.deepStrictEqual(lines.input('half\x03'), { echo: 'half^C\r\n', send: '', endOfInput: false, interrupt: true });
    assert.deepStrictEqual(lines.input('part\x04'), { echo: 'part', send: 'part', endOfInput: false, interrupt: false });
    assert.strictEqual(lines.input('\x04').endOfInput, true);
  });

  it('keeps multi-byte characters whole when erasing', () => {
    const lines = new LineDiscipline();
    lines.input('한글😀');
    lines.input('\x7f');
    assert.strictEqual(lines.input('\r').send, '한글\n');
  });
});
