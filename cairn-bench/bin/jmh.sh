#!/usr/bin/env bash
# JMH benchmarks of Cairn's hot paths (JSON codec, renew and register, full-registry rebuild).
# Usage: cairn-bench/bin/jmh.sh [JMH options, e.g. -prof gc, -prof stack, or a benchmark regex]
# Bounded: 30 minutes at most.
source "$(dirname "$0")/bench-common.sh"
build
echo "machine: $(nproc) cores; $(uptime)" >&2
timeout --signal=TERM --kill-after=30 1800 java -jar "$JMH_JAR" "$@" &
RUNNER_PID=$!
wait "$RUNNER_PID"
