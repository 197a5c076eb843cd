#!/usr/bin/env bash
# Runs the whole system on the embedded default: SQLite in ./data, the demo event "dikomm 2026" with
# about 2,000 attendees. Needs only the .NET SDK. The first start prints the organizer password.
#   scripts/demo.sh              server on http://localhost:5080
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Kiosk.sln --configuration Release -v quiet -nologo
echo "Kiosk server on http://localhost:5080  (OpenAPI: /openapi/v1.json, health: /healthz)"
exec dotnet run --project Kiosk.Server --configuration Release --no-build -- --seed-demo
