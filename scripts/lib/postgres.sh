# Starts a throwaway PostgreSQL cluster on 127.0.0.1 (trust auth, data in a temp folder) and sets
# KIOSK_TEST_POSTGRES. Stopped and removed when the calling script exits.
start_test_postgres() {
  local bin port dir run_as=()
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  port=${KIOSK_TEST_POSTGRES_PORT:-55432}
  dir=$(mktemp -d /tmp/kiosk-pg.XXXXXX)
  if [[ $(id -u) -eq 0 ]]; then chown postgres "$dir"; run_as=(runuser -u postgres --); fi
  "${run_as[@]}" "$bin/initdb" -D "$dir/data" -U kiosk --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null
  KIOSK_PG_STOP=("${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop)
  KIOSK_PG_DIR=$dir
  trap stop_test_postgres EXIT
  KIOSK_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=kiosk;Database=postgres"
  echo "PostgreSQL for tests on 127.0.0.1:$port"
}

# The EXIT trap of start_test_postgres; never changes the script's exit status.
stop_test_postgres() {
  [[ -n "${KIOSK_PG_DIR:-}" ]] || return 0
  "${KIOSK_PG_STOP[@]}" >/dev/null 2>&1 || true
  rm -rf "$KIOSK_PG_DIR" || true
}
