#!/usr/bin/env bash
# Brings the official SignalR browser client (npm package @microsoft/signalr) into
# Kiosk.Server/wwwroot/lib/signalr/: the minified browser build, its source map, the licence and a note of
# the version. The copied files are committed, so neither the build nor the server needs Node; run this
# only to move to another version (then commit what it changed and run the dashboard's browser tests).
#   scripts/vendor-signalr.sh            the pinned version below
#   scripts/vendor-signalr.sh 10.0.12    another one (prints the integrity to pin next to it)
set -euo pipefail
cd "$(dirname "$0")/.."

pinned=10.0.11
pinned_integrity=sha512-FulOJ2EEtKvLQcswe/U7v8pzyXyk7Jua5xgWJPPwyQU/2Z9ORvKcVjyO75VvLsem+CJ1ORRexJ+7Bz1FCei2aw==
version=${1:-$pinned}
target=Kiosk.Server/wwwroot/lib/signalr

command -v npm >/dev/null || { echo "npm is needed to fetch the package (apt-get install npm)." >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# npm pack fetches the published tarball and checks it against the registry's integrity; the pinned version
# is also checked against the integrity recorded here, so a changed upload is noticed.
tarball=$(cd "$work" && npm pack --silent "@microsoft/signalr@$version")
integrity="sha512-$(openssl dgst -sha512 -binary "$work/$tarball" | base64 -w0)"
if [[ "$version" == "$pinned" && "$integrity" != "$pinned_integrity" ]]; then
  echo "@microsoft/signalr@$version: integrity $integrity, expected $pinned_integrity" >&2
  exit 1
fi
tar -xzf "$work/$tarball" -C "$work"
package=$work/package
licence=$(node -p "require('$package/package.json').license")
[[ "$licence" == "MIT" ]] || { echo "@microsoft/signalr@$version is licensed '$licence', not MIT: check before vendoring." >&2; exit 1; }

mkdir -p "$target"
cp "$package/dist/browser/signalr.min.js" "$package/dist/browser/signalr.min.js.map" "$target/"
# The package names its licence (MIT, in package.json) but ships no licence file; the text is that of its
# source repository, github.com/dotnet/aspnetcore (LICENSE.txt).
if compgen -G "$package/LICENSE*" >/dev/null; then
  cp "$(compgen -G "$package/LICENSE*" | head -n1)" "$target/LICENSE.txt"
else
  cat > "$target/LICENSE.txt" <<'LICENCE'
The MIT License (MIT)

Copyright (c) .NET Foundation and Contributors

All rights reserved.

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
LICENCE
fi
echo "$version" > "$target/VERSION"
cat > "$target/README.md" <<NOTE
# SignalR browser client (vendored)

\`signalr.min.js\` (with its source map) is \`dist/browser/\` of the npm package
[@microsoft/signalr](https://www.npmjs.com/package/@microsoft/signalr) $version, unchanged
(tarball integrity \`$integrity\`). MIT licence, see \`LICENSE.txt\`.
The live dashboard loads it as a classic script (global \`signalR\`).

Copied by \`scripts/vendor-signalr.sh\`; do not edit these files, run the script with another version instead.
NOTE
echo "@microsoft/signalr $version -> $target"
