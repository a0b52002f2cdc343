#!/usr/bin/env bash
# Where the service's CPU goes under one benchmark load: JFR samples of its JVM during one measured run of
# bench/run.sh, by layer and by service method (bench/profile/Layers.java). The recording is kept for a flame graph
# (JDK Mission Control, or `jfr print --events jdk.ExecutionSample`).
#
#   bench/profile.sh                                        book-spread at 32 connections
#   bench/profile.sh --scenario check-in --connections 8    also book-hotspot or read
#   JAVA_HOME=/path/to/jdk-25 bench/profile.sh              the service on another JDK
# The recording goes to bench/results/profile-<scenario>-<timestamp>.jfr. Like the benchmark, it runs nothing else
# on the machine meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."

SCENARIO=book-spread
CONNECTIONS=32
RECORDED_SECONDS=30
while [ $# -gt 0 ]; do
  case "$1" in
    --scenario) SCENARIO="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$SCENARIO" in
  book-spread | book-hotspot | check-in | read) ;;
  *) echo "--scenario is book-spread, book-hotspot, check-in or read" >&2; exit 2 ;;
esac

JDK_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}"
mkdir -p bench/results
OUT="$(pwd)/bench/results/profile-$SCENARIO-$(date -u +%Y%m%dT%H%M%SZ).jfr"
PROGRESS=$(mktemp)
trap 'rm -f "$PROGRESS"' EXIT
# JFR's default stack depth (64) cuts Spring's deep stacks off before the service's own frames.
JAVA_OPTS="${JAVA_OPTS:--Xmx256m} -XX:FlightRecorderOptions:stackdepth=512" \
  bench/run.sh --scenarios "$SCENARIO" --concurrency "$CONNECTIONS" --duration $((RECORDED_SECONDS + 15)) \
  2>"$PROGRESS" &
RUN=$!
# the measured run starts after the seeding and the scenario's warm-up
until grep -q "$SCENARIO at $CONNECTIONS connections" "$PROGRESS"; do
  kill -0 "$RUN" 2>/dev/null || { cat "$PROGRESS" >&2; exit 1; }
  sleep 1
done
sleep 5 # past wrk's connection set-up
SERVICE=$(pgrep -f -n 'target/app/clinic-appointments')
"${JDK_BIN}jcmd" "$SERVICE" JFR.start duration="${RECORDED_SECONDS}s" settings=profile filename="$OUT" >/dev/null
wait "$RUN" || echo "the benchmark's correctness check failed: see its table above" >&2
echo
"${JDK_BIN}java" bench/profile/Layers.java "$OUT"
echo
echo "recording: ${OUT#"$(pwd)/"}"
