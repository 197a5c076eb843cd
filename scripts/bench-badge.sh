#!/usr/bin/env bash
# Time to encode one badge as the print queue does, with names the printer's code page holds and with names it
# does not (drawn as pictures), and the bytes of each badge.
#   scripts/bench-badge.sh [rounds=200]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh
need_debian_packages fonts-noto-core fonts-noto-cjk libfontconfig1
exec dotnet run -c Release --project tests/Kiosk.Benchmarks -- badge "${1:-200}"
