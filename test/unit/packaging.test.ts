import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..');

describe('the .vsix (npm run package)', () => {
  it('holds the bundles, media, nls and l10n files, and no sources, tests or node_modules', function () {
    this.timeout(60_000);
    const files = execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    for (const needed of ['package.json', 'package.nls.json', 'package.nls.ko.json', 'l10n/bundle.l10n.ko.json', 'dist/extension.js', 'dist/webview/mainInspect.js', 'dist/webview/codicon.ttf', 'media/docker-deck.svg', 'media/inspect.css', 'LICENSE', 'NOTICE']) {
      assert.ok(files.includes(needed), `${needed} is shipped: ${files.join(', ')}`);
    }
    const unwanted = files.filter((f) => /^(src|test|out|node_modules|scripts|\.vscode-test|test-results)\//.test(f) || f.endsWith('.ts') || f.endsWith('.map'));
    assert.deepStrictEqual(unwanted, []);
  });
});
