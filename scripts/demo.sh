#!/usr/bin/env bash
# Runs the whole system on the embedded default: the server on SQLite with the demo event "dikomm 2026"
# (about 2,000 attendees, a programme placed around the current time), and one kiosk terminal with the
# virtual printer, enrolled automatically. Needs only the .NET SDK. Works from any working directory;
# Ctrl+C stops both.
#   scripts/demo.sh             server http://localhost:5080, kiosk http://127.0.0.1:5180
#   scripts/demo.sh --traffic   the same, with a simulated fair morning driven through the real APIs
#                               (arrivals, master class doors, dialogue island counters)
# KIOSK_DEMO_PORT, KIOSK_DEMO_KIOSK_PORT: other ports. KIOSK_DEMO_DATA: another data folder (default ./data).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/bench-server.sh   # json_field

traffic=false
for arg in "$@"; do
  case $arg in
    --traffic) traffic=true ;;
    *) echo "unknown option: $arg (use --traffic)" >&2; exit 2 ;;
  esac
done
port=${KIOSK_DEMO_PORT:-5080}
kiosk_port=${KIOSK_DEMO_KIOSK_PORT:-5180}
data=$(mkdir -p "${KIOSK_DEMO_DATA:-data}" && cd "${KIOSK_DEMO_DATA:-data}" && pwd)
server=http://localhost:$port
kiosk=http://127.0.0.1:$kiosk_port

dotnet build Kiosk.sln --configuration Release -v quiet -nologo
# The demo keeps its organizer password in the data folder (never in the repo), made on the first run.
if [[ ! -s $data/demo-admin-password ]]; then
  (umask 077; head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$data/demo-admin-password")
fi
password=$(cat "$data/demo-admin-password")
# A new server database knows no kiosk: the demo kiosk's old enrolment would be refused.
[[ -s $data/kiosk.db ]] || rm -rf "$data/terminal"

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT INT TERM
Bootstrap__AdminPassword=$password dotnet Kiosk.Server/bin/Release/net10.0/Kiosk.Server.dll --seed-demo \
  --urls="$server" --Storage:DataDirectory="$data" --Demo:KioskUrl="$kiosk/" --Demo:Traffic="$traffic" &
pids+=($!)
for ((i = 0; i < 240; i++)); do curl -sf -o /dev/null "$server/healthz" && break; sleep 0.25; done

code_args=()
if [[ ! -s $data/terminal/terminal.db ]]; then
  token=$(curl -sf -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$password\"}" \
    "$server/api/auth/token" | json_field token)
  code=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"name":"Demo-Kiosk Eingang"}' \
    "$server/api/events/1/terminals" | json_field enrolmentCode)
  code_args=(--Terminal:EnrolmentCode="$code")
fi
dotnet Kiosk.Terminal/bin/Release/net10.0/Kiosk.Terminal.dll --Terminal:DataDirectory="$data/terminal" \
  --Terminal:Urls="$kiosk" --Server:Url="$server" "${code_args[@]}" &
pids+=($!)

cat <<INFO

  Start page     $server/   (links every page; OpenAPI /openapi/v1.json, health /healthz)
  Dashboard      $server/dashboard/   (sign in as admin, password in $data/demo-admin-password)
  Kiosk terminal $kiosk/   (open in a browser; printed badges appear in $data/terminal/prints)

  Try a scan:  curl -s -H 'Content-Type: application/json' -d '{"text":"<token>"}' $kiosk/local/scan
  Ctrl+C stops both.
INFO
wait
