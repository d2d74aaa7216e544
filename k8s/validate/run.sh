#!/usr/bin/env bash
# Renders every overlay with kubectl's kustomize and validates each object against its schema (validate.mjs).
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
for overlay in ../overlays/*/; do
    name=$(basename "$overlay")
    kubectl kustomize "$overlay" | node validate.mjs "$name"
done
