# Starts a throwaway Redis on 127.0.0.1 (no persistence, data in a temp folder) for the scale-out tests and
# sets KIOSK_TEST_REDIS. Stopped when the calling script exits (chained after PostgreSQL's trap).
start_test_redis() {
  local port dir
  port=${KIOSK_TEST_REDIS_PORT:-56379}
  dir=$(mktemp -d /tmp/kiosk-redis.XXXXXX)
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/log" >/dev/null
  for _ in $(seq 1 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  KIOSK_REDIS_DIR=$dir
  KIOSK_REDIS_PORT=$port
  KIOSK_TEST_REDIS="127.0.0.1:$port"
  echo "Redis for tests on $KIOSK_TEST_REDIS"
}

# Never changes the script's exit status.
# SHUTDOWN answers once the server has stopped writing its log, so the folder can go.
stop_test_redis() {
  [[ -n "${KIOSK_REDIS_PORT:-}" ]] && redis-cli -p "$KIOSK_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "${KIOSK_REDIS_DIR:-/nonexistent}" 2>/dev/null || true
}
