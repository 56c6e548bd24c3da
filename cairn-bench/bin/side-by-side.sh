#!/usr/bin/env bash
# The real Eureka server and Cairn on this machine, same JVM flags, same scenarios, alternating; prints the table.
# Usage: cairn-bench/bin/side-by-side.sh [--rounds 2] [--instances 10000] [--jvm "-Xmx2g -XX:+UseG1GC"] ...
# Bounded: 40 minutes at most; stops every process it started.
source "$(dirname "$0")/bench-common.sh"
build
run_bench 2400 side-by-side "$@"
