#!/usr/bin/env bash
# Prints the home of a JDK >= 25: JAVA_HOME if it is new enough, else the newest under /usr/lib/jvm.
# The machine's default java may be older (17); Atelier targets Lambda's java25 (java.lang.foreign for libvips).
set -u
major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(major "$JAVA_HOME")" -ge 25 ] 2>/dev/null; then
  echo "$JAVA_HOME"; exit 0
fi
best=""; best_major=0
for home in /usr/lib/jvm/*; do
  [ -x "$home/bin/javac" ] || continue
  m=$(major "$home"); [ -n "$m" ] || continue
  if [ "$m" -ge 25 ] && [ "$m" -gt "$best_major" ]; then best="$home"; best_major="$m"; fi
done
if [ -z "$best" ]; then echo "No JDK >= 25 found (JAVA_HOME or /usr/lib/jvm)." >&2; exit 1; fi
echo "$best"
