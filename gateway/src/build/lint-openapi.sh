#!/usr/bin/env bash
# Lints the merged OpenAPI document (written by MergedDocumentTest from the services' documents of this build)
# with Redocly's CLI from the npm registry and the strict ruleset in redocly.yaml; any error fails the build.
set -euo pipefail
doc=target/openapi/merged.json
if [[ ! -f "$doc" ]]; then
    echo "[lint-openapi] $doc was not written (the gateway was built without the services, or without tests): not linted" >&2
    exit 0
fi
npx --yes @redocly/cli@2.77.0 lint "$doc" --config redocly.yaml --format=summary
