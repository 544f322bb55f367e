#!/usr/bin/env bash
# Lints template.yaml with cfn-lint (the AWS CloudFormation linter, which also expands the SAM transform).
# cfn-lint is installed once into a virtualenv under .atelier/ (ignored by git); later runs reuse it.
# Usage: local/bin/validate-template.sh [template.yaml]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/.atelier/venv"
version=1.51.0
template="${1:-$root/template.yaml}"

if [ "$("$venv/bin/cfn-lint" --version 2>/dev/null)" != "cfn-lint $version" ]; then
  python=$(command -v python3 || true)
  if [ -z "$python" ] || ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
    # Debian's python3 ships venv/ensurepip separately.
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3 python3-venv
    python=/usr/bin/python3
  fi
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "cfn-lint==$version"
fi

# The SAM transform needs a region; nothing here calls AWS.
AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}" exec "$venv/bin/cfn-lint" "$template"
