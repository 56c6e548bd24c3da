#!/usr/bin/env bash
# Watch fan-out: 100 and 10,000 watchers on one Cairn node, or across a 3-node cluster with --cluster.
# Usage: cairn-bench/bin/watch.sh [--watchers 100,10000] [--mode poll|sse] [--cluster] [--rounds 20]
# Bounded: 15 minutes at most; stops every process it started.
source "$(dirname "$0")/bench-common.sh"
build
run_bench 900 watch "$@"
