#!/usr/bin/env bash
# Rewrites docs/openapi.json from the server's own OpenAPI document (what /openapi/v1.json serves). The test
# OpenApiDocumentTests fails while the two differ; run this after changing a route, and commit the file.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/Kiosk.Server.Tests -c Release -v quiet -nologo
KIOSK_WRITE_OPENAPI=1 dotnet test --project tests/Kiosk.Server.Tests -c Release --no-build \
  --filter-method '*The_committed_document_is_the_one_the_server_serves'
git diff --stat -- docs/openapi.json
