#!/usr/bin/env bash
# 1,000,000 instances on one node, then ~33,000 renews/s. Usage: cairn-bench/bin/scale.sh [--server cairn|eureka]
# [--instances 1000000] [--seconds 60] [--max-register-seconds 420] [--jvm "-Xmx2g -XX:+UseG1GC"]
# Bounded: 20 minutes at most; stops every process it started.
source "$(dirname "$0")/bench-common.sh"
build
run_bench 1200 scale "$@"
