/**
 * Switching engines: a picker of the docker CLI's contexts (and "default"). It
 * writes Docker Deck's own setting `dockerDeck.context`, never the CLI's config,
 * so the `docker` in the user's terminals keeps talking to what it did.
 */
import * as vscode from 'vscode';
import { DEFAULT_CONTEXT, EngineTarget } from '../core/dockerContext';
import type { Services } from '../services';
import type { PickItem } from './prompts';
import type { CommandTable } from './registry';

type Choice = { kind: 'cli' } | { kind: 'context'; name: string };

export function contextCommands(s: Services): CommandTable {
  return {
    'dockerDeck.context.use': () => useContext(s),
  };
}

async function useContext(s: Services): Promise<void> {
  const { hostSetting, contextSetting } = s.connection.settings();
  const host = hostSetting?.trim();
  const chosen = contextSetting?.trim();
  const inUse = (current: boolean) => (current && !host ? ` · ${vscode.l10n.t('in use')}` : '');
  const where = (t: EngineTarget) => (t.error ? vscode.l10n.t('cannot be used: {0}', t.error.message) : t.label);
  const cli = s.connection.cliContext();
  const items: PickItem<Choice>[] = [
    {
      label: vscode.l10n.t("Use the docker CLI's current context"),
      description: `${cli.name} · ${where(cli.target)}${inUse(!chosen)}`,
      value: { kind: 'cli' },
    },
    { label: DEFAULT_CONTEXT, description: where(s.connection.targetOf(DEFAULT_CONTEXT)) + inUse(chosen === DEFAULT_CONTEXT), value: { kind: 'context', name: DEFAULT_CONTEXT } },
    ...s.connection.contexts().map((c) => ({
      label: c.name,
      description: c.host + inUse(chosen === c.name),
      detail: c.description,
      value: { kind: 'context' as const, name: c.name },
    })),
  ];
  const choice = await s.prompts.pick(items, {
    title: vscode.l10n.t('Use Docker Context'),
    placeholder: host
      ? vscode.l10n.t('dockerDeck.host ({0}) is set and takes precedence over contexts', host)
      : vscode.l10n.t('The engine Docker Deck uses (the docker CLI in your terminals is not changed)'),
  });
  if (!choice) return;

  if (host) {
    const clear = await s.prompts.confirm(
      vscode.l10n.t('The setting dockerDeck.host is "{0}", which takes precedence over contexts.', host),
      vscode.l10n.t('Clear dockerDeck.host so that Docker Deck uses the context you chose?'),
      vscode.l10n.t('Clear and Switch'),
    );
    if (!clear) return;
    await writeSetting('host', undefined);
  }
  await writeSetting('context', choice.kind === 'cli' ? undefined : choice.name);
  await s.connection.refresh();

  const state = s.model.state;
  if (state.status === 'unreachable') {
    const name = choice.kind === 'cli' ? s.connection.connection.contextName : choice.name;
    s.prompts.showError(vscode.l10n.t('Docker Deck now uses the context "{0}", which cannot be reached: {1}', name, state.error.message));
  }
}

/** Writes where the value is set now (workspace before user); clearing clears it everywhere. */
async function writeSetting(key: 'host' | 'context', value: string | undefined): Promise<void> {
  const config = vscode.workspace.getConfiguration('dockerDeck');
  const info = config.inspect<string>(key);
  if (value === undefined) {
    if (info?.workspaceValue !== undefined) await config.update(key, undefined, vscode.ConfigurationTarget.Workspace);
    if (info?.globalValue !== undefined) await config.update(key, undefined, vscode.ConfigurationTarget.Global);
    return;
  }
  const target = info?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update(key, value, target);
}
