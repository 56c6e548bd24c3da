#!/usr/bin/env bash
# Replication cost of heartbeats: 3 Cairn nodes vs 3 real Eureka nodes, same heartbeat load on node A.
# Usage: cairn-bench/bin/replication.sh [--rate 2000] [--seconds 20] [--instances 5000]
# Bounded: 20 minutes at most; stops every process it started.
source "$(dirname "$0")/bench-common.sh"
build
run_bench 1200 replication "$@"
