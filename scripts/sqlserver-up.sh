#!/usr/bin/env bash
# Starts SQL Server 2022 (Developer edition) in a container for the SQL Server integration tests, for
# those who have a Docker engine (the project's build machines do not). Prints the connection string.
#   scripts/sqlserver-up.sh          start (or reuse) container "kiosk-sqlserver" on 127.0.0.1:14333
#   scripts/sqlserver-up.sh down     remove it
set -euo pipefail
name=kiosk-sqlserver
if [[ "${1:-}" == "down" ]]; then docker rm -f "$name" >/dev/null && echo "removed $name"; exit 0; fi

password_file="${XDG_STATE_HOME:-$HOME/.local/state}/kiosk/sqlserver-sa-password"
mkdir -p "$(dirname "$password_file")"
# A random password per machine, kept outside the repository.
[[ -s "$password_file" ]] || { printf 'Kx9-%s' "$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" > "$password_file"; chmod 600 "$password_file"; }
password=$(cat "$password_file")

if ! docker ps --format '{{.Names}}' | grep -qx "$name"; then
  docker rm -f "$name" >/dev/null 2>&1 || true
  docker run -d --name "$name" -e ACCEPT_EULA=Y -e "MSSQL_SA_PASSWORD=$password" -e MSSQL_PID=Developer \
    -p 127.0.0.1:14333:1433 mcr.microsoft.com/mssql/server:2022-latest >/dev/null
fi

echo "Waiting for SQL Server ..."
for _ in $(seq 1 60); do
  if docker exec "$name" /opt/mssql-tools18/bin/sqlcmd -C -S localhost -U sa -P "$password" -Q "SELECT 1" >/dev/null 2>&1; then
    echo "export KIOSK_TEST_SQLSERVER='Server=127.0.0.1,14333;User Id=sa;Password=$password;TrustServerCertificate=True'"
    exit 0
  fi
  sleep 2
done
echo "SQL Server did not come up; see: docker logs $name" >&2
exit 1
