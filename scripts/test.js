#!/usr/bin/env node
// npm test: type-check (and emit the tests), build the bundles, then run the
// three layers (unit, extension host, e2e) through test/harness/main.ts.
// Arguments are passed on: npm test -- --layers suite --grep "restart"
const { execFileSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

console.log('=== type-check ===');
run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', '.']);
if (require('fs').readdirSync(path.join(root, 'src/webview/ui')).some((f) => f.endsWith('.ts'))) {
  run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'src/webview/ui']);
}
console.log('=== build ===');
run(process.execPath, ['esbuild.js']);
require(path.join(root, 'out', 'test', 'harness', 'main.js'));
