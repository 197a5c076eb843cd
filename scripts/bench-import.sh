#!/usr/bin/env bash
# Measures the registration import: a Release server on loopback (SQLite, throwaway folder), a new event,
# and a 50,000-row Excel-style export (semicolons, German headers, umlauts) posted three times:
# a dry run, the real import, and the same file again (must change nothing). Target: < 10 s per import.
#   scripts/bench-import.sh
# BENCH_PORT (5088), BENCH_ROWS (50000). Exits non-zero when a count is wrong or the target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh
source scripts/lib/bench-server.sh

port=${BENCH_PORT:-5088}
rows=${BENCH_ROWS:-50000}
limit_s=10

need_debian_packages curl
start_bench_server "$port"
token=$(organizer_token)
[[ $token == kut_* ]] || { echo "Could not get an organizer token." >&2; exit 1; }

event=$(bench_post "$BENCH_BASE/api/events" -H "Authorization: Bearer $token" \
  -d '{"name":"Import-Benchmark","city":"Essen","startsAt":"2026-06-16T07:00:00Z","endsAt":"2026-06-17T16:00:00Z"}' | json_field id)
csv=$BENCH_WORK/registrations.csv
awk -v rows="$rows" -f scripts/bench/registrations.awk >"$csv"
echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "File: $rows rows, $(( $(stat -c %s "$csv") / 1024 )) KiB, semicolon-separated UTF-8; server Release on SQLite."

status=0
# import <label> <query> <expected field=value ...>
import() {
  local label=$1 query=$2; shift 2
  local out seconds answer
  out=$(curl -sf --max-time 600 -w '\n%{time_total}' -H "Authorization: Bearer $token" \
    -F "file=@$csv;type=text/csv" "$BENCH_BASE/api/events/$event/attendees/import$query") || { echo "$label: request failed" >&2; status=1; return; }
  seconds=$(tail -n 1 <<<"$out") answer=$(head -n -1 <<<"$out")
  printf '%-22s %7.2f s   %s\n' "$label" "$seconds" "$(grep -o '"created":[0-9]*,"updated":[0-9]*,"unchanged":[0-9]*' <<<"$answer")"
  for expect in "$@"; do
    grep -q "\"${expect%%=*}\":${expect#*=}[,}]" <<<"$answer" || { echo "  expected ${expect%%=*} = ${expect#*=}" >&2; status=1; }
  done
  grep -q '"rejected":\[\]' <<<"$answer" || { echo "  some rows were rejected" >&2; status=1; }
  awk "BEGIN { exit !($seconds < $limit_s) }" || { echo "  slower than $limit_s s" >&2; status=1; }
}

import "dry run" "?dryRun=true" created="$rows"
import "first import" "" created="$rows"
import "same file again" "" unchanged="$rows" created=0 updated=0
(( status == 0 )) && echo "All imports under $limit_s s with the expected counts." || echo "FAILED (see above)." >&2
exit "$status"
