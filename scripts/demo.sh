#!/usr/bin/env bash
# Runs the whole system on the embedded default: the server on SQLite in ./data with the demo event
# "dikomm 2026" (about 2,000 attendees), and one kiosk terminal with the virtual printer, enrolled
# automatically. Needs only the .NET SDK. Ctrl+C stops both.
#   scripts/demo.sh      server http://localhost:5080, kiosk http://127.0.0.1:5180
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/bench-server.sh   # json_field

dotnet build Kiosk.sln --configuration Release -v quiet -nologo
mkdir -p data
# The demo keeps its organizer password in the data folder (never in the repo), made on the first run.
if [[ ! -s data/demo-admin-password ]]; then
  (umask 077; head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n' >data/demo-admin-password)
fi
password=$(cat data/demo-admin-password)

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT INT TERM
Bootstrap__AdminPassword=$password dotnet Kiosk.Server/bin/Release/net10.0/Kiosk.Server.dll --seed-demo \
  --Storage:DataDirectory="$PWD/data" &
pids+=($!)
for ((i = 0; i < 240; i++)); do curl -sf -o /dev/null http://localhost:5080/healthz && break; sleep 0.25; done

code_args=()
if [[ ! -s data/terminal/terminal.db ]]; then
  token=$(curl -sf -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$password\"}" \
    http://localhost:5080/api/auth/token | json_field token)
  code=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"name":"Demo-Kiosk Eingang"}' \
    http://localhost:5080/api/events/1/terminals | json_field enrolmentCode)
  code_args=(--Terminal:EnrolmentCode="$code")
fi
dotnet Kiosk.Terminal/bin/Release/net10.0/Kiosk.Terminal.dll --Terminal:DataDirectory="$PWD/data/terminal" \
  --Server:Url=http://localhost:5080 "${code_args[@]}" &
pids+=($!)

cat <<INFO

  Kiosk server   http://localhost:5080   (OpenAPI /openapi/v1.json, health /healthz)
  Dashboard      http://localhost:5080/dashboard/   (sign in as admin, password in data/demo-admin-password)
  Kiosk terminal http://127.0.0.1:5180   (open in a browser; printed badges appear in data/terminal/prints)

  Try a scan:  curl -s -H 'Content-Type: application/json' -d '{"text":"<token>"}' http://127.0.0.1:5180/local/scan
  Ctrl+C stops both.
INFO
wait
