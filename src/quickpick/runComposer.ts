/**
 * The run composer: a two-step quick pick that builds one `docker run` (or
 * `docker create`). Step 1 chooses the image (a recent run, a local image, any
 * typed reference, or a pasted command line); step 2 shows every option as an
 * item to toggle or edit, with the equivalent command line, live, on the Run
 * item. Values are checked as they are typed by the core's validators, and
 * nothing is returned while a problem is left.
 *
 * The composer only composes: it returns the options, and the command that
 * opened it runs them. Its questions go through a `StepInput`.
 */
import * as vscode from 'vscode';
import { ago } from '../core/format';
import {
  emptyRunOptions, parseDockerRunCommand, quoteShellWord, splitShellWords, toDockerArgs, validateImage, validateRunOptions,
  type RunOptionError, type RunOptions,
} from '../core/runOptions';
import { formatCommandLine } from '../core/shell';
import { InputFlowAction, InputStep, runSteps, StepInput } from './multiStepInput';
import type { RecentRun } from './recentRuns';
import { Field, FIELD_GROUPS, FieldKey } from './runFields';

export type ComposeMode = 'run' | 'create';

export interface Composition {
  mode: ComposeMode;
  options: RunOptions;
}

/** What the composer reads from the world; the command that opens it provides it. */
export interface ComposerWorld {
  /** the engine's images, as references to offer (tagged ones, then untagged ids) */
  images(): { reference: string; description?: string }[];
  /** true when the engine has the image (no pull needed) */
  isLocal(reference: string): boolean;
  /** names of the containers the engine has */
  takenNames(): ReadonlySet<string>;
  recentRuns(): RecentRun[];
  copy(text: string): Thenable<void>;
  /** why an `--env-file` path cannot be read, or undefined when it can */
  checkEnvFile(path: string): Promise<string | undefined>;
  /** the environment a bare `-e KEY` takes its value from: the extension host's */
  env: Record<string, string | undefined>;
}

export interface ComposeRequest {
  mode: ComposeMode;
  /** start at the options with this image (Back still reaches the image step) */
  image?: string;
  /** start at the options with these (a recent run to edit) */
  options?: RunOptions;
  /** start at the paste step, with this text in the box */
  paste?: string;
}

/** Composes; undefined when the user left. */
export async function composeRun(input: StepInput, world: ComposerWorld, request: ComposeRequest): Promise<Composition | undefined> {
  const composer = new RunComposer(world, request);
  await runSteps(input, composer.firstStep, composer.stepsBehind);
  return composer.result;
}

type Choice =
  | { kind: 'recent'; run: RecentRun }
  | { kind: 'image'; reference: string; problem?: string }
  | { kind: 'line'; line: string }
  | { kind: 'paste' }
  | { kind: 'submit' }
  | { kind: 'leftOut' }
  | { kind: 'field'; field: Field }
  | { kind: 'entry'; index: number | undefined }
  | { kind: 'goOn' }
  | { kind: 'editLine' };

interface Item extends vscode.QuickPickItem {
  choice?: Choice;
}

const STEPS = 2;
const separator = (label: string): Item => ({ label, kind: vscode.QuickPickItemKind.Separator });
const section = (label: string, items: Item[]): Item[] => (items.length ? [separator(label), ...items] : []);
const info = (message: string, severity = vscode.InputBoxValidationSeverity.Info): vscode.InputBoxValidationMessage => ({ message, severity });
/** `docker run --env` and `--label` values keep their spaces, as the shell hands them over; the others are trimmed. */
const KEEPS_SPACES: readonly FieldKey[] = ['env', 'labels'];

class RunComposer {
  result: Composition | undefined;
  readonly firstStep: InputStep;
  readonly stepsBehind: InputStep[] = [];
  private readonly mode: ComposeMode;
  private options: RunOptions;
  /** flags of the pasted line that have no field here, named until the next paste */
  private leftOut: string[] = [];
  private pasted = '';
  /** said once in the options screen's placeholder ("copied", "fix this first") */
  private notice: string | undefined;
  /** the item the cursor returns to */
  private focus: string | undefined;
  private readonly copyButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('copy'), tooltip: vscode.l10n.t('Copy the command line') };
  private readonly againButton: vscode.QuickInputButton;
  /** Run (or Create) in the title bar, in view wherever the list is scrolled */
  private readonly submitButton: vscode.QuickInputButton;
  private readonly removeButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: vscode.l10n.t('Remove') };

  constructor(
    private readonly world: ComposerWorld,
    request: ComposeRequest,
  ) {
    this.mode = request.mode;
    this.againButton = { iconPath: new vscode.ThemeIcon('play'), tooltip: this.mode === 'run' ? vscode.l10n.t('Run again as it was') : vscode.l10n.t('Create again as it was') };
    this.submitButton = { iconPath: new vscode.ThemeIcon(this.mode === 'run' ? 'play' : 'add'), tooltip: this.verb() };
    // a new run starts detached: what most runs want, and the preview says so
    this.options = { ...emptyRunOptions(request.image ?? ''), detach: this.mode === 'run' };
    if (request.options) this.load(request.options);
    if (request.paste !== undefined) {
      this.pasted = request.paste;
      this.firstStep = this.pasteStep;
    } else if (request.image || request.options) {
      this.firstStep = this.optionsStep;
      this.stepsBehind.push(this.imageStep);
    } else {
      this.firstStep = this.imageStep;
    }
  }

  // ---- step 1: the image ------------------------------------------------

  private readonly imageStep: InputStep = async (input) => {
    const items: Item[] = [
      ...section(vscode.l10n.t('Recent'), this.world.recentRuns().map((run) => ({
        label: `$(history) ${this.preview(run.options)}`,
        description: ago(run.at / 1000, Date.now()),
        buttons: [this.againButton],
        choice: { kind: 'recent', run } satisfies Choice,
      }))),
      ...section(vscode.l10n.t('Images'), this.world.images().map((image) => ({
        label: `$(package) ${image.reference}`,
        description: image.description,
        choice: { kind: 'image', reference: image.reference } satisfies Choice,
      }))),
      separator(''),
      { label: `$(clippy) ${vscode.l10n.t('Paste a docker run command...')}`, description: vscode.l10n.t('fills in every option'), choice: { kind: 'paste' } },
    ];
    for (;;) {
      const answer = await input.showQuickPick({
        title: this.title(),
        step: 1,
        totalSteps: STEPS,
        items,
        placeholder: vscode.l10n.t('Pick an image or a recent run, or type an image reference'),
        matchOnDescription: true,
        typedItem: (text) => this.typedItem(text),
      });
      const choice = answer.item?.choice;
      switch (choice?.kind) {
        case 'recent':
          this.load(choice.run.options);
          if (answer.button === this.againButton && this.problems().length === 0) return this.finish();
          return this.optionsStep;
        case 'image':
          if (choice.problem) break;
          this.options.image = choice.reference;
          return this.optionsStep;
        case 'line':
          this.pasted = choice.line;
          return this.pasteStep;
        case 'paste':
          return this.pasteStep;
      }
    }
  };

  /** What the text typed into the image step means: a reference, or a command line. */
  private typedItem(text: string): Item {
    if (/^docker\s|^-|\s-/.test(text)) {
      return { label: `$(clippy) ${text}`, description: vscode.l10n.t('use as a docker run command'), alwaysShow: true, choice: { kind: 'line', line: text } };
    }
    const problem = validateImage(text);
    if (problem) return { label: `$(error) ${text}`, description: problem, alwaysShow: true, choice: { kind: 'image', reference: text, problem } };
    const where = this.world.isLocal(text) ? vscode.l10n.t('here') : vscode.l10n.t('pulled when you run it');
    return { label: `$(cloud-download) ${text}`, description: where, alwaysShow: true, choice: { kind: 'image', reference: text } };
  }

  // ---- a pasted command line ----------------------------------------------

  private readonly pasteStep: InputStep = async (input) => {
    await this.paste(input, 1);
    return this.optionsStep;
  };

  /** Asks for a command line and fills the composer with it; flags without a field are named first. */
  private async paste(input: StepInput, step: number): Promise<void> {
    for (;;) {
      this.pasted = await input.showInputBox({
        title: vscode.l10n.t('Paste a docker run command'),
        step,
        totalSteps: STEPS,
        value: this.pasted,
        prompt: vscode.l10n.t('A whole docker run (or docker create) line: quotes, backslash-newlines and a missing "docker run" are fine'),
        placeholder: 'docker run -d -p 127.0.0.1:8080:80 nginx',
        validate: async (line) => this.checkPasted(line),
      });
      const parsed = parseDockerRunCommand(this.pasted);
      try {
        if (parsed.unsupported.length) await this.confirmLeftOut(input, step, parsed.unsupported);
      } catch (err) {
        if (InputFlowAction.is(err, 'back')) continue;
        throw err;
      }
      this.load(parsed.options, parsed.unsupported);
      return;
    }
  }

  private checkPasted(line: string): string | vscode.InputBoxValidationMessage | undefined {
    if (!line.trim()) return vscode.l10n.t('Paste a docker run command line.');
    const parsed = parseDockerRunCommand(line);
    if (parsed.errors.length) return parsed.errors[0].message;
    if (parsed.unsupported.length) {
      return info(vscode.l10n.t('Not supported here, left out if you go on: {0}', parsed.unsupported.join(', ')), vscode.InputBoxValidationSeverity.Warning);
    }
    const problems = this.problems(parsed.options);
    if (problems.length) return info(vscode.l10n.t('To fix in the next step: {0}', problems[0].message), vscode.InputBoxValidationSeverity.Warning);
    return info(vscode.l10n.t('Understood as: {0}', this.preview(parsed.options)));
  }

  /** The flags the composer cannot carry: go on without them, or back to the line. */
  private async confirmLeftOut(input: StepInput, step: number, flags: string[]): Promise<void> {
    const list = flags.join(', ');
    const answer = await input.showQuickPick<Item>({
      title: vscode.l10n.t('Not supported here: {0}', list),
      step,
      totalSteps: STEPS,
      placeholder: vscode.l10n.t('Docker Deck has no field for {0}. Going on leaves them out of the container.', list),
      items: [
        { label: `$(arrow-right) ${vscode.l10n.t('Go on without {0}', list)}`, choice: { kind: 'goOn' } },
        { label: `$(edit) ${vscode.l10n.t('Edit the command line')}`, choice: { kind: 'editLine' } },
      ],
    });
    if (answer.item?.choice?.kind !== 'goOn') throw InputFlowAction.back;
  }

  // ---- step 2: the options ------------------------------------------------

  private readonly optionsStep: InputStep = async (input) => {
    for (;;) {
      const problems = this.problems();
      const items = this.optionItems(problems);
      const answer = await input.showQuickPick({
        // the title is the command line, live: it stays in view wherever the list is scrolled
        title: this.preview(),
        step: 2,
        totalSteps: STEPS,
        items,
        activeItem: items.find((i) => this.keyOf(i.choice) === this.focus),
        placeholder: this.notice ?? problems[0]?.message ?? (this.mode === 'run' ? vscode.l10n.t('Pick an option to change it, then Run') : vscode.l10n.t('Pick an option to change it, then Create')),
        buttons: [this.copyButton, this.submitButton],
        matchOnDescription: true,
      });
      this.notice = undefined;
      if (answer.button === this.copyButton) {
        await this.world.copy(this.preview());
        this.notice = vscode.l10n.t('Copied: {0}', this.preview());
        continue;
      }
      const choice: Choice | undefined = answer.button === this.submitButton ? { kind: 'submit' } : answer.item?.choice;
      this.focus = this.keyOf(choice);
      try {
        switch (choice?.kind) {
          case 'submit':
            if (problems.length === 0) return this.finish();
            this.notice = problems[0].message;
            break;
          case 'field':
            await this.edit(input, choice.field);
            break;
          case 'paste':
          case 'leftOut':
            await this.paste(input, 2);
            break;
        }
      } catch (err) {
        // Back from an edit returns here
        if (!InputFlowAction.is(err, 'back')) throw err;
      }
    }
  };

  private optionItems(problems: RunOptionError[]): Item[] {
    const verb = this.verb();
    const items: Item[] = [
      {
        label: problems.length ? `$(circle-slash) ${verb}` : `$(${this.mode === 'run' ? 'play' : 'add'}) ${verb}`,
        description: problems.length ? vscode.l10n.t('Problems to fix first: {0}', problems.length) : undefined,
        detail: this.preview(),
        alwaysShow: true,
        choice: { kind: 'submit' },
      },
    ];
    if (this.leftOut.length) {
      items.push({ label: `$(warning) ${vscode.l10n.t('Left out (not supported here): {0}', this.leftOut.join(', '))}`, description: vscode.l10n.t('pick to edit the pasted line'), choice: { kind: 'leftOut' } });
    }
    items.push({ label: `$(clippy) ${vscode.l10n.t('Paste a docker run command...')}`, description: vscode.l10n.t('replaces every option below'), choice: { kind: 'paste' } });
    for (const group of FIELD_GROUPS) {
      const fields = group.fields.filter((f) => this.mode === 'run' || f.key !== 'detach');
      items.push(separator(group.label()), ...fields.map((field) => this.fieldItem(field, problems.filter((p) => p.field === field.key))));
    }
    return items;
  }

  private fieldItem(field: Field, problems: RunOptionError[]): Item {
    const shown = this.shownValue(field);
    const icon = problems.length ? 'error' : shown !== undefined ? 'pass-filled' : 'circle-large-outline';
    return {
      label: `$(${icon}) ${field.flags}${shown ? `  ${shown}` : ''}`,
      description: field.help(),
      detail: problems.length ? problems.map((p) => p.message).join(' ') : undefined,
      choice: { kind: 'field', field },
    };
  }

  /** The value as the item shows it; undefined when the option is not given. */
  private shownValue(field: Field): string | undefined {
    const o = this.options;
    switch (field.kind) {
      case 'boolean': {
        const value = o[field.key];
        return value === true ? '' : value === false && field.key === 'init' ? '=false' : undefined;
      }
      case 'string': {
        const value = field.key === 'image' ? o.image : o[field.key];
        return value === undefined ? undefined : quoteShellWord(value);
      }
      case 'list':
        return o[field.key].length ? o[field.key].join(', ') : undefined;
      case 'command':
        return o.command.length ? o.command.map(quoteShellWord).join(' ') : undefined;
    }
  }

  // ---- editing one field ----------------------------------------------------

  private async edit(input: StepInput, field: Field): Promise<void> {
    const o = this.options;
    switch (field.kind) {
      case 'boolean':
        // --init has a third state, explicitly off, which only a pasted line sets; a toggle turns it on
        if (field.key === 'init') o.init = o.init === true ? undefined : true;
        else o[field.key] = !o[field.key];
        return;
      case 'string':
        this.options = this.withValue(field, await this.ask(input, field, (field.key === 'image' ? o.image : o[field.key]) ?? ''));
        return;
      case 'command':
        this.options = this.withValue(field, await this.ask(input, field, o.command.map(quoteShellWord).join(' ')));
        return;
      case 'list':
        return this.editList(input, field);
    }
  }

  /** A list: the first value is asked for at once; with values, which to change, remove or add. */
  private async editList(input: StepInput, field: Extract<Field, { kind: 'list' }>): Promise<void> {
    for (;;) {
      const values = this.options[field.key];
      let index: number | undefined;
      if (values.length) {
        const answer = await input.showQuickPick<Item>({
          title: this.preview(),
          step: 2,
          totalSteps: STEPS,
          placeholder: vscode.l10n.t('{0}: pick a value to change it, or add another', field.flags),
          items: [
            { label: `$(add) ${field.addLabel()}`, choice: { kind: 'entry', index: undefined } },
            ...values.map((value, i) => ({ label: value, buttons: [this.removeButton], choice: { kind: 'entry', index: i } satisfies Choice })),
          ],
        });
        const choice = answer.item?.choice;
        if (choice?.kind !== 'entry') continue;
        if (answer.button === this.removeButton && choice.index !== undefined) {
          this.options = this.withValue(field, '', choice.index);
          if (values.length === 1) return;
          continue;
        }
        index = choice.index;
      }
      try {
        this.options = this.withValue(field, await this.ask(input, field, index === undefined ? '' : values[index], index), index);
        return;
      } catch (err) {
        // Back from the value returns to the list, if there is one
        if (!InputFlowAction.is(err, 'back') || values.length === 0) throw err;
      }
    }
  }

  /** One value, checked as it is typed; empty removes an option (the image cannot be empty). */
  private async ask(input: StepInput, field: Field, value: string, index?: number): Promise<string> {
    const removable = field.key !== 'image';
    const text = await input.showInputBox({
      title: this.preview(),
      // the command line with the value as typed, while it is one docker takes
      titleFor: (typed) => {
        const value = this.clean(field, typed);
        return this.preview(this.problemWith(field, value, index) ? this.options : this.withValue(field, value, index));
      },
      step: 2,
      totalSteps: STEPS,
      value,
      prompt: `${field.flags}: ${field.help()}${removable ? `. ${vscode.l10n.t('Empty removes it.')}` : ''}`,
      placeholder: 'example' in field ? field.example : undefined,
      validate: (typed) => this.checkValue(field, this.clean(field, typed), index),
    });
    return this.clean(field, text);
  }

  private clean(field: Field, text: string): string {
    return KEEPS_SPACES.includes(field.key) && text.trim() ? text : text.trim();
  }

  /** What the typed value is told: its problem (which blocks), else a hint (which does not). */
  private async checkValue(field: Field, value: string, index?: number): Promise<string | vscode.InputBoxValidationMessage | undefined> {
    const problem = this.problemWith(field, value, index);
    if (problem || value === '') return problem;
    switch (field.key) {
      case 'image':
        return this.world.isLocal(value) ? undefined : info(vscode.l10n.t('{0} is not here yet: it is pulled when you run.', value));
      case 'envFiles':
        return this.world.checkEnvFile(value);
      case 'env':
        if (value.includes('=')) return undefined;
        return this.world.env[value] === undefined
          ? info(vscode.l10n.t('{0} is not set in the environment of the VS Code extension host: the container does not get it.', value), vscode.InputBoxValidationSeverity.Warning)
          : info(vscode.l10n.t('{0} takes its value from the environment of the VS Code extension host.', value));
    }
    return undefined;
  }

  /**
   * What docker would refuse in `value` for `field`, judged with the other options
   * as they are (so `--restart always` is refused while `--rm` is on).
   */
  private problemWith(field: Field, value: string, index?: number): string | undefined {
    if (field.kind === 'command') return splitShellWords(value).errors[0];
    if (value === '' && field.key !== 'image') return undefined;
    return this.problems(this.withValue(field, value, index)).find((p) => p.field === field.key && (p.value === undefined || p.value === value))?.message;
  }

  /** The options with `value` for `field` (at `index` of a list, or added); empty removes the option or the entry. */
  private withValue(field: Field, value: string, index?: number): RunOptions {
    const o: RunOptions = { ...this.options };
    switch (field.kind) {
      case 'list': {
        const list = [...o[field.key]];
        if (value === '') list.splice(index ?? list.length, 1);
        else list.splice(index ?? list.length, index === undefined ? 0 : 1, value);
        o[field.key] = list;
        break;
      }
      case 'command':
        o.command = splitShellWords(value).words;
        break;
      case 'string':
        if (field.key === 'image') o.image = value;
        else o[field.key] = value === '' ? undefined : value;
        break;
    }
    return o;
  }

  // ---- shared -------------------------------------------------------------

  /** Everything docker would refuse, and a name another container has. */
  private problems(options = this.options): RunOptionError[] {
    const problems = validateRunOptions(options);
    if (options.name && this.world.takenNames().has(options.name)) {
      problems.push({ field: 'name', value: options.name, message: vscode.l10n.t('The name "{0}" is already in use.', options.name) });
    }
    return problems;
  }

  /** Takes `options` as they are (lists are copied when changed, never changed in place). */
  private load(options: RunOptions, leftOut: string[] = []): void {
    this.options = { ...options };
    this.leftOut = leftOut;
  }

  /** `docker create` has no -d: the options of a creation never carry it. */
  private forMode(options: RunOptions): RunOptions {
    return this.mode === 'create' ? { ...options, detach: false } : options;
  }

  private preview(options = this.options): string {
    return formatCommandLine(['docker', this.mode, ...toDockerArgs(this.forMode(options))]);
  }

  private verb(): string {
    return this.mode === 'run' ? vscode.l10n.t('Run') : vscode.l10n.t('Create');
  }

  private title(): string {
    return this.mode === 'run' ? vscode.l10n.t('Run a container') : vscode.l10n.t('Create a container');
  }

  private keyOf(choice: Choice | undefined): string | undefined {
    return choice?.kind === 'field' ? choice.field.key : choice?.kind;
  }

  private finish(): undefined {
    this.result = { mode: this.mode, options: this.forMode(this.options) };
    return undefined;
  }
}
