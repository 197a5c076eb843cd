#!/usr/bin/env bash
# Runs every test on a fresh machine that has only the .NET SDK: installs what the tests need from
# Debian packages, starts a throwaway PostgreSQL on loopback for the engine tests, and runs the suite.
#   scripts/test.sh                 all tests
#   scripts/test.sh --filter X      extra arguments go to dotnet test
# KIOSK_TEST_POSTGRES: use this PostgreSQL instead of starting one.
# KIOSK_TEST_REDIS: use this Redis (host:port) for the scale-out tests instead of starting one.
# KIOSK_TEST_SQLSERVER: also run the SQL Server tests against this connection string.
# KIOSK_TEST_PWSH: use this pwsh for the install script tests instead of installing PowerShell into .tools/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh
source scripts/lib/postgres.sh
source scripts/lib/redis.sh
source scripts/lib/powershell.sh

# fonts-noto-*: the typefaces badge pictures of names outside the printer's code page are drawn with (libfontconfig1 finds
# them); socat: the pseudo-terminal pair the serial scanner tests read from.
need_debian_packages postgresql redis-server zbar-tools chromium fonts-dejavu-core fonts-noto-core fonts-noto-cjk libfontconfig1 socat

stop_test_services() { stop_test_postgres; stop_test_redis; }
if [[ -z "${KIOSK_TEST_POSTGRES:-}" ]]; then
  start_test_postgres
fi
if [[ -z "${KIOSK_TEST_REDIS:-}" ]]; then
  start_test_redis
fi
trap stop_test_services EXIT
export KIOSK_TEST_POSTGRES KIOSK_TEST_REDIS
[[ -n "${KIOSK_TEST_PWSH:-}" ]] || install_test_pwsh
export KIOSK_TEST_PWSH

# Code style: layout here (a few seconds, no build); the rest of .editorconfig (unused usings, namespaces, this.,
# formatting) is checked by the compiler in the build below (EnforceCodeStyleInBuild). Fix with `dotnet format Kiosk.sln`.
dotnet format whitespace --folder --verify-no-changes

log=$(mktemp /tmp/kiosk-test.XXXXXX)
set +e
dotnet test --solution Kiosk.sln --configuration Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# The failed tests again at the end (name and first lines of the message), where a truncated CI log still shows them.
if grep -qE '^ *failed [^:]' "$log"; then
  echo "Failed tests:"
  awk '/^ *failed [^:]/ { n = 4 } n > 0 { print "  " $0; n-- }' "$log"
fi
# One closing line in the plain "N passed, N failed" form, from the runner's summary.
awk '/^ *succeeded:/ { p = $2 } /^ *failed:/ { f = $2 } /^ *skipped:/ { s = $2 }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
