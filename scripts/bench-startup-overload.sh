#!/usr/bin/env bash
# Start-up and overload of the probe engine on Orleans (SQLite store, 1 s interval, fall/rise 2).
#  (a) start-up: one silo, one region, START_ENDPOINTS (5000) healthy endpoints on four demo targets
#      (127.0.0.2-5:18182), 50 per service; measured for SECONDS (60) from /healthz 200.
#  (b) overload: the same single silo with OVERLOAD_ENDPOINTS (tried in order, "10000 20000") until
#      the probe lag p99 exceeds 1 s; then a three-silo cluster (three regions, each probing every
#      endpoint) at that count, membership polled every second on every silo.
#
#   scripts/bench-startup-overload.sh                BENCH_NO_BUILD=1 reuses the last Release build
#
# Reported per run: CPU (cores, from /proc/PID/stat utime+stime), peak RSS, checks/s (from
# controlplane_probe_duration_seconds_count), probe lag p50/p99 over the run (from the
# controlplane_probe_lag_seconds buckets, linear interpolation inside a bucket, as histogram_quantile).
# Correctness (exit 1 if any fails): no decision besides the first Unknown->Healthy per endpoint in
# any run (no false quorumLost or unhealthy); in the cluster run no silo ever anything but active in
# any silo's view, the lag reported by the metric and by the log warning "... behind schedule".
source "$(dirname "$0")/bench-lib.sh"
SECONDS_RUN=${RUN_SECONDS:-60}
START_N=${START_ENDPOINTS:-5000}
OVERLOAD_NS=${OVERLOAD_ENDPOINTS:-"10000 20000"}
bench_prepare startup-overload
D=$BENCH_DIR
TARGETS=127.0.0.2:18182,127.0.0.3:18182,127.0.0.4:18182,127.0.0.5:18182
for t in ${TARGETS//,/ }; do bench_target "$t"; done
START=$(date -u '+%Y-%m-%d %H:%M UTC')
MACHINE=$(bench_machine)
fail=0
rows=()
notes=()

# run NAME N SILOS: starts SILOS silos (1 or 3 regions) over N endpoints, measures, checks; sets LAST_P99
run() {
  local name=$1 n=$2 silos=$3 dir="$D/$1" i regions ids apis pids addrs
  mkdir -p "$dir"
  local R=(eu-central us-east ap-south) DC=(dc1 dc2 dc3)
  regions=$(IFS=,; echo "${R[*]:0:$silos}")
  $PY cluster-def --out "$dir/cluster.yaml" --regions "$regions" --endpoints "$n" --per-service 50 --interval 1s \
    --targets "$TARGETS" --zone "$dir/zones/bench.test.zone"
  ids=(); apis=(); pids=()
  for i in $(seq 0 $(( silos - 1 ))); do
    ids+=("silo-${R[$i]}"); apis+=("127.0.0.1:$(( 18501 + i ))")
    $PY silo-conf --out "$dir/${ids[$i]}.yaml" --id "${ids[$i]}" --region "${R[$i]}" --dc "${DC[$i]}" --api "${apis[$i]}" \
      --db "$dir/controlplane.db" --definition "$dir/cluster.yaml" --cluster-id "bench-$name" --port $(( 22121 + i )) \
      --log "$dir/${ids[$i]}.log"
    bench_silo "$dir/${ids[$i]}.yaml"; pids+=("$LAST_PID")
  done
  # all silos start together, so the cluster has every region as early as it can
  local t_start=$(date +%s.%N)
  for i in $(seq 0 $(( silos - 1 ))); do
    bench_wait_healthz "${apis[$i]}" 300 || { fail=1; notes+=("$name: ${ids[$i]} never became ready"); return; }
    echo "$name: ${ids[$i]} ready after $(python3 -c "import time,sys; print(f'{time.time()-float(sys.argv[1]):.1f}')" "$t_start") s"
  done
  addrs=""
  for i in $(seq 0 $(( silos - 1 ))); do addrs+="$($PY address --api "${apis[0]}" --id "${ids[$i]}" || true),"; done
  local res
  res=$($PY phase --apis "$(IFS=,; echo "${apis[*]}")" --pids "$(IFS=,; echo "${pids[*]}")" --addresses "${addrs%,}" --seconds "$SECONDS_RUN")
  echo "$name: $res"
  local dec
  dec=$($PY check-decisions --api "${apis[0]}" --definition "$dir/cluster.yaml" --since "$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['t0'])" "$res")") || dec='{"problems":["decisions could not be read"]}'
  echo "$name decisions: $(python3 -c "import json,sys; d=json.loads(sys.argv[1]); d.pop('extraSample',None); print(json.dumps(d)[:1500])" "$dec")"
  local warn
  warn=$(cat "$dir"/*.log 2>/dev/null | grep -c 'behind schedule' || true)
  local row
  row=$(python3 - "$name" "$n" "$silos" "$res" "$dec" "$warn" <<'EOF'
import json, sys
name, n, silos, res, dec, warn = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4]), json.loads(sys.argv[5]), int(sys.argv[6])
extra = dec.get("extra", "?")
kinds = ", ".join(f"{k} {v}" for k, v in sorted(dec.get("kinds", {}).items()))
print(f"| {name} | {n} x {silos} | {silos} | {'+'.join(str(c) for c in res['cpu_cores'])} | {'+'.join(str(r) for r in res['rss_mb'])} "
      f"| {res['checks_per_s']:,} | {res['lag_p50']} | {res['lag_p99']} | {extra} ({kinds}); {dec.get('extraSince', '?')} during the measured run | {res['not_active_count']} | {warn} |")
EOF
)
  rows+=("$row")
  LAST_P99=$(python3 -c "import json,sys; v=json.loads(sys.argv[1])['lag_p99_s']; print(v if v is not None else 0)" "$res")
  local problems
  problems=$(python3 -c "import json,sys; print('; '.join(json.loads(sys.argv[1]).get('problems',[]))[:600])" "$dec")
  if [[ -n "$problems" ]]; then fail=1; notes+=("$name: $problems"); fi
  if [[ $silos -gt 1 ]]; then
    local na
    na=$(python3 -c "import json,sys; r=json.loads(sys.argv[1]); print(r['not_active_count'], '; '.join(r['not_active'][:5]))" "$res")
    if [[ "${na%% *}" != 0 ]]; then fail=1; notes+=("$name: a silo was not active in some view: $na"); fi
    if ! python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) > 0 else 1)" "$LAST_P99"; then fail=1; notes+=("$name: no lag in the metric"); fi
    if [[ "$warn" == 0 ]]; then fail=1; notes+=("$name: no 'behind schedule' warning in the logs"); fi
  fi
  # log excerpts worth reading: warnings and errors other than the lag warning
  grep -h -E 'WRN|ERR|FTL|Warning|Error' "$dir"/*.log 2>/dev/null | grep -v 'behind schedule' | cut -c1-300 | sort | uniq -c | sort -rn | head -8 >"$dir/log-excerpt.txt" || true
  if [[ -s "$dir/log-excerpt.txt" ]]; then echo "$name log excerpt:"; cat "$dir/log-excerpt.txt"; fi
  for i in "${pids[@]}"; do bench_kill "$i"; done
}

run startup "$START_N" 1
overload_n=""
for n in $OVERLOAD_NS; do
  run "overload-$n" "$n" 1
  overload_n=$n
  python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) > 1 else 1)" "$LAST_P99" && break
done
run "cluster-$overload_n" "$overload_n" 3

out="$D/result.md"
{
  echo "## Probe engine on Orleans: start-up and overload"
  echo
  echo "Command: \`scripts/bench-startup-overload.sh\` (about 8 minutes; RUN_SECONDS, START_ENDPOINTS, OVERLOAD_ENDPOINTS"
  echo "override the defaults 60, 5000, \"10000 20000\"). SQLite store, HTTP checks at a 1 s interval (jitter 0.1,"
  echo "fresh connection each) against four demo targets on 127.0.0.2-5, 50 endpoints per service, fall/rise 2."
  echo "Each run is measured for $SECONDS_RUN s from the moment the last silo answers \`/healthz\` 200, so it includes the"
  echo "start-up burst. CPU = (utime+stime) / wall time from /proc/PID/stat (1.0 = one core), RSS = peak VmRSS,"
  echo "checks/s from \`controlplane_probe_duration_seconds_count\`, lag quantiles from the"
  echo "\`controlplane_probe_lag_seconds\` buckets of the run (interpolated inside a bucket; buckets 0.5/1/2.5/5/10/30 s)."
  echo "*Extra decisions* are decisions other than the first Unknown->Healthy per endpoint (all targets stay healthy)."
  echo "The demo targets run on the same two cores."
  echo
  echo "### Results, $START (commit $BENCH_COMMIT)"
  echo
  echo "Machine: $MACHINE."
  echo
  echo "| run | endpoints x regions | silos | CPU (cores, per silo) | peak RSS (MB, per silo) | checks/s | lag p50 | lag p99 | extra decisions (all kinds) | not-active sightings | 'behind schedule' warnings |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
  echo
  if [[ $fail == 0 ]]; then
    echo "Correctness: no false decision, no silo ever seen other than active, lag reported (metric and log)."
  else
    echo "Correctness: **FAILED**:"
    printf -- '- %s\n' "${notes[@]}"
  fi
} >"$out"
cat "$out"
bench_append "$out"
exit $fail
