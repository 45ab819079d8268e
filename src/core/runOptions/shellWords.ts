import * as l10n from '@vscode/l10n';

/**
 * A POSIX shell word splitter for one pasted command: quoting, escapes and
 * line continuations only. Expansions ($VAR, $(...), `...`) and operators
 * (| ; & < > ( )) would need a real shell; they are reported, not performed,
 * and their text is kept literally so the rest of the line still parses.
 */
export interface ShellWords {
  words: string[];
  errors: string[];
}

export function splitShellWords(line: string): ShellWords {
  return new ShellSplitter(line).split();
}

const OPERATORS = new Set(['|', '&', ';', '<', '>', '(', ')']);
/** What makes a `$` start an expansion (a bare `$` is literal). */
const EXPANSION_START = /[A-Za-z0-9_{(@*#?$!-]/;
/** `$'...'` and `$"..."`, which only exist outside double quotes. */
const QUOTED_STRING_START = /['"]/;
/** Inside double quotes a backslash escapes only these (and a newline). */
const DOUBLE_QUOTE_ESCAPES = new Set(['$', '`', '"', '\\']);

class ShellSplitter {
  private readonly words: string[] = [];
  private readonly errors: string[] = [];
  private word = '';
  private inWord = false;
  private i = 0;
  /** Open `$(` in unquoted text: their parentheses belong to the reported expansion, not operators. */
  private substitutionDepth = 0;
  private backquotes = 0;

  constructor(private readonly line: string) {}

  split(): ShellWords {
    const { line } = this;
    while (this.i < line.length) {
      const c = line[this.i];
      const continuation = this.continuationLength(this.i);
      if (continuation) {
        this.i += continuation;
      } else if (c === ' ' || c === '\t' || c === '\r') {
        this.endWord();
        this.i++;
      } else if (c === '\n') {
        this.endCommand();
        break;
      } else if (c === '#' && !this.inWord) {
        const newline = line.indexOf('\n', this.i);
        this.i = newline < 0 ? line.length : newline;
      } else {
        this.readWordPart(c);
      }
    }
    this.endWord();
    return { words: this.words, errors: this.errors };
  }

  private readWordPart(c: string): void {
    this.noteOperator(c);
    if (c === '\\') {
      // a backslash at the very end escapes nothing
      if (this.i + 1 < this.line.length) this.append(this.line[this.i + 1]);
      this.i += 2;
    } else if (c === "'") {
      this.readSingleQuoted();
    } else if (c === '"') {
      this.readDoubleQuoted();
    } else {
      this.noteExpansion(false);
      this.append(c);
      this.i++;
    }
  }

  private readSingleQuoted(): void {
    const end = this.line.indexOf("'", this.i + 1);
    if (end < 0) this.errors.push(l10n.t('Unterminated single quote.'));
    this.append(this.line.slice(this.i + 1, end < 0 ? undefined : end));
    this.i = end < 0 ? this.line.length : end + 1;
  }

  private readDoubleQuoted(): void {
    const { line } = this;
    this.append('');
    this.i++;
    while (this.i < line.length && line[this.i] !== '"') {
      const continuation = this.continuationLength(this.i);
      if (continuation) {
        this.i += continuation;
      } else if (line[this.i] === '\\' && DOUBLE_QUOTE_ESCAPES.has(line[this.i + 1])) {
        this.append(line[this.i + 1]);
        this.i += 2;
      } else {
        this.noteExpansion(true);
        this.append(line[this.i]);
        this.i++;
      }
    }
    if (this.i >= line.length) this.errors.push(l10n.t('Unterminated double quote.'));
    this.i++;
  }

  /** Backslash-newline (also before \r\n) joins lines; returns its length, or 0. */
  private continuationLength(at: number): number {
    const { line } = this;
    if (line[at] !== '\\') return 0;
    if (line[at + 1] === '\n') return 2;
    return line[at + 1] === '\r' && line[at + 2] === '\n' ? 3 : 0;
  }

  private noteOperator(c: string): void {
    const { line, i } = this;
    if (c === '$' && line[i + 1] === '(') this.substitutionDepth++;
    else if (c === ')' && this.substitutionDepth > 0) this.substitutionDepth--;
    else if (OPERATORS.has(c) && !(c === '(' && line[i - 1] === '$')) {
      this.errors.push(l10n.t('Shell operator "{0}" is not supported: give a single docker run command.', c));
    }
  }

  private noteExpansion(inDoubleQuotes: boolean): void {
    const { line, i } = this;
    const c = line[i];
    const next = line[i + 1] ?? '';
    // a closing backquote ends the substitution its opening one reported
    const opensBackquote = c === '`' && this.backquotes++ % 2 === 0;
    const dollar = c === '$' && (EXPANSION_START.test(next) || (!inDoubleQuotes && QUOTED_STRING_START.test(next)));
    if (opensBackquote || dollar) {
      this.errors.push(l10n.t('Shell expansion at "{0}" is not supported: replace it with its value.', expansionPreview(line, i)));
    }
  }

  /** An unescaped newline ends the command; anything but blanks and comments after it is a second command. */
  private endCommand(): void {
    this.endWord();
    if (splitShellWords(this.line.slice(this.i + 1)).words.length > 0) {
      this.errors.push(l10n.t('The command goes on after a line break: end each line but the last with a backslash (\\).'));
    }
  }

  private append(text: string): void {
    this.word += text;
    this.inWord = true;
  }

  private endWord(): void {
    if (this.inWord) this.words.push(this.word);
    this.word = '';
    this.inWord = false;
  }
}

function expansionPreview(line: string, at: number): string {
  const match = /^(\$\([^)]*\)?|\$\{[^}]*\}?|\$\w+|`[^`]*`?|\$.)/.exec(line.slice(at));
  return match ? match[0] : line[at];
}

/** Characters that never need quoting in a POSIX shell word. */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes `word` for a POSIX shell only when needed, with single quotes (`'\''` for embedded ones). */
export function quoteShellWord(word: string): string {
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
