#!/usr/bin/env bash
# Shared by the cairn-bench scripts: builds what is missing or stale, runs one cairn-bench command bounded in time,
# and on any exit kills every process that run started (the Java runner kills its servers itself; the pid file is
# the safety net if the runner itself is killed).
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
JAR="$BENCH_DIR/target/cairn-bench.jar"
JMH_JAR="$BENCH_DIR/target/benchmarks.jar"
PIDFILE="$(mktemp -t cairn-bench-pids.XXXXXX)"
export CAIRN_BENCH_PIDFILE="$PIDFILE"
RUNNER_PID=""

cleanup() {
  local code=$?
  if [ -n "$RUNNER_PID" ] && kill -0 "$RUNNER_PID" 2>/dev/null; then
    kill "$RUNNER_PID" 2>/dev/null || true
    sleep 2
    kill -9 "$RUNNER_PID" 2>/dev/null || true
  fi
  if [ -s "$PIDFILE" ]; then
    while read -r pid; do
      if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        sleep 1
        kill -9 "$pid" 2>/dev/null || true
      fi
    done < "$PIDFILE"
  fi
  rm -f "$PIDFILE"
  exit "$code"
}
trap cleanup EXIT INT TERM HUP

stale() { # $1 = artifact, rest = source dirs
  local artifact="$1"; shift
  [ ! -f "$artifact" ] && return 0
  [ -n "$(find "$@" -newer "$artifact" -type f -print -quit 2>/dev/null)" ]
}

build() {
  if stale "$ROOT/cairn-server/target/cairn-server.jar" "$ROOT/cairn-server/src/main" "$ROOT/cairn-model/src/main" \
     || [ ! -f "$ROOT/reference-eureka/target/reference-eureka.jar" ] \
     || stale "$JAR" "$BENCH_DIR/src/main" "$BENCH_DIR/pom.xml"; then
    echo "building cairn-model, cairn-server, reference-eureka, cairn-bench ..." >&2
    if ! (cd "$ROOT" && mvn -q -B install -Dmaven.test.skip=true -pl cairn-model,cairn-server,reference-eureka -am \
          && mvn -q -B package -Dmaven.test.skip=true -pl cairn-bench) > "$BENCH_DIR/target/build.log" 2>&1; then
      if [ -f "$ROOT/cairn-server/target/cairn-server.jar" ] && [ -f "$JAR" ] \
         && [ -f "$ROOT/reference-eureka/target/reference-eureka.jar" ]; then
        echo "WARNING: the build failed (see $BENCH_DIR/target/build.log); running the jars already built" >&2
      else
        cat "$BENCH_DIR/target/build.log" >&2
        exit 1
      fi
    fi
  fi
}

# run_bench MAX_SECONDS COMMAND [ARGS...]: the runner in the background (so that the trap can stop it), bounded.
run_bench() {
  local max="$1"; shift
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(uptime)" >&2
  timeout --signal=TERM --kill-after=30 "$max" java ${BENCH_JAVA_OPTS:--Xmx3g} -jar "$JAR" "$@" --root "$ROOT" &
  RUNNER_PID=$!
  wait "$RUNNER_PID"
}
