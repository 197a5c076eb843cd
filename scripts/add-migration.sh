#!/usr/bin/env bash
# Adds a migration for every engine after the model changed (an entity or its configuration):
#   scripts/add-migration.sh NAME        NAME in PascalCase, saying what changed (e.g. BadgeColours)
# Runs dotnet ef migrations add once per project Kiosk.Server.Migrations.{Sqlite,Postgres,SqlServer}, with the
# design-time factories in Kiosk.Server/Data/*Engine.cs (no database needed). Migrations are added, never squashed
# nor edited once merged: a venue's database is upgraded by the ones it has not run yet. Read the generated Up and
# Down, then run MigrationTests (README, Databases).
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh NAME}
dotnet tool restore >/dev/null
dotnet build Kiosk.Server -v quiet -nologo   # builds the migration projects after it (Kiosk.Server.csproj)
for engine in Sqlite Postgres SqlServer; do
  dotnet ef migrations add "$name" --no-build --startup-project Kiosk.Server --project "Kiosk.Server.Migrations.$engine" \
    --context "${engine}KioskDb" --output-dir . --namespace "Kiosk.Server.Migrations.$engine"
done
