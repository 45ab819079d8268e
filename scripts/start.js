#!/usr/bin/env node
// npm start: build, then open Docker Deck in code-server on 127.0.0.1 (see test/harness/start.ts).
const { execFileSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const run = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
run([require.resolve('typescript/bin/tsc'), '-p', '.']);
run(['esbuild.js']);
require(path.join(root, 'out', 'test', 'harness', 'start.js'));
