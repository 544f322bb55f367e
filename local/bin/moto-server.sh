#!/usr/bin/env bash
# moto's server: a third-party AWS emulator (pure Python; S3, SQS and DynamoDB on one port) that the local runner's
# --endpoint mode is tested against (MotoEndpointTest). Installed once into a virtualenv under .atelier/ (ignored by
# git); later runs reuse it.
# Usage: local/bin/moto-server.sh --install     install only (make test does this before the Java tests)
#        local/bin/moto-server.sh PORT          install if needed, then serve on 127.0.0.1:PORT until stopped
# The account id is the local stack's (000000000000), so the ARNs the runner derives (dead-letter queues) exist there.
# moto_server.py beside this script is moto's own server with DynamoDB requests serialized (see why there).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/.atelier/moto-venv"
packages=("moto[server]==5.2.5")
stamp="$venv/installed.txt"

if [ $# -ne 1 ] || { [ "$1" != --install ] && ! [[ "$1" =~ ^[0-9]+$ ]]; }; then
  echo "usage: $0 --install | PORT" >&2
  exit 2
fi

if [ "$(cat "$stamp" 2>/dev/null)" != "${packages[*]}" ]; then
  python=$(command -v python3 || true)
  if [ -z "$python" ] || ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
    # Debian's python3 ships venv/ensurepip separately.
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3 python3-venv
    python=/usr/bin/python3
  fi
  # Two installs at once (make test's and a test's own) would share the folder: one waits for the other.
  mkdir -p "$root/.atelier"
  exec 9>"$root/.atelier/moto-venv.lock"
  flock 9
  if [ "$(cat "$stamp" 2>/dev/null)" != "${packages[*]}" ]; then
    rm -rf "$venv"
    "$python" -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "${packages[@]}" >&2
    echo "${packages[*]}" > "$stamp"
  fi
  flock -u 9
fi

if [ "$1" = --install ]; then
  echo "moto: $("$venv/bin/python" -c 'import moto; print(moto.__version__)') in ${venv#"$root"/}"
  exit 0
fi
export MOTO_ACCOUNT_ID=000000000000
exec "$venv/bin/python" "$root/local/bin/moto_server.py" "$1"
