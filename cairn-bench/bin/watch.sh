#!/usr/bin/env bash
# Watch fan-out: 100 and 10,000 watchers on one Cairn node, or across a 3-node cluster with --cluster.
# Usage: cairn-bench/bin/watch.sh [--watchers 100,10000] [--mode poll|sse] [--cluster] [--rounds 20]
# Bounded: 15 minutes at most; stops every process it started.
# The watchers' process collects its garbage with the parallel collector: with G1, its barriers and refinement threads
# for 10,000 connections took a third more CPU, all of it from the 2 cores the server is measured on (the server's
# flags are --jvm's, as in every other run).
export BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx3g -XX:+UseParallelGC}"
source "$(dirname "$0")/bench-common.sh"
build
run_bench 900 watch "$@"
