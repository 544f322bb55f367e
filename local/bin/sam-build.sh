#!/usr/bin/env bash
# The AWS SAM CLI on the real template: `sam validate --lint` (cfn-lint through SAM), `sam build` (the functions'
# Maven package and the worker's two layers, BuildMethod makefile, into .aws-sam/build), then local/bin/check-sam-build.py
# on what it built. No Docker and no AWS account: only the registries (Maven, npm). `sam local invoke` needs Docker,
# which `make invoke` replaces. SAM CLI is installed once into its own virtualenv under .atelier/ (ignored by git).
# Usage: local/bin/sam-build.sh   (MVN may carry -Dmaven.repo.local=<dir>; it is passed on to SAM's Maven runs)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/.atelier/sam-venv"
packages=(aws-sam-cli==1.170.0)
stamp="$venv/installed.txt"

if [ "$(cat "$stamp" 2>/dev/null)" != "${packages[*]}" ]; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "${packages[@]}"
  echo "${packages[*]}" > "$stamp"
fi

cd "$root"
export SAM_CLI_TELEMETRY=0 AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}"
export JAVA_HOME="${JAVA_HOME:-$(local/bin/find-jdk.sh)}"
export PATH="$JAVA_HOME/bin:$PATH"
# SAM's Maven workflow runs `mvn clean install` then `mvn dependency:copy-dependencies` in a scratch copy of CodeUri,
# with no arguments of ours: options reach it as system properties. No tests there (make test runs them), and no
# fetches of this machine's libvips or the model (the layers carry Lambda's own copies).
# SAM runs the `mvn` it finds on PATH: with the repository's wrapper (MVN=./mvnw, the Makefile's default), the Maven
# the wrapper installed goes first on PATH.
maven="${MVN:-mvn}"
maven="${maven%% *}"
if [ "$(basename "$maven")" = mvnw ]; then
  home="$("$maven" -B --version | sed 's/\x1b\[[0-9;]*m//g' | sed -n 's/^Maven home: //p')"
  export PATH="$home/bin:$PATH"
fi
command -v mvn >/dev/null || { echo "sam-build: sam build runs mvn, which is not on PATH (MVN=${MVN:-})" >&2; exit 1; }
repo="$(sed -n 's/.*-Dmaven\.repo\.local=\([^ ]*\).*/\1/p' <<<"${MVN:-}")"
export MAVEN_OPTS="${MAVEN_OPTS:-} -Dmaven.test.skip=true -Dexec.skip=true${repo:+ -Dmaven.repo.local=$repo}"
# natives/fetch-onnxruntime.sh (the OnnxLayer) fetches the ONNX Runtime jar with $MVN.
export MVN="mvn -B${repo:+ -Dmaven.repo.local=$repo}"
# Run from `make MVN=...`, the layers' own make would inherit that command-line MVN (through MAKEFLAGS) over this one.
unset MAKEFLAGS MFLAGS MAKELEVEL

started=$SECONDS
"$venv/bin/sam" validate --lint
# --cached: an unchanged CodeUri or layer folder is not rebuilt; --parallel: the layers build beside the functions.
"$venv/bin/sam" build --cached --parallel
echo "sam build: $((SECONDS - started)) s (validate + build)"
"$venv/bin/python" local/bin/check-sam-build.py .aws-sam/build
