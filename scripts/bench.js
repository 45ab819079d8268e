#!/usr/bin/env node
// npm run bench: build, then run test/bench/main.ts (writes BENCHMARKS.md).
const { execFileSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const run = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
run([require.resolve('typescript/bin/tsc'), '-p', '.']);
run(['esbuild.js', '--production']);
require(path.join(root, 'out', 'test', 'bench', 'main.js'));
