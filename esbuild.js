// Two bundles: the extension (Node, CommonJS, `vscode` external) and the webview
// code (browser, IIFE). `--production` minifies, `--watch` rebuilds on change.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * dockerode -> docker-modem -> ssh2 tries two optional native modules inside
 * try/catch: `cpu-features` and its own `sshcrypto.node`. Neither can be bundled
 * and neither ships in the .vsix, so both resolve to a module that throws, and
 * ssh2 takes its pure-JavaScript paths, the same with or without node_modules.
 */
const optionalNativeModules = {
  name: 'optional-native-modules',
  setup(build) {
    build.onResolve({ filter: /^cpu-features$|\.node$/ }, (args) => ({ path: args.path, namespace: 'optional-native' }));
    build.onLoad({ filter: /.*/, namespace: 'optional-native' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`optional native module not bundled: ${args.path}`)});`,
      loader: 'js',
    }));
  },
};

/**
 * dockerode loads gRPC and protobuf (400 kB minified) for BuildKit sessions,
 * which only `buildImage` with `version: 2` uses. Docker Deck never builds with
 * BuildKit, so they are replaced by a module that throws if ever touched.
 */
const unusedBuildKitSession = {
  name: 'unused-buildkit-session',
  setup(build) {
    build.onResolve({ filter: /^@grpc\/(grpc-js|proto-loader)$/ }, (args) => ({ path: args.path, namespace: 'unused' }));
    build.onLoad({ filter: /.*/, namespace: 'unused' }, (args) => ({
      contents: `module.exports = new Proxy({}, { get() { throw new Error(${JSON.stringify(`${args.path} is not bundled (BuildKit sessions are not used)`)}); } });`,
      loader: 'js',
    }));
  },
};

const reportProblems = {
  name: 'report-problems',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ ${text}${location ? ` (${location.file}:${location.line}:${location.column})` : ''}`);
      }
      if (watch) console.log(`[watch] ${build.initialOptions.outfile}: built`);
    });
  },
};

/**
 * The webview draws VS Code's own icons: codicon.css and the font it loads
 * (codicon.ttf) are copied next to the page bundles, after every (re)build.
 */
const codicons = path.join(__dirname, 'node_modules', '@vscode', 'codicons', 'dist');
const copyCodicons = {
  name: 'copy-codicons',
  setup(build) {
    build.onEnd(() => {
      const outdir = path.dirname(build.initialOptions.outfile);
      fs.mkdirSync(outdir, { recursive: true });
      for (const file of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(codicons, file), path.join(outdir, file));
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  plugins: [reportProblems],
};

const webviewDir = path.join(__dirname, 'src', 'webview', 'ui');
const webviewEntries = fs.existsSync(webviewDir)
  ? fs.readdirSync(webviewDir).filter((f) => /^main.*\.ts$/.test(f)).map((f) => path.join(webviewDir, f))
  : [];

const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [optionalNativeModules, unusedBuildKitSession, ...common.plugins],
  },
  ...webviewEntries.map((entry) => ({
    ...common,
    entryPoints: [entry],
    outfile: path.join('dist', 'webview', `${path.basename(entry, '.ts')}.js`),
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    plugins: [copyCodicons, ...common.plugins],
  })),
];

async function main() {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  const results = await Promise.allSettled(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (results.some((r) => r.status === 'rejected')) process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
