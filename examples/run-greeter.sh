#!/usr/bin/env bash
# Runs one greeter: registers as "greeter" and answers GET /hello. Builds the examples jar first if needed.
# Usage: examples/run-greeter.sh [port] [serviceUrl]   (defaults: 8081, $CAIRN_URL or http://localhost:8761/eureka/)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/build.sh"
exec java ${JAVA_OPTS:-} -cp "$here/target/cairn-examples.jar" io.cairn.examples.Greeter "$@"
