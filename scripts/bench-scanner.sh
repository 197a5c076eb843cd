#!/usr/bin/env bash
# Measures first byte from the scanner -> last byte at the printer (a capturing TCP printer) for a keyboard-wedge
# scanner typing into the kiosk page in headless Debian chromium at 2 ms a key (the token's length, and format 1's
# 159 characters for comparison) and for a serial scanner on a socat pseudo-terminal pair; p50/p95 over each run.
#   scripts/bench-scanner.sh [scans=200]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh
need_debian_packages socat chromium fonts-dejavu-core
exec dotnet run -c Release --project tests/Kiosk.Benchmarks -- scanner "${1:-200}"
