#!/usr/bin/env bash
# Static checks of the repository's two contracts: template.yaml through cfn-lint (the AWS CloudFormation linter,
# which also expands the SAM transform) and the API's OpenAPI 3.1 document through openapi-spec-validator.
# Both are installed once into a virtualenv under .atelier/ (ignored by git); later runs reuse it.
# Usage: local/bin/validate.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/.atelier/venv"
packages=(cfn-lint==1.51.0 openapi-spec-validator==0.7.1)
stamp="$venv/installed.txt"

if [ "$(cat "$stamp" 2>/dev/null)" != "${packages[*]}" ]; then
  python=$(command -v python3 || true)
  if [ -z "$python" ] || ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
    # Debian's python3 ships venv/ensurepip separately.
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3 python3-venv
    python=/usr/bin/python3
  fi
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "${packages[@]}"
  echo "${packages[*]}" > "$stamp"
fi

cd "$root"
# The SAM transform needs a region; nothing here calls AWS.
AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}" "$venv/bin/cfn-lint" template.yaml
echo "template.yaml: OK (cfn-lint)"
"$venv/bin/openapi-spec-validator" functions/src/main/resources/openapi.json
