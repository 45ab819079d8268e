/**
 * Multi-step input, after the vscode-extension-samples quickinput sample: a flow
 * is a chain of step functions, each returning the next; Back returns to the
 * step before, with the state the steps share. The questions go through
 * `StepInput`, so the extension-host tests can answer them (`MultiStepInput`
 * is the QuickPick and InputBox a person sees; the e2e tests drive it).
 */
import * as vscode from 'vscode';

/**
 * Thrown by a question the user left: Back, or Escape. Told apart by `flow`, not
 * by identity, so that a copy of this module (the tests' own) throws the same thing.
 */
export class InputFlowAction {
  private constructor(readonly flow: 'back' | 'cancel') {}
  static readonly back = new InputFlowAction('back');
  static readonly cancel = new InputFlowAction('cancel');

  static is(err: unknown, flow: 'back' | 'cancel'): boolean {
    return typeof err === 'object' && err !== null && (err as InputFlowAction).flow === flow;
  }
}

export type InputStep = (input: StepInput) => Promise<InputStep | void>;

interface CommonParameters {
  title: string;
  step: number;
  totalSteps: number;
  placeholder?: string;
  buttons?: readonly vscode.QuickInputButton[];
}

export interface QuickPickParameters<T extends vscode.QuickPickItem> extends CommonParameters {
  items: readonly T[];
  /** the item the cursor is on (after a toggle, the toggled one) */
  activeItem?: T;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
  /** an item made from the text the user types (e.g. "use this image reference"); give it `alwaysShow` */
  typedItem?: (value: string) => T | undefined;
}

export interface InputBoxParameters extends CommonParameters {
  value?: string;
  prompt?: string;
  /** the title as the text changes (a live preview of what the text makes) */
  titleFor?: (value: string) => string;
  /**
   * Checked as the user types (a stale answer is ignored) and again on Enter:
   * an error keeps the box open, a warning or information is only shown.
   */
  validate?: (value: string) => Promise<string | vscode.InputBoxValidationMessage | undefined>;
}

/** The chosen item, a title-bar button, or an item's own button (with its item). */
export type PickAnswer<T> = { item: T; button?: vscode.QuickInputButton } | { item?: undefined; button: vscode.QuickInputButton };

export interface StepInput {
  /** how many steps are behind this one (set by runSteps); Back shows from the second */
  depth: number;
  /** Throws InputFlowAction.back or .cancel when the user leaves. */
  showQuickPick<T extends vscode.QuickPickItem>(p: QuickPickParameters<T>): Promise<PickAnswer<T>>;
  /** Resolves with the accepted text. Throws InputFlowAction.back or .cancel when the user leaves. */
  showInputBox(p: InputBoxParameters): Promise<string>;
  /** Closes whatever is shown. */
  dispose(): void;
}

/** Runs a flow from `start`; `behind` are steps Back can reach before it (e.g. the image step before the options). */
export async function runSteps(input: StepInput, start: InputStep, behind: InputStep[] = []): Promise<void> {
  const steps = [...behind];
  let step: InputStep | void = start;
  try {
    while (step) {
      steps.push(step);
      input.depth = steps.length;
      try {
        step = await step(input);
      } catch (err) {
        if (InputFlowAction.is(err, 'back')) {
          steps.pop();
          step = steps.pop();
        } else if (InputFlowAction.is(err, 'cancel')) {
          step = undefined;
        } else {
          throw err;
        }
      }
    }
  } finally {
    input.dispose();
  }
}

/** Severity of a validation answer: only errors keep the input box from being accepted. */
export function isBlocking(problem: string | vscode.InputBoxValidationMessage | undefined): boolean {
  return typeof problem === 'string' ? problem.length > 0 : problem?.severity === vscode.InputBoxValidationSeverity.Error;
}

/**
 * The real thing: one QuickPick (reused while a step shows itself again, so a
 * toggle does not flicker) or one InputBox at a time, with Back from the second step.
 */
export class MultiStepInput implements StepInput {
  depth = 0;
  private current: { kind: 'pick'; input: vscode.QuickPick<vscode.QuickPickItem> } | { kind: 'box'; input: vscode.InputBox } | undefined;

  async showQuickPick<T extends vscode.QuickPickItem>(p: QuickPickParameters<T>): Promise<PickAnswer<T>> {
    const qp = this.quickPick() as unknown as vscode.QuickPick<T>;
    const disposables: vscode.Disposable[] = [];
    try {
      return await new Promise<PickAnswer<T>>((resolve, reject) => {
        this.present(qp, p);
        qp.matchOnDescription = p.matchOnDescription ?? false;
        qp.matchOnDetail = p.matchOnDetail ?? false;
        qp.value = '';
        qp.items = p.items;
        if (p.activeItem) qp.activeItems = [p.activeItem];
        // after the items, so a local image that matches the text stays the first choice
        const showTyped = (value: string) => {
          const typed = value.trim() ? p.typedItem?.(value.trim()) : undefined;
          qp.items = typed ? [...p.items, typed] : p.items;
        };
        disposables.push(
          qp.onDidTriggerButton((button) => (button === vscode.QuickInputButtons.Back ? reject(InputFlowAction.back) : resolve({ button }))),
          qp.onDidTriggerItemButton((e) => resolve({ item: e.item, button: e.button })),
          qp.onDidAccept(() => {
            const item = qp.selectedItems[0] ?? qp.activeItems[0];
            if (item) resolve({ item });
          }),
          qp.onDidHide(() => reject(InputFlowAction.cancel)),
        );
        if (p.typedItem) disposables.push(qp.onDidChangeValue(showTyped));
        qp.show();
      });
    } finally {
      disposables.forEach((d) => d.dispose());
      qp.busy = true;
    }
  }

  async showInputBox(p: InputBoxParameters): Promise<string> {
    const box = this.inputBox();
    const disposables: vscode.Disposable[] = [];
    try {
      return await new Promise<string>((resolve, reject) => {
        this.present(box, p);
        box.value = p.value ?? '';
        box.prompt = p.prompt;
        box.validationMessage = undefined;
        const validate = p.validate ?? (async () => undefined);
        // the latest check wins: an answer that arrives after the text changed again is dropped
        let latest: Promise<string | vscode.InputBoxValidationMessage | undefined> = validate(box.value);
        const show = async (check: typeof latest) => {
          const problem = await check;
          if (check === latest) box.validationMessage = problem || undefined;
          return problem;
        };
        void show(latest);
        const retitle = (text: string) => p.titleFor && (box.title = p.titleFor(text));
        retitle(box.value);
        disposables.push(
          box.onDidTriggerButton((button) => (button === vscode.QuickInputButtons.Back ? reject(InputFlowAction.back) : undefined)),
          box.onDidChangeValue((text) => {
            retitle(text);
            void show((latest = validate(text)));
          }),
          box.onDidAccept(async () => {
            const value = box.value;
            box.busy = true;
            const problem = await show((latest = validate(value)));
            box.busy = false;
            if (!isBlocking(problem)) resolve(value);
          }),
          box.onDidHide(() => reject(InputFlowAction.cancel)),
        );
        box.show();
      });
    } finally {
      disposables.forEach((d) => d.dispose());
      box.busy = true;
    }
  }

  dispose(): void {
    this.current?.input.dispose();
    this.current = undefined;
  }

  private present(input: vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[]; placeholder: string | undefined }, p: CommonParameters): void {
    input.title = p.title;
    input.step = p.step;
    input.totalSteps = p.totalSteps;
    input.placeholder = p.placeholder;
    input.ignoreFocusOut = true;
    input.buttons = [...(this.depth > 1 ? [vscode.QuickInputButtons.Back] : []), ...(p.buttons ?? [])];
    input.busy = false;
    input.enabled = true;
  }

  private quickPick(): vscode.QuickPick<vscode.QuickPickItem> {
    if (this.current?.kind === 'pick') return this.current.input;
    this.dispose();
    const input = vscode.window.createQuickPick();
    this.current = { kind: 'pick', input };
    return input;
  }

  private inputBox(): vscode.InputBox {
    this.current?.input.dispose();
    const input = vscode.window.createInputBox();
    this.current = { kind: 'box', input };
    return input;
  }
}
