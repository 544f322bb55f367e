#!/usr/bin/env bash
# Fetches the prebuilt libvips of one Linux architecture with npm (by package name), checks it against the sums in
# libvips.sha256 and unpacks the shared library and its licence notes into <out>/. Build time only: nothing is ever
# fetched at run time. Usage: fetch-libvips.sh <x64|arm64|host> <out dir>
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version=1.3.4
arch="${1:-host}"
out="$2"
if [ "$arch" = host ]; then
  case "$(uname -m)" in x86_64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) echo "No prebuilt libvips for $(uname -m)" >&2; exit 1 ;; esac
fi
tarball="img-sharp-libvips-linux-$arch-$version.tgz"
if [ -f "$out/.fetched-$arch-$version" ]; then exit 0; fi
if ! command -v npm >/dev/null; then
  # A build without npm (e.g. `sam build` in a Java-only container) still packages the functions; only the engine's
  # tests and `make run` need this copy, and they say so when it is missing.
  echo "fetch-libvips: npm not found, libvips not fetched into $out" >&2
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
( cd "$work" && npm pack --silent "@img/sharp-libvips-linux-$arch@$version" >/dev/null )
( cd "$work" && grep " $tarball\$" "$here/libvips.sha256" | sha256sum --check --quiet - ) \
  || { echo "Checksum mismatch for $tarball: refusing to use it" >&2; exit 1; }
mkdir -p "$out"
tar -xzf "$work/$tarball" -C "$work"
cp "$work"/package/lib/libvips-cpp.so.* "$out/"
# LGPL-3.0: the licence and the bundled libraries' licences travel with the binary.
cp "$work/package/README.md" "$out/THIRD-PARTY-LICENSES.md"
cp "$work/package/versions.json" "$work/package/package.json" "$out/"
touch "$out/.fetched-$arch-$version"
