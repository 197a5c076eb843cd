#!/usr/bin/env bash
# A congress morning, compressed, on loopback only: the server as its own Release process (SQLite),
# 5,000 arrivals over 10 minutes at 10 entrance kiosks, door traffic at 8 master classes and 6 dialogue
# islands, 50 organizer dashboards. Prints throughput, p50/p99 per operation, errors and the server's
# peak memory; exits non-zero when any scan was lost or counted twice, a room's count differs from its
# entries minus exits, or any request failed.
#   scripts/loadtest.sh [arrivals=5000] [minutes=10]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/Kiosk.Benchmarks -c Release -v quiet -nologo >/dev/null
exec dotnet run --no-build -c Release --project tests/Kiosk.Benchmarks -- morning "${1:-5000}" "${2:-10}"
