#!/usr/bin/env bash
# Installs code-server (a real VS Code with a Node extension host) from the npm
# registry alone, into .vscode-test/code-server-$VERSION. Its own postinstall
# downloads binaries from GitHub, which fails offline, so the steps are done by hand.
# Idempotent: a finished install leaves a marker and is reused.
set -euo pipefail
VERSION=4.100.3
root="$(cd "$(dirname "$0")/.." && pwd)"
P="$root/.vscode-test/code-server-$VERSION"
marker="$P/.installed"
[ -f "$marker" ] && { echo "$P"; exit 0; }
for tool in rg g++ make python3; do
  command -v "$tool" >/dev/null || { echo "install-code-server: '$tool' is missing (apt-get install -y ripgrep g++ make python3 libkrb5-dev)" >&2; exit 1; }
done
rm -rf "$P"; mkdir -p "$P"
echo "install-code-server: code-server@$VERSION into $P" >&2
npm install --prefix "$P" --ignore-scripts --no-audit --no-fund --loglevel=error "code-server@$VERSION" >&2
npm rebuild --prefix "$P" argon2 >&2
vs="$P/node_modules/code-server/lib/vscode"
(cd "$vs" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
mkdir -p "$vs/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$vs/node_modules/@vscode/ripgrep/bin/rg"
(cd "$vs" && npm_config_yes=true npm rebuild --loglevel=error) >&2
ln -sfn node_modules "$vs/node_modules.asar"
ln -sfn code-linux.sh "$vs/bin/remote-cli/code-server"
ln -sfn browser-linux.sh "$vs/bin/helpers/browser.sh"
(cd "$vs/extensions" && npm install --omit=dev --no-audit --no-fund --loglevel=error) >&2
touch "$marker"
echo "$P"
