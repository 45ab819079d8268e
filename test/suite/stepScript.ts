/**
 * A scripted user for the run composer's quick picks: the composer asks through
 * `StepInput`, this answers from a list and records what it was asked and which
 * validation messages it saw. (The real QuickPick is driven by the e2e tests.)
 */
import * as vscode from 'vscode';
import type { RunOutcome } from '../../src/commands/runCommands';
import type { DockerDeckApi } from '../../src/extension';
import { InputFlowAction, InputBoxParameters, isBlocking, PickAnswer, QuickPickParameters, StepInput } from '../../src/quickpick/multiStepInput';
import { FIXTURE, scriptPrompts } from './helpers';

type Match = string | RegExp;

/** One thing the user does. */
export type Answer =
  /** the first item whose label matches */
  | { pick: Match }
  /** an item's own button (by tooltip) */
  | { itemButton: Match; on: Match }
  /** a button of the title bar (by tooltip) */
  | { button: Match }
  /** an input box: type this and press Enter; a quick pick: type this into its filter and take what it offers for it */
  | { type: string }
  | 'back'
  | 'cancel'
  /** decide after looking at the question */
  | ((q: Question) => Answer);

export interface Question {
  kind: 'pick' | 'input';
  title: string;
  step: number;
  totalSteps: number;
  /** whether a Back button is shown */
  back: boolean;
  placeholder?: string;
  prompt?: string;
  value?: string;
  items: { label: string; description?: string; detail?: string }[];
  /** what validation said to the text typed here, in order */
  messages: { message: string; severity: 'error' | 'warning' | 'info' }[];
}

const SEVERITY = { [vscode.InputBoxValidationSeverity.Error]: 'error', [vscode.InputBoxValidationSeverity.Warning]: 'warning', [vscode.InputBoxValidationSeverity.Info]: 'info' } as const;
const matches = (m: Match, text: string | undefined) => text !== undefined && (typeof m === 'string' ? text.includes(m) : m.test(text));

export class ScriptedStepInput implements StepInput {
  depth = 0;
  readonly asked: Question[] = [];

  constructor(private readonly answers: Answer[]) {}

  /** The last question asked (with a quick pick's items as they were then). */
  get last(): Question {
    return this.asked[this.asked.length - 1];
  }

  /** Every validation message the user saw. */
  get messages(): string[] {
    return this.asked.flatMap((q) => q.messages.map((m) => m.message));
  }

  async showQuickPick<T extends vscode.QuickPickItem>(p: QuickPickParameters<T>): Promise<PickAnswer<T>> {
    const q = this.record('pick', p);
    const items = p.items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator);
    q.items = items.map((i) => ({ label: i.label, description: i.description, detail: i.detail }));
    const answer = this.next(q);
    const find = (m: Match) => {
      const item = items.find((i) => matches(m, i.label));
      if (!item) throw new Error(`no item matches ${m} in "${p.title}": ${items.map((i) => i.label).join(' | ')}`);
      return item;
    };
    if ('pick' in answer) return { item: find(answer.pick) };
    if ('itemButton' in answer) {
      const item = find(answer.on);
      const button = item.buttons?.find((b) => matches(answer.itemButton, b.tooltip));
      if (!button) throw new Error(`no button ${answer.itemButton} on ${item.label}`);
      return { item, button };
    }
    if ('button' in answer) {
      const button = p.buttons?.find((b) => matches(answer.button, b.tooltip));
      if (!button) throw new Error(`no button ${answer.button} in "${p.title}"`);
      return { button };
    }
    const typed = p.typedItem?.(answer.type);
    if (!typed) throw new Error(`"${p.title}" offers nothing for typed text`);
    return { item: typed };
  }

  async showInputBox(p: InputBoxParameters): Promise<string> {
    const q = this.record('input', p);
    q.prompt = p.prompt;
    q.value = p.value;
    for (;;) {
      const answer = this.next(q);
      if (!('type' in answer)) throw new Error(`an input box "${p.title}" takes typed text, not ${JSON.stringify(answer)}`);
      const problem = await p.validate?.(answer.type);
      if (problem) {
        q.messages.push(typeof problem === 'string' ? { message: problem, severity: 'error' } : { message: problem.message, severity: SEVERITY[problem.severity] });
      }
      // an error keeps the box open: the script's next answer is typed into it
      if (!isBlocking(problem)) return answer.type;
    }
  }

  dispose(): void {
    // nothing is shown
  }

  private record(kind: Question['kind'], p: { title: string; step: number; totalSteps: number; placeholder?: string }): Question {
    const q: Question = { kind, title: p.title, step: p.step, totalSteps: p.totalSteps, back: this.depth > 1, placeholder: p.placeholder, items: [], messages: [] };
    this.asked.push(q);
    return q;
  }

  /** The next answer; with none left the user presses Escape. Back and Escape are thrown as the real input does. */
  private next(q: Question): Exclude<Answer, 'back' | 'cancel' | ((q: Question) => Answer)> {
    let answer = this.answers.shift() ?? 'cancel';
    while (typeof answer === 'function') answer = answer(q);
    if (answer === 'back') throw InputFlowAction.back;
    if (answer === 'cancel') throw InputFlowAction.cancel;
    return answer;
  }
}

/** Answers the composer's questions from `answers` until `restore()`. */
export function scriptComposer(deck: DockerDeckApi, answers: Answer[]): ScriptedStepInput & { restore(): void } {
  const original = deck.stepInput;
  const input = new ScriptedStepInput(answers);
  deck.stepInput = () => input;
  return Object.assign(input, { restore: () => (deck.stepInput = original) });
}

/** The options screen's Run (or Create) item, whatever its state. */
export const SUBMIT = /^\$\((play|add|circle-slash)\) (Run|Create)$/;
/** The fixture image in the image step (recent runs mention it too). */
export const IMAGE_ITEM = `$(package) ${FIXTURE}`;

/** Runs a composer command with scripted answers; the prompts (errors, infos) are recorded too. */
export async function compose(deck: DockerDeckApi, command: string, answers: Answer[], ...args: unknown[]) {
  const input = scriptComposer(deck, answers);
  const prompts = scriptPrompts(deck);
  try {
    const outcome = await vscode.commands.executeCommand<RunOutcome | undefined>(command, ...args);
    return { outcome, input, prompts };
  } finally {
    input.restore();
    prompts.restore();
  }
}

export { freePort } from '../engine/engine';
