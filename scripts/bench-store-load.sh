#!/usr/bin/env bash
# Store load of membership and grain state on the SQLite store, at 3, 6 and 9 silos (three regions,
# silos split evenly), ENDPOINTS (10000) endpoints x 3 regions at a 10 s interval, all healthy, on
# four demo targets (127.0.0.2-5:18183), 50 endpoints per service.
#
#   scripts/bench-store-load.sh [SILO_COUNTS="3 6 9"]     ENDPOINTS, WARMUP (45), MEASURE (60) seconds;
#                                                        BENCH_NO_BUILD=1 reuses the last Release build
#
# Method: after the first silo has created the schema, AFTER INSERT/UPDATE/DELETE row triggers are
# added to every table of the file (grain_state per grain kind, observations, decisions, dns_changes,
# definitions, orleans_membership, orleans_membership_version); each counts the rows it changed into
# a bench_writes table, inside the writer's own transaction. Rates are the difference of two reads of
# the counters over MEASURE seconds, after WARMUP seconds with every silo ready.
# Limits: it counts changed rows, not statements or transactions: reads (membership table reads,
# grain state reads on activation, API reads) and writes that change nothing (an ETag-refused update,
# an upsert whose WHERE is false) are not counted; a multi-row transaction counts each row. The
# triggers add one counter upsert per changed row to each transaction (a small extra load).
# Correctness (exit 1): every silo ready, and no decision besides the first Unknown->Healthy per endpoint.
source "$(dirname "$0")/bench-lib.sh"
COUNTS=${1:-"3 6 9"}
N=${ENDPOINTS:-10000}
WARMUP=${WARMUP:-45}
MEASURE=${MEASURE:-60}
bench_prepare store-load
D=$BENCH_DIR
TARGETS=127.0.0.2:18183,127.0.0.3:18183,127.0.0.4:18183,127.0.0.5:18183
for t in ${TARGETS//,/ }; do bench_target "$t"; done
START=$(date -u '+%Y-%m-%d %H:%M UTC')
MACHINE=$(bench_machine)
fail=0; rows=(); details=(); notes=()
R=(eu-central us-east ap-south); DC=(dc1 dc2 dc3)

for silos in $COUNTS; do
  dir="$D/silos-$silos"; mkdir -p "$dir"
  $PY cluster-def --out "$dir/cluster.yaml" --endpoints "$N" --per-service 50 --interval 10s --timeout 2s \
    --targets "$TARGETS" --zone "$dir/zones/bench.test.zone"
  apis=(); pids=(); ok=1
  t_start=$(date +%s)
  for i in $(seq 0 $(( silos - 1 ))); do
    r=$(( i % 3 )); id="silo-${R[$r]}-$(( i / 3 + 1 ))"; api="127.0.0.1:$(( 18511 + i ))"; apis+=("$api")
    $PY silo-conf --out "$dir/$id.yaml" --id "$id" --region "${R[$r]}" --dc "${DC[$r]}" --api "$api" \
      --db "$dir/controlplane.db" --definition "$dir/cluster.yaml" --cluster-id "bench-store-$silos" \
      --port $(( 22131 + i )) --log "$dir/$id.log"
    bench_silo "$dir/$id.yaml"; pids+=("$LAST_PID")
    if [[ $i == 0 ]]; then
      bench_wait_healthz "$api" 300 || { ok=0; break; }
      $PY install-triggers --db "$dir/controlplane.db" || { ok=0; break; }
    fi
  done
  if [[ $ok == 1 ]]; then
    for api in "${apis[@]}"; do bench_wait_healthz "$api" 400 || { ok=0; break; }; done
  fi
  [[ $ok == 1 ]] && { $PY wait-cluster --apis "$(IFS=,; echo "${apis[*]}")" --count "$silos" --timeout 300 || ok=0; }
  if [[ $ok != 1 ]]; then
    fail=1; notes+=("$silos silos: not every silo became ready and active within the time limits (see var/bench/store-load/silos-$silos/*.log)")
    rows+=("| $silos | could not run: not every silo ready | | | | | | | |")
    for p in "${pids[@]}"; do bench_kill "$p"; done
    continue
  fi
  ready_s=$(( $(date +%s) - t_start ))
  echo "$silos silos ready after $ready_s s; warm-up $WARMUP s"
  sleep "$WARMUP"
  before=$($PY counts --db "$dir/controlplane.db")
  res=$($PY phase --apis "$(IFS=,; echo "${apis[*]}")" --pids "$(IFS=,; echo "${pids[*]}")" --seconds "$MEASURE")
  after=$($PY counts --db "$dir/controlplane.db")
  rates=$($PY store-rates --before "$before" --after "$after")
  echo "$silos silos: $res"
  echo "$silos silos store: $rates"
  dec=$($PY check-decisions --api "${apis[0]}" --definition "$dir/cluster.yaml") || dec='{"problems":["decisions could not be read"]}'
  problems=$(python3 -c "import json,sys; print('; '.join(json.loads(sys.argv[1]).get('problems',[]))[:600])" "$dec")
  [[ -n "$problems" ]] && { fail=1; notes+=("$silos silos: $problems"); }
  rows+=("$(python3 - "$silos" "$ready_s" "$res" "$rates" "$dec" <<'EOF'
import json, sys
silos, ready, res, rates, dec = int(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4]), json.loads(sys.argv[5])
g = rates["groups"]
cpu = sum(res["cpu_cores"]); rss = sum(res["rss_mb"])
print(f"| {silos} | {ready} | {rates['total']:.1f} | {g['membership']:.2f} | {g['grain_state']:.1f} | {g['observations']:.1f} | {g['decisions+dns']:.2f} "
      f"| {res['checks_per_s']:,} | {cpu:.2f} / {rss:,} MB | {res['lag_p99']} | {dec.get('extra', '?')} |")
EOF
)")
  details+=("- $silos silos, rows changed/s by table and operation: $(python3 -c "import json,sys; print(', '.join(f'{k} {v}' for k,v in json.loads(sys.argv[1])['detail'].items()))" "$rates")")
  grep -h -E 'WRN|ERR|FTL|Warning|Error' "$dir"/*.log 2>/dev/null | cut -c1-300 | sed -E 's/^[0-9:. T-]+//' | sort | uniq -c | sort -rn | head -5 >"$dir/log-excerpt.txt" || true
  [[ -s "$dir/log-excerpt.txt" ]] && { echo "$silos silos log excerpt:"; cat "$dir/log-excerpt.txt"; }
  for p in "${pids[@]}"; do bench_kill "$p"; done
done

out="$D/result.md"
{
  echo "## Store load on SQLite: membership and grain state, 3/6/9 silos"
  echo
  echo "Command: \`scripts/bench-store-load.sh \"$COUNTS\"\` (ENDPOINTS=$N, WARMUP=$WARMUP, MEASURE=$MEASURE). Three regions, silos"
  echo "split evenly among them, $N endpoints x 3 regions at a 10 s interval (50 per service, all healthy, four"
  echo "demo targets on 127.0.0.2-5), one SQLite file. Counted with row triggers: after the first silo created"
  echo "the schema, AFTER INSERT/UPDATE/DELETE triggers on every table count each changed row (per table,"
  echo "and per grain kind for \`grain_state\`) into a counter table, in the writer's transaction; the rate is"
  echo "the difference over $MEASURE s after $WARMUP s of warm-up with all silos ready. **Limits**: rows changed, not"
  echo "statements: reads (Orleans' membership table reads, grain state reads on activation) and writes that"
  echo "change nothing (ETag-refused updates) are not counted, and a transaction of several rows counts each."
  echo "CPU/RSS are the sum over the silos (demo targets excluded); everything shares the two cores."
  echo
  echo "### Results, $START (commit $BENCH_COMMIT)"
  echo
  echo "Machine: $MACHINE."
  echo
  echo "| silos | ready after (s) | rows changed/s, total | membership | grain_state | observations | decisions + DNS | checks/s | CPU (cores) / RSS, all silos | lag p99 | extra decisions |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
  echo
  printf '%s\n' "${details[@]}"
  echo
  if [[ $fail == 0 ]]; then echo "Correctness: every silo ready, no false decision."
  else echo "Correctness: **FAILED**:"; printf -- '- %s\n' "${notes[@]}"; fi
} >"$out"
cat "$out"
bench_append "$out"
exit $fail
