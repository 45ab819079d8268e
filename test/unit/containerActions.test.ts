import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { LifecycleVerb, VERB_STATES, verbsFor } from '../../src/core/containerActions';
import { containerContextValue, ContainerStateKind } from '../../src/core/containerState';

const ALL_STATES: ContainerStateKind[] = ['running', 'paused', 'restarting', 'created', 'exited', 'dead', 'removing'];
const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

describe('which actions apply in which state', () => {
  it('matches what docker accepts', () => {
    assert.deepStrictEqual(verbsFor('running', ['start', 'stop', 'pause', 'unpause'] as LifecycleVerb[]), ['stop', 'pause']);
    assert.deepStrictEqual(verbsFor('paused', ['stop', 'kill', 'pause', 'unpause', 'remove'] as LifecycleVerb[]), ['stop', 'kill', 'unpause']);
    assert.deepStrictEqual(verbsFor('exited', ['start', 'restart', 'remove', 'stop'] as LifecycleVerb[]), ['start', 'restart', 'remove']);
  });

  it('the tree\'s context menus offer each action in exactly those states', () => {
    const items = pkg.contributes.menus['view/item/context'] as { command: string; when: string; group: string }[];
    for (const verb of Object.keys(VERB_STATES) as LifecycleVerb[]) {
      const entries = items.filter((i) => i.command === `dockerDeck.container.${verb}` && !i.group.startsWith('inline'));
      assert.strictEqual(entries.length, 1, `${verb} is in the context menu once`);
      const regex = /viewItem =~ \/(.*)\/$/.exec(entries[0].when)![1];
      const offered = ALL_STATES.filter((s) => new RegExp(regex).test(containerContextValue(s)));
      assert.deepStrictEqual(offered, ALL_STATES.filter((s) => VERB_STATES[verb].includes(s)), `${verb}: ${entries[0].when}`);
    }
  });
});
