#!/usr/bin/env bash
# Measures check-in throughput: a Release server on loopback with the demo event, one enrolled terminal,
# and wrk posting badge scans, each with a new client scan id; GET /healthz under the same load gives the
# ceiling of this machine's HTTP stack, so the ratio says how much the check-in path itself costs.
#   scripts/bench-checkin.sh
# BENCH_PORT (5089), BENCH_THREADS (2), BENCH_CONNECTIONS ("8 16 32"), BENCH_DURATION (20s), BENCH_BADGES (500).
# Exits non-zero when any check-in got a non-2xx answer or a socket error.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh

port=${BENCH_PORT:-5089}
threads=${BENCH_THREADS:-2}
connections=${BENCH_CONNECTIONS:-8 16 32}
duration=${BENCH_DURATION:-20s}
badges=${BENCH_BADGES:-500}
p99_limit_ms=25

need_debian_packages wrk curl

source scripts/lib/bench-server.sh
start_bench_server "$port"
base=$BENCH_BASE work=$BENCH_WORK server_pid=$BENCH_SERVER_PID
field() { json_field "$@"; }
post() { bench_post "$@"; }

token=$(organizer_token)
code=$(post "$base/api/events/1/terminals" -H "Authorization: Bearer $token" -d '{"name":"Bench"}' | field enrolmentCode)
terminal_key=$(post "$base/api/terminals/enrol" -d "{\"code\":\"$code\"}" | field terminalKey)
[[ $token == kut_* && $terminal_key == ktk_* ]] || { echo "Could not get an organizer token and a terminal key." >&2; exit 1; }

# Badge tokens are signed on request; fetching them in parallel keeps set-up to a few seconds. One file
# per answer, because parallel curls writing into one pipe can run their answers together on a line.
export BENCH_TOKENS=$work/tokens.lua
mkdir "$work/badges"
seq 1 "$badges" | xargs -P 8 -I{} curl -sf --max-time 10 -o "$work/badges/{}.json" \
  -H "Authorization: Bearer $token" "$base/api/attendees/{}/badge" || true
grep -oh '"token":"[^"]*"' "$work"/badges/*.json | cut -d'"' -f4 \
  | awk 'BEGIN { print "return {" } { printf "  \"%s\",\n", $0 } END { print "}" }' >"$BENCH_TOKENS"
got=$(grep -c '"KB' "$BENCH_TOKENS" || true)
[[ $got -eq $badges ]] || { echo "Got $got of $badges badge tokens." >&2; exit 1; }

# Fields of a BENCH line, and arithmetic without bc.
val() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }   # calc <expression> [decimals]

# CPU seconds of the server process and idle seconds of the machine, to tell where the time went.
clk=$(getconf CLK_TCK)
server_cpu() { awk -v c="$clk" '{ printf "%.2f", ($14 + $15) / c }' "/proc/$server_pid/stat"; }
idle_cpu() { awk -v c="$clk" '/^cpu / { printf "%.2f", ($5 + $6) / c }' /proc/stat; }

# Runs wrk and prints its BENCH line plus the cores the server and the whole machine kept busy.
run() { # run <lua> <path> <connections> <duration> [extra wrk args]
  local lua=$1 path=$2 c=$3 d=$4; shift 4
  local s0 i0 t0 s1 i1 t1 out
  s0=$(server_cpu) i0=$(idle_cpu) t0=$(date +%s.%N)
  out=$(wrk -t"$threads" -c"$c" -d"$d" --latency -s "$lua" "$@" "$base$path")
  s1=$(server_cpu) i1=$(idle_cpu) t1=$(date +%s.%N)
  echo "$out" >>"$work/wrk.log"
  printf '%s server_cores=%.2f busy_cores=%.2f\n' "$(grep '^BENCH ' <<<"$out")" \
    "$(calc "($s1 - $s0) / ($t1 - $t0)")" "$(calc "$(nproc) - ($i1 - $i0) / ($t1 - $t0)")"
}
checkins() { run scripts/bench/checkin.lua /api/checkins "$@" -H "Authorization: Bearer $terminal_key" -H 'Content-Type: application/json'; }

echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1); wrk and server share them."
echo "Server: Release, SQLite in a throwaway folder, demo event 1 with 2,000 attendees; $badges badge tokens; wrk -t$threads -d$duration."

# The first seconds pay for JIT, tiered compilation and SQLite's page cache; they are not the steady state.
checkins 16 5s >/dev/null

status=0 best= best_rps=0
printf '\n%-6s %-10s %10s %8s %8s %8s %8s %11s %12s\n' conns target "req/s" p50_ms p99_ms non2xx sockerr server_cores busy_cores
for c in $connections; do
  ci=$(checkins "$c" "$duration")
  hz=$(run scripts/bench/healthz.lua /healthz "$c" "$duration")
  for pair in "checkins:$ci" "healthz:$hz"; do
    line=${pair#*:}
    printf '%-6s %-10s %10s %8s %8s %8s %8s %11s %12s\n' "$c" "${pair%%:*}" "$(val rps "$line")" "$(val p50_ms "$line")" \
      "$(val p99_ms "$line")" "$(val non2xx "$line")" "$(( $(val socket_errors "$line") + $(val timeouts "$line") ))" \
      "$(val server_cores "$line")" "$(val busy_cores "$line")"
  done
  rps=$(val rps "$ci") p99=$(val p99_ms "$ci")
  echo "       ratio checkins/healthz: $(calc "$rps / $(val rps "$hz")" 3)   outcomes: first=$(val first "$ci") already=$(val already "$ci") other=$(val other "$ci")"  # first=0 is normal: the warm-up checked the badges in
  if (( $(val non2xx "$ci") + $(val socket_errors "$ci") + $(val timeouts "$ci") + $(val other "$ci") > 0 )); then status=1; fi
  if awk "BEGIN { exit !($p99 <= $p99_limit_ms && $rps > $best_rps) }"; then best=$c best_rps=$rps; fi
done

echo
if [[ -n $best ]]; then
  echo "Best with p99 <= $p99_limit_ms ms: $best_rps check-ins/s at $best connections."
else
  echo "No connection count kept p99 <= $p99_limit_ms ms."
fi
(( status == 0 )) || echo "FAILED: some check-ins got non-2xx answers, socket errors or unexpected outcomes (see the table)." >&2
exit "$status"
