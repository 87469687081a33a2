#!/usr/bin/env bash
# Chaos run: three silos in three regions on the three-datacenter Cassandra cluster (started and
# stopped here) under probe load, with faults at seeded random times: kill -9 and SIGSTOP of silos,
# a Cassandra datacenter killed, BIND stopped and frozen, the local Route 53 throttling and failing,
# the webhook receiver down, targets down, cut off from one region, or flapping faster than fall.
# The history (var/chaos-SEED.jsonl) is checked: no false and no missed failover, never an empty
# record set, no DNS change applied twice, no webhook lost, decisions and webhooks in order.
#
#   scripts/chaos.sh [SEED] [DURATION=10m]     the same seed injects the same faults at the same offsets
#
# CI runs a short seeded run (ControlPlane.Silo.Tests ChaosTests). Appends the counts and any violation
# to docs/benchmarks.md (BENCH_NO_APPEND=1 to skip). Exit 1 on any violation.
source "$(dirname "$0")/bench-lib.sh"
SEED=${1:-$(date -u +%m%d%H%M)}
DURATION=${2:-10m}
BENCH_DIR="$BENCH_ROOT/var/bench/chaos"; rm -rf "$BENCH_DIR"; mkdir -p "$BENCH_DIR"
BENCH_COMMIT=$(git -C "$BENCH_ROOT" rev-parse --short HEAD)
git -C "$BENCH_ROOT" diff --quiet HEAD -- src tests/ControlPlane.Testing || BENCH_COMMIT="$BENCH_COMMIT+uncommitted changes"
MACHINE=$(bench_machine)
dotnet build "$BENCH_ROOT/bench/ControlPlane.Chaos" -c Release -nologo -v q >"$BENCH_DIR/build-chaos.log" 2>&1 \
  || { tail -20 "$BENCH_DIR/build-chaos.log"; echo "build failed" >&2; exit 2; }
status=0
dotnet "$BENCH_ROOT/bench/ControlPlane.Chaos/bin/Release/net10.0/ControlPlane.Chaos.dll" chaos --seed "$SEED" --duration "$DURATION" \
  --out "$BENCH_DIR/result.md" --history "$BENCH_ROOT/var/chaos-$SEED.jsonl" || status=$?
[[ -s "$BENCH_DIR/result.md" ]] || { echo "no result (exit $status)" >&2; exit 2; }
out="$BENCH_DIR/section.md"
{
  echo "## Chaos run (3 silos, 3 Cassandra datacenters, BIND, local Route 53, webhooks)"
  echo
  echo "Command: \`scripts/chaos.sh $SEED $DURATION\`. Machine: $MACHINE. Commit $BENCH_COMMIT."
  echo
  cat "$BENCH_DIR/result.md"
} >"$out"
bench_append "$out"
exit $status
