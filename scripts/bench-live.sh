#!/usr/bin/env bash
# Measures scan -> dashboard delivery: a Release server on loopback (SQLite), 100 organizer dashboards
# connected to /hubs/live over WebSockets, and door scans at 200/s spread over 20 rooms for 30 s.
# Reports p50/p99 from sending a scan to each dashboard receiving occupancyChanged; exits non-zero when
# a delivery is missing or p99 > 250 ms.
#   scripts/bench-live.sh [dashboards=100] [scans-per-second=200] [seconds=30]
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project tests/Kiosk.Benchmarks -- live "${1:-100}" "${2:-200}" "${3:-30}"
