#!/usr/bin/env bash
# Builds the client in the Maven build: installs the pinned npm packages, generates the types from the merged OpenAPI
# document (written by the gateway's MergedDocumentTest), compiles in strict mode and lints the scenario.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
doc=../../gateway/target/openapi/merged.json
if [[ ! -f "$doc" ]]; then
    echo "[client] $doc was not written (the gateway's tests did not run): the client is not built" >&2
    exit 0
fi
npm ci --no-audit --no-fund
npm run generate
npm run build
