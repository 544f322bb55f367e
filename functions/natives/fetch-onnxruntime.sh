#!/usr/bin/env bash
# Builds the ONNX Runtime part of the worker's OnnxLayer into <out>/ (the layer's root, /opt in Lambda):
#   java/lib/onnxruntime-<version>.jar   the Java API only (Lambda's Java runtime puts /opt/java/lib/*.jar on the classpath)
#   onnxruntime/lib*.so                  the linux-aarch64 natives, loaded from there (-Donnxruntime.native.path)
# The published jar carries natives for five platforms (54 MB) plus macOS debug symbols (dSYM); Lambda runs arm64 only.
# Its linux-aarch64 libraries are already stripped (see `file`), so nothing is left to strip. Maven fetches the jar by
# its coordinates (checksums checked by Maven). Build time only. Usage: fetch-onnxruntime.sh <version> <out dir>
set -euo pipefail
version="$1"
out="$2"
mvn="${MVN:-mvn}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
jar="onnxruntime-$version.jar"
$mvn -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy -Dartifact="com.microsoft.onnxruntime:onnxruntime:$version" -DoutputDirectory="$work"
mkdir -p "$out/java/lib" "$out/onnxruntime"
unzip -q -j -o "$work/$jar" 'ai/onnxruntime/native/linux-aarch64/*' -d "$out/onnxruntime"
for library in "$out"/onnxruntime/*.so; do
  file "$library" | grep -q 'ARM aarch64' || { echo "fetch-onnxruntime: $library is not an arm64 library" >&2; exit 1; }
done
zip -q -d "$work/$jar" 'ai/onnxruntime/native/*'
cp "$work/$jar" "$out/java/lib/"
