# A Release server on loopback for the benchmark scripts: throwaway data folder, demo event, rate limits
# raised out of the way (the benchmarks measure the work, not the limiter). Needs curl.
#   start_bench_server <port> [extra server args]   sets BENCH_BASE, BENCH_WORK, BENCH_SERVER_PID, BENCH_PASSWORD
#   organizer_token                                 prints a bearer token for admin
# The server is stopped and the folder removed when the calling script exits.

start_bench_server() {
  local port=$1; shift
  BENCH_BASE=http://127.0.0.1:$port
  # A server already on the port would be measured instead of ours.
  if curl -s -o /dev/null --max-time 2 "$BENCH_BASE/"; then
    echo "Something already answers on $BENCH_BASE; choose another port." >&2
    return 1
  fi
  BENCH_WORK=$(mktemp -d /tmp/kiosk-bench.XXXXXX)
  BENCH_SERVER_PID=
  trap stop_bench_server EXIT

  dotnet build Kiosk.Server -c Release -v quiet -nologo >"$BENCH_WORK/build.log" 2>&1 || { cat "$BENCH_WORK/build.log" >&2; return 1; }
  # Made per run and never printed: the data folder goes with it.
  BENCH_PASSWORD=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  urls=$BENCH_BASE Storage__DataDirectory=$BENCH_WORK/data Bootstrap__AdminPassword=$BENCH_PASSWORD \
    RateLimits__CheckInPerSecond=1000000 RateLimits__SearchPerSecond=1000000 \
    RateLimits__LoginPerMinute=1000 RateLimits__EnrolPerMinute=1000 Logging__LogLevel__Default=Warning \
    dotnet Kiosk.Server/bin/Release/net10.0/Kiosk.Server.dll --seed-demo "$@" >"$BENCH_WORK/server.log" 2>&1 &
  BENCH_SERVER_PID=$!

  # Start-up migrates and seeds 2,000 attendees before Kestrel listens.
  local i
  for ((i = 0; i < 240; i++)); do
    curl -sf -o /dev/null --max-time 2 "$BENCH_BASE/healthz" && return 0
    kill -0 "$BENCH_SERVER_PID" 2>/dev/null || { echo "Server exited during start-up:" >&2; cat "$BENCH_WORK/server.log" >&2; return 1; }
    sleep 0.25
  done
  echo "No healthy server after 60 s:" >&2; cat "$BENCH_WORK/server.log" >&2
  return 1
}

stop_bench_server() {
  if [[ -n ${BENCH_SERVER_PID:-} ]]; then kill "$BENCH_SERVER_PID" 2>/dev/null && wait "$BENCH_SERVER_PID" 2>/dev/null || true; fi
  rm -rf "${BENCH_WORK:-/nonexistent}" || true
}

# The answers are flat JSON; reading one field needs no jq.
json_field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\)\"\{0,1\}.*/\1/p"; }
bench_post() { curl -sf --max-time 600 -H 'Content-Type: application/json' "$@"; }

organizer_token() {
  bench_post "$BENCH_BASE/api/auth/token" -d "{\"username\":\"admin\",\"password\":\"$BENCH_PASSWORD\"}" | json_field token
}
