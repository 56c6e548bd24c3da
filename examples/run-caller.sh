#!/usr/bin/env bash
# Runs the caller: discovers "greeter" through the Cairn client and calls GET /hello every second.
# Usage: examples/run-caller.sh [serviceUrl]   (default: $CAIRN_URL or http://localhost:8761/eureka/)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/build.sh"
exec java ${JAVA_OPTS:-} -cp "$here/target/cairn-examples.jar" io.cairn.examples.Caller "$@"
