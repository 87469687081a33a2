#!/usr/bin/env bash
# Benchmark (not a test): prepared single-row writes and reads at LOCAL_QUORUM against the single node,
# ControlPlane.Cql side by side with cassandra-stress from the same Cassandra distribution, alternating
# rounds so both see the same machine load. Prints one line per run and the medians.
#
#   scripts/cassandra/benchmark.sh [OPS=100000] [THREADS=64] [ROUNDS=3]
set -euo pipefail
cd "$(dirname "$0")/../.."
ops=${1:-100000}
threads=${2:-64}
rounds=${3:-3}
script=scripts/cassandra/cassandra.sh
home=.tools/cassandra/apache-cassandra-2.1.0
out=var/benchmark
mkdir -p "$out"

bash "$script" install
dotnet build -c Release -nologo -v q bench/ControlPlane.Cql.Bench >/dev/null
# Full JIT and a larger heap than the tests use; Thrift on, because cassandra-stress 2.1 creates its schema through it.
CASSANDRA_JIT=full CASSANDRA_START_RPC=true CASSANDRA_HEAP=1G bash "$script" start single
trap 'bash "$script" stop single' EXIT

stress() { # write|read, n=OPS, key selection
  local op=$1 n=$2 key=$3
  java -Xmx512m -cp "$home/conf:$home/tools/lib/*:$home/lib/*" -Dcassandra.storagedir="$out/stress" \
    -Dlogback.configurationFile=logback-tools.xml org.apache.cassandra.stress.Stress "$op" "$n" \
    cl=LOCAL_QUORUM -mode native cql3 prepared -rate threads="$threads" -key "$key" -node 127.0.0.10 2>&1
}
stress_line() { # op, file
  local rate p99
  rate=$(grep -E '^op rate' "$2" | awk '{print $NF}')
  p99=$(grep -E '^latency 99th percentile' "$2" | awk '{print $NF}')
  echo "cassandra-stress $1 ops/s=$rate p99_ms=$p99"
}

: >"$out/results.txt"
TIMEFORMAT='%U %S'
run_stress() {
  local cpu
  cpu=$( { time stress write "n=$ops" "populate=1..$ops" >"$out/stress-write-$round.log"; } 2>&1 )
  stress_line write "$out/stress-write-$round.log" | tee -a "$out/results.txt"
  cpu=$( { time stress read "n=$ops" "dist=UNIFORM(1..$ops)" >"$out/stress-read-$round.log"; } 2>&1 )
  stress_line read "$out/stress-read-$round.log" | tee -a "$out/results.txt"
}
run_cql() {
  local cpu
  cpu=$( { time dotnet bench/ControlPlane.Cql.Bench/bin/Release/net10.0/ControlPlane.Cql.Bench.dll \
    --ops "$ops" --concurrency "$threads" --warmup "$ops" >"$out/cql-$round.log"; } 2>&1 )
  grep RESULT "$out/cql-$round.log" | sed 's/^RESULT/ControlPlane.Cql/' | tee -a "$out/results.txt"
  echo "ControlPlane.Cql client CPU (user sys, s) for warmup+write+read of $((3 * ops)) ops: $cpu" | tee -a "$out/cpu.txt"
}
: >"$out/cpu.txt"
# Alternate which client goes first, so neither always runs on a freshly compacted node.
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) = 1 ]; then run_stress; run_cql; else run_cql; run_stress; fi
done

echo "== medians over $rounds round(s), $ops ops, $threads in flight, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
python3 - "$out/results.txt" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"(\S+) (\w+) ops/s=([\d.]+) .*p99_ms=([\d.]+)", line)
    if m:
        rows.setdefault((m.group(1), m.group(2)), []).append((float(m.group(3)), float(m.group(4))))
for op in ("write", "read"):
    s = rows.get(("cassandra-stress", op), [])
    c = rows.get(("ControlPlane.Cql", op), [])
    if not s or not c:
        continue
    sr, sp = statistics.median(r for r, _ in s), statistics.median(p for _, p in s)
    cr, cp = statistics.median(r for r, _ in c), statistics.median(p for _, p in c)
    print(f"{op:5}  cassandra-stress {sr:8.0f} ops/s p99 {sp:6.1f} ms | ControlPlane.Cql {cr:8.0f} ops/s p99 {cp:6.1f} ms | ratio {cr / sr:5.0%}")
PY
