/**
 * An integrated terminal attached to a container through the Engine API, as
 * `docker run` without `-d` attaches the user's terminal: output (demultiplexed
 * when the container has no TTY), stdin with `-i`, the TTY's size with `-t`.
 *
 * Closing the terminal while the container runs: with `--rm` the container is
 * stopped (and so removed), as a throwaway run is meant to end with its
 * terminal; otherwise the user is asked whether to stop it or leave it running
 * (the CLI would silently leave a `-it` container running).
 */
import type { Duplex } from 'stream';
import { TextDecoder } from 'util';
import * as vscode from 'vscode';
import { FrameDemuxer, LineDiscipline, StreamName, toTerminalNewlines } from '../core/attachStream';
import type { ContainerExit } from '../docker/client';
import { DockerError } from '../docker/errors';
import type { Services } from '../services';

export interface AttachTarget {
  id: string;
  name: string;
  /** `-t`: raw bytes both ways, the TTY in the container does echo and line editing */
  tty: boolean;
  /** `-i`: what the user types reaches the container */
  stdin: boolean;
  /** `--rm`: the engine removes the container when it exits */
  autoRemove: boolean;
}

/** How long the output may trail the exit before the terminal says the container ended. */
const OUTPUT_GRACE_MS = 2_000;

export class AttachedContainerTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.writeEmitter.event;
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  readonly onDidClose = this.closeEmitter.event;
  private readonly exitEmitter = new vscode.EventEmitter<ContainerExit>();
  /** The container's process ended (with --rm: the container is gone). */
  readonly onDidExit = this.exitEmitter.event;
  private readonly openEmitter = new vscode.EventEmitter<void>();
  /** The workbench opened the terminal: it has its size, and what came before is shown. */
  readonly onDidOpen = this.openEmitter.event;

  private terminal: vscode.Terminal | undefined;
  /** output that came before the terminal opened (events fired before open() are dropped) */
  private pending: string[] | undefined = [];
  private size: vscode.TerminalDimensions | undefined;
  private running = false;
  private exit: ContainerExit | undefined;
  /** set when the terminal goes away without the user closing it (start failed) */
  private abandoned = false;
  private readonly lines = new LineDiscipline();
  private readonly decoders: Record<StreamName, TextDecoder> = { stdin: new TextDecoder(), stdout: new TextDecoder(), stderr: new TextDecoder() };
  private readonly waitAbort = new AbortController();
  /**
   * Size changes and input, in the order they happened: as with a real TTY, what is
   * typed after a resize reaches the process once its TTY has the new size.
   */
  private sequence: Promise<void> = Promise.resolve();
  /** settles when the engine has sent all the output (it closes the stream after the process ends) */
  private readonly outputDone: Promise<void>;

  private constructor(
    private readonly s: Services,
    readonly target: AttachTarget,
    private readonly stream: Duplex,
  ) {
    const demuxer = new FrameDemuxer((name, data) => this.write(toTerminalNewlines(this.decoders[name].decode(data, { stream: true }))));
    stream.on('data', (chunk: Buffer) => (target.tty ? this.write(this.decoders.stdout.decode(chunk, { stream: true })) : demuxer.push(chunk)));
    stream.on('error', (err) => this.s.log.warn(`attach ${target.name}: ${err.message}`));
    this.outputDone = new Promise((resolve) => stream.once('close', resolve));
  }

  /**
   * Attaches to a created container and starts waiting for its exit, both before
   * it starts; then opens the terminal. Call `started()` once it runs.
   */
  static async attach(s: Services, target: AttachTarget): Promise<AttachedContainerTerminal> {
    const stream = await s.client().attachContainer(target.id, { stdin: target.stdin });
    const pty = new AttachedContainerTerminal(s, target, stream);
    try {
      // with --rm, "exited" is when the container is gone, as `docker run --rm` returns
      const { exited } = await s.client().waitContainer(target.id, target.autoRemove ? 'removed' : 'next-exit', { signal: pty.waitAbort.signal });
      exited.then((exit) => void pty.onExit(exit), (err: DockerError) => err.kind !== 'cancelled' && s.log.warn(`wait ${target.name}: ${err.reason}`));
    } catch (err) {
      stream.destroy();
      throw err;
    }
    pty.terminal = vscode.window.createTerminal({ name: target.name, pty, iconPath: new vscode.ThemeIcon('vm-running') });
    pty.terminal.show();
    return pty;
  }

  /** The container runs: its TTY can take the terminal's size now. */
  started(): void {
    this.running = true;
    this.resize();
  }

  /** Start failed: the terminal goes, without asking anything. */
  abandon(): void {
    this.abandoned = true;
    this.detach();
    this.terminal?.dispose();
  }

  get exited(): ContainerExit | undefined {
    return this.exit;
  }

  get isOpen(): boolean {
    return this.pending === undefined;
  }

  open(size: vscode.TerminalDimensions | undefined): void {
    this.size = size;
    const pending = this.pending ?? [];
    this.pending = undefined;
    for (const text of pending) this.writeEmitter.fire(text);
    this.resize();
    this.openEmitter.fire();
  }

  setDimensions(size: vscode.TerminalDimensions): void {
    this.size = size;
    this.resize();
  }

  handleInput(data: string): void {
    if (this.exit) {
      // "press any key to close"
      this.closeEmitter.fire();
      return;
    }
    if (this.target.tty) {
      if (this.target.stdin) this.inOrder(() => this.stream.write(data));
      return;
    }
    if (!this.target.stdin) {
      // like the CLI's signal proxy: Ctrl-C interrupts the process
      if (data.includes('\x03')) void this.interrupt();
      return;
    }
    const edit = this.lines.input(data);
    if (edit.echo) this.write(edit.echo);
    if (edit.send) this.inOrder(() => this.stream.write(edit.send));
    if (edit.interrupt) void this.interrupt();
    if (edit.endOfInput) this.inOrder(() => this.stream.end());
  }

  /** The user closed the terminal (or the window is going away). */
  close(): void {
    this.detach();
    if (this.exit || this.abandoned) return;
    void this.afterClose();
  }

  private async afterClose(): Promise<void> {
    const { name, autoRemove } = this.target;
    const stop = autoRemove || (await this.s.prompts.confirm(
      vscode.l10n.t('{0} is still running. Stop it?', name),
      vscode.l10n.t('You closed its terminal. If you do not stop it, it keeps running in the background, detached.'),
      vscode.l10n.t('Stop'),
    ));
    if (!stop) {
      this.s.log.info(`detached from ${name}; it keeps running`);
      return;
    }
    // the Stop of the containers view: its grace period setting, its log line, its report of a failure
    await vscode.commands.executeCommand('dockerDeck.container.stop', { containerId: this.target.id });
  }

  private async onExit(exit: ContainerExit): Promise<void> {
    if (this.abandoned) return;
    this.exit = exit;
    // the last output can arrive after the exit; the stream is closed by then, or soon
    await Promise.race([this.outputDone, new Promise((resolve) => setTimeout(resolve, OUTPUT_GRACE_MS))]);
    this.detach();
    this.exitEmitter.fire(exit);
    const { name, stdin } = this.target;
    // an interactive session that ends well closes like a shell's terminal; otherwise its output stays to be read
    if (stdin && exit.statusCode === 0 && !exit.error) {
      this.closeEmitter.fire(0);
      return;
    }
    const ended = exit.error ? vscode.l10n.t('Waiting for {0} failed: {1}', name, exit.error) : vscode.l10n.t('{0} exited with code {1}.', name, exit.statusCode);
    this.write(`\r\n\x1b[2m${ended} ${vscode.l10n.t('Press any key to close this terminal.')}\x1b[0m\r\n`);
  }

  private async interrupt(): Promise<void> {
    const { id, name } = this.target;
    await this.s.log.run(['kill', '--signal', 'SIGINT', name], () => this.s.client().containerAction(id, 'kill', { killSignal: 'SIGINT' })).catch(() => undefined);
  }

  private resize(): void {
    if (!this.target.tty || !this.running || !this.size || this.exit) return;
    const { rows, columns } = this.size;
    this.inOrder(() => this.s.client().resizeContainer(this.target.id, { rows, columns }).catch((err: DockerError) => this.s.log.warn(`resize ${this.target.name}: ${err.reason}`)));
  }

  private inOrder(step: () => unknown): void {
    this.sequence = this.sequence.then(async () => void (await step()));
  }

  private write(text: string): void {
    if (!text) return;
    if (this.pending) this.pending.push(text);
    else this.writeEmitter.fire(text);
  }

  private detach(): void {
    this.waitAbort.abort();
    this.stream.destroy();
  }
}
