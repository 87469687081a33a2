#!/usr/bin/env bash
# Failover time, end to end: three silos in three regions on the three-datacenter Cassandra cluster
# (cassandra.sh's store cluster, started and stopped here), one target of two failing for every region
# and healed, TRIALS times. Three DNS paths over the same targets, measured side by side: RFC 2136 to a
# real BIND (its answer polled with dig every 20 ms), the zone file, and the local Route 53 server.
#
#   scripts/bench-failover.sh [TRIALS=100]     about 8 s per trial plus 2-3 minutes of set-up
#
# Prints p50/p90/p99/max of fault -> removed and heal -> restored per path and appends them to
# docs/benchmarks.md with the machine and commit (BENCH_NO_APPEND=1 to skip). Exit 1 if a trial timed out.
source "$(dirname "$0")/bench-lib.sh"
TRIALS=${1:-100}
BENCH_DIR="$BENCH_ROOT/var/bench/failover"; rm -rf "$BENCH_DIR"; mkdir -p "$BENCH_DIR"
BENCH_COMMIT=$(git -C "$BENCH_ROOT" rev-parse --short HEAD)
git -C "$BENCH_ROOT" diff --quiet HEAD -- src tests/ControlPlane.Testing || BENCH_COMMIT="$BENCH_COMMIT+uncommitted changes"
MACHINE=$(bench_machine)
dotnet build "$BENCH_ROOT/bench/ControlPlane.Chaos" -c Release -nologo -v q >"$BENCH_DIR/build-chaos.log" 2>&1 \
  || { tail -20 "$BENCH_DIR/build-chaos.log"; echo "build failed" >&2; exit 2; }
status=0
dotnet "$BENCH_ROOT/bench/ControlPlane.Chaos/bin/Release/net10.0/ControlPlane.Chaos.dll" failover --trials "$TRIALS" --out "$BENCH_DIR/result.md" || status=$?
[[ -s "$BENCH_DIR/result.md" ]] || { echo "no result (exit $status)" >&2; exit 2; }
out="$BENCH_DIR/section.md"
{
  echo "## Failover time: fault -> authoritative answer changed (3 silos, 3 Cassandra datacenters)"
  echo
  echo "Command: \`scripts/bench-failover.sh $TRIALS\`. Machine: $MACHINE. Commit $BENCH_COMMIT."
  echo "Goal at a 1 s interval with fall 2: p50 <= 1.5 s, p99 <= 3 s."
  echo
  cat "$BENCH_DIR/result.md"
} >"$out"
bench_append "$out"
exit $status
