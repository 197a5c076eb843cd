#!/usr/bin/env bash
# Measures the kiosk terminal on loopback: roster copy of 50,000 attendees, name search over them, and
# scan -> last byte at a network printer (a capturing TCP printer) for 1,000 scans with the server
# reachable and 1,000 with it cut off, plus bytes per badge. Exits non-zero when a target is missed.
#   scripts/bench-terminal.sh [people=50000] [scans=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project tests/Kiosk.Benchmarks -- terminal "${1:-50000}" "${2:-1000}"
