import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { getL10nJson } from '@vscode/l10n-dev';

const root = path.resolve(__dirname, '..', '..', '..');
const readJson = (p: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(root, p), 'utf8'));

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(root, dir, f));
}

/** Placeholders ({0}, {1}) and %key% must survive translation. */
function placeholders(text: string): string[] {
  return (text.match(/\{\d+\}/g) ?? []).sort();
}

describe('localization: every string a user sees has its Korean text', () => {
  it('package.nls.ko.json translates every key of package.nls.json', () => {
    const en = readJson('package.nls.json');
    const ko = readJson('package.nls.ko.json');
    const missing = Object.keys(en).filter((k) => typeof ko[k] !== 'string' || !(ko[k] as string).trim());
    assert.deepStrictEqual(missing, [], `untranslated keys: ${missing.join(', ')}`);
    assert.deepStrictEqual(Object.keys(ko).filter((k) => !(k in en)), [], 'keys in Korean only (stale)');
  });

  it('every %key% used in package.json is defined', () => {
    const en = readJson('package.nls.json');
    const used = [...fs.readFileSync(path.join(root, 'package.json'), 'utf8').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.deepStrictEqual(used.filter((k) => !(k in en)), []);
  });

  it('l10n/bundle.l10n.json holds exactly the strings of the source (npm run l10n)', async () => {
    const files = sourceFiles('src').map((f) => ({ extension: path.extname(f), contents: fs.readFileSync(f, 'utf8') }));
    const extracted = Object.keys(await getL10nJson(files)).sort();
    const bundle = Object.keys(readJson('l10n/bundle.l10n.json')).sort();
    assert.deepStrictEqual(
      { missing: extracted.filter((k) => !bundle.includes(k)), stale: bundle.filter((k) => !extracted.includes(k)) },
      { missing: [], stale: [] },
    );
  });

  it('l10n/bundle.l10n.ko.json translates every string, keeping its placeholders', () => {
    const en = readJson('l10n/bundle.l10n.json');
    const ko = readJson('l10n/bundle.l10n.ko.json');
    const text = (v: unknown) => (typeof v === 'string' ? v : (v as { message?: string })?.message ?? '');
    const missing = Object.keys(en).filter((k) => !text(ko[k]).trim());
    assert.deepStrictEqual(missing, [], `untranslated: ${missing.slice(0, 20).join(' | ')}`);
    const broken = Object.keys(en).filter((k) => placeholders(text(en[k])).join() !== placeholders(text(ko[k])).join());
    assert.deepStrictEqual(broken, [], 'placeholders differ');
    assert.deepStrictEqual(Object.keys(ko).filter((k) => !(k in en)), [], 'keys in Korean only (stale)');
  });
});
