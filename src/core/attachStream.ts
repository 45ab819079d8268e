/**
 * What travels over a container's attach stream, without a terminal in between:
 * the engine's multiplexed frames (no TTY), and the line editing a terminal
 * would do for a process that has no TTY of its own.
 */

export type StreamName = 'stdin' | 'stdout' | 'stderr';

const STREAMS: Record<number, StreamName> = { 0: 'stdin', 1: 'stdout', 2: 'stderr' };
const HEADER_BYTES = 8;

/**
 * Splits the engine's multiplexed output (used when the container has no TTY):
 * each frame is an 8-byte header, [stream, 0, 0, 0, size as big-endian uint32],
 * then `size` bytes. Chunks may end anywhere, even inside a header.
 */
export class FrameDemuxer {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly onFrame: (stream: StreamName, data: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (this.pending.length >= HEADER_BYTES) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < HEADER_BYTES + size) break;
      const data = this.pending.subarray(HEADER_BYTES, HEADER_BYTES + size);
      this.onFrame(STREAMS[this.pending[0]] ?? 'stdout', data);
      this.pending = this.pending.subarray(HEADER_BYTES + size);
    }
  }
}

/** xterm moves to the next line only on CR LF; a process without a TTY writes bare LF. */
export function toTerminalNewlines(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** What one keystroke (or a pasted run of them) does to a line-edited stdin. */
export interface LineEdit {
  /** what to show in the terminal (the local echo) */
  echo: string;
  /** complete lines (with their `\n`) to send to the container */
  send: string;
  /** Ctrl-D on an empty line: close the container's stdin */
  endOfInput: boolean;
  /** Ctrl-C: interrupt the process (the CLI forwards SIGINT) */
  interrupt: boolean;
}

const ESCAPE_SEQUENCE = /\x1b(\[[0-9;?]*[@-~]|O.|.)?/g;

/**
 * The cooked mode of a terminal, for `docker run -i` without `-t`: the docker
 * CLI leaves line editing to the user's own terminal, and a pseudoterminal has
 * none, so typed text is echoed, edited with Backspace and Ctrl-U, and sent a
 * line at a time on Enter.
 */
export class LineDiscipline {
  private line = '';

  input(data: string): LineEdit {
    const edit: LineEdit = { echo: '', send: '', endOfInput: false, interrupt: false };
    // arrows and other keys send escape sequences: there is no history or cursor to move
    for (const ch of data.replace(ESCAPE_SEQUENCE, '').replace(/\r\n/g, '\r')) {
      if (ch === '\r' || ch === '\n') {
        edit.send += `${this.line}\n`;
        edit.echo += '\r\n';
        this.line = '';
      } else if (ch === '\x7f' || ch === '\b') {
        if (this.line) {
          this.line = [...this.line].slice(0, -1).join('');
          edit.echo += '\b \b';
        }
      } else if (ch === '\x15') {
        edit.echo += '\b \b'.repeat([...this.line].length);
        this.line = '';
      } else if (ch === '\x03') {
        edit.echo += '^C\r\n';
        this.line = '';
        edit.interrupt = true;
      } else if (ch === '\x04') {
        // like a terminal: Ctrl-D sends what is typed so far, and on an empty line means end of input
        if (this.line) {
          edit.send += this.line;
          this.line = '';
        } else {
          edit.endOfInput = true;
          break;
        }
      } else if (ch >= ' ' || ch === '\t') {
        this.line += ch;
        edit.echo += ch;
      }
    }
    return edit;
  }
}
