#!/usr/bin/env bash
# The opening rush of a registration: 2,000 sign-ups through POST /api/events/{id}/registrations spread over a minute
# and 500 seat bookings for 3 master classes of 40 seats in its first quarter (open loop: each request leaves at its
# planned moment), then the same 500 bookings all at one instant. Reports p50/p99 (target p99 <= 200 ms on the 2-core
# build machine) and the burst's time; exits non-zero on any error, an oversold session, a waitlist that is not 1..n,
# or a registration that was not stored.
#   scripts/bench-registration.sh [registrations=2000] [bookings=500] [seconds=60] [sqlite|postgres]
# postgres: a throwaway server from Debian's packages, as the tests use (scripts/lib/postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
engine=${4:-sqlite}
if [[ $engine == postgres ]]; then
  source scripts/lib/postgres.sh
  start_test_postgres
  trap stop_test_postgres EXIT
  export KIOSK_TEST_POSTGRES
fi
dotnet run -c Release --project tests/Kiosk.Benchmarks -- registration "${1:-2000}" "${2:-500}" "${3:-60}" "$engine"
