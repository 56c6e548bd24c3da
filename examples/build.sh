#!/usr/bin/env bash
# Builds examples/target/cairn-examples.jar (the examples, cairn-client, cairn-model, jackson-core) when it is
# missing or older than any of their sources.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/examples/target/cairn-examples.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/examples/src" "$root/cairn-client/src/main" "$root/cairn-model/src/main" \
      "$root/examples/pom.xml" -newer "$jar" -type f -print -quit)" ]; then
  echo "building $jar ..." >&2
  (cd "$root" && mvn -q -B -DskipTests -pl examples -am package) >&2
fi
