#!/usr/bin/env bash
# Scale on one machine: three silos (eu-central/dc1, us-east/dc2, ap-south/dc3) on the three-datacenter
# Cassandra store cluster (cassandra.sh's s1/s2/s3 on 127.0.0.16-18, started fresh for every level and stopped at the end),
# N endpoints x 3 regions, all healthy, on one local nginx listening on 127.0.0.2-5 (installed with apt when
# missing). First LEVELS at a 10 s interval, then ONE_SECOND_LEVELS at 1 s in increasing order until one
# does not hold; the largest that holds is reported.
#
#   scripts/bench-scale.sh      LEVELS ("1000 3000 10000"), ONE_SECOND_LEVELS ("1000 2000 3000 4000 5000"),
#                               WINDOW (60) seconds measured per level, GRAIN_TIMEOUT (900) seconds for the
#                               probe grains to become active; BENCH_NO_BUILD=1 reuses the last Release build,
#                               BENCH_NO_APPEND=1 does not append to docs/benchmarks.md.
#                               Run it under `flock /work/heavy.lock` on a shared machine.
#
# Each level starts the store cluster afresh (empty data: dropping the last level's keyspace instead left the
# nodes slow to agree on the next schema, and silos then failed to start), three fresh silos on a new
# keyspace, waits until every silo
# reports its region's N probe grains active and every endpoint has had its first decision (Unknown ->
# Healthy), lets one more interval pass (at least 5 s), and measures WINDOW
# seconds: CPU of each silo and Cassandra node from /proc/PID/stat (utime+stime over the window), peak VmRSS
# from /proc/PID/status, checks/s and probe lag from /metrics (controlplane_probe_duration_seconds_count,
# controlplane_probe_lag_seconds buckets, deltas over the window), Cassandra statements per second by kind
# from the nodes' own request counters (bench/silo-bench/CassandraCounts.java reads them over JMX through
# the attach API: no port is opened; lightweight transactions are derived from system.paxos, see
# cassandra_rates in cpbench.py), the size and time of one scrape per silo at the end. Every target
# stays up, so a health change to unhealthy in /api/v1/decisions is a false decision.
# A level holds when every probe grain became active and, in the window, checks reach 90 % of the schedule,
# lag p99 < 1 s, no silo was seen not active and no false decision was made. False decisions are counted
# from the silos' start (start-up included); exit 1 if any level made one.
source "$(dirname "$0")/bench-lib.sh"
LEVELS=${LEVELS:-"1000 3000 10000"}
ONE_SECOND_LEVELS=${ONE_SECOND_LEVELS:-"1000 2000 3000 4000 5000"}
WINDOW=${WINDOW:-60}
GRAIN_TIMEOUT=${GRAIN_TIMEOUT:-900}
CASSANDRA="$BENCH_ROOT/scripts/cassandra/cassandra.sh"
CONTACTS=127.0.0.16,127.0.0.17,127.0.0.18
TARGET_PORT=18184
TARGETS=127.0.0.2:$TARGET_PORT,127.0.0.3:$TARGET_PORT,127.0.0.4:$TARGET_PORT,127.0.0.5:$TARGET_PORT
R=(eu-central us-east ap-south); DC=(dc1 dc2 dc3)
APIS=(127.0.0.1:18541 127.0.0.1:18542 127.0.0.1:18543); PORTS=(22161 22162 22163)

# cassandra.sh start stops running store-cluster nodes: never take over somebody else's
if "$CASSANDRA" status | grep -qE '^s[123] '; then
  echo "the store cluster (s1-s3) is running for someone else:" >&2; "$CASSANDRA" status >&2
  echo "run this when it is stopped (under flock /work/heavy.lock on a shared machine)" >&2; exit 2
fi
for a in "${APIS[@]}" 127.0.0.2:$TARGET_PORT; do
  if (exec 3<>"/dev/tcp/${a%:*}/${a#*:}") 2>/dev/null; then echo "$a is in use" >&2; exit 2; fi
done
command -v nginx >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; }

bench_prepare scale
D=$BENCH_DIR
START=$(date -u '+%Y-%m-%d %H:%M UTC')
MACHINE=$(bench_machine)
mkdir -p "$D/jmx"
javac -d "$D/jmx" "$BENCH_ROOT/bench/silo-bench/CassandraCounts.java"
# the API's bootstrap admin key, for the decisions: random, in this environment only
CONTROLPLANE_BOOTSTRAP_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '=+/\n')
export CONTROLPLANE_BOOTSTRAP_KEY

NGINX_PID=""; STORE_STARTED=0
scale_cleanup() {
  bench_cleanup
  [[ -n "$NGINX_PID" ]] && { kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; }
  [[ $STORE_STARTED == 1 ]] && { "$CASSANDRA" stop store-cluster >/dev/null || true; }
  return 0
}
trap scale_cleanup EXIT

mkdir -p "$D/nginx"
{
  echo "worker_processes 2; pid $D/nginx/nginx.pid; error_log $D/nginx/error.log warn;"
  echo "events { worker_connections 8192; }"
  echo "http { access_log off; server {"
  for t in ${TARGETS//,/ }; do echo "  listen $t backlog=4096;"; done
  echo '  location = /health { default_type text/plain; return 200 "ok\n"; } } }'
} >"$D/nginx/nginx.conf"
nginx -c "$D/nginx/nginx.conf" -p "$D/nginx" -g 'daemon off;' &
NGINX_PID=$!
for t in ${TARGETS//,/ }; do
  for _ in $(seq 1 50); do curl -sf "http://$t/health" >/dev/null 2>&1 && break; sleep 0.2; done
  curl -sf "http://$t/health" >/dev/null || { echo "nginx does not answer on $t" >&2; exit 2; }
done

# store_fresh: (re)starts s1-s3 with empty data; their PIDs in CPIDS
store_fresh() {
  STORE_STARTED=1
  "$CASSANDRA" start store-cluster >>"$D/cassandra-start.log" 2>&1 || { tail -30 "$D/cassandra-start.log" >&2; exit 2; }
  CPIDS=$(for n in s1 s2 s3; do cat "$BENCH_ROOT/var/cassandra/$n/cassandra.pid"; done | paste -sd,)
}

json_meta() { # FILE INTERVAL N READY_S WARNINGS KEYSPACE PROBLEM...
  python3 - "$@" <<'EOF'
import json, sys
f, iv, n, ready, warn, ks, *problems = sys.argv[1:]
json.dump({"interval_s": float(iv), "n": int(n), "ready_s": int(float(ready)), "warnings": int(warn), "keyspace": ks,
           "problems": problems}, open(f, "w"))
EOF
}

# run_level INTERVAL_S N: one level, results in $D/INTERVALs-N/; its directory in LEVEL_DIR
run_level() {
  local iv=$1 n=$2 dir="$D/${1}s-$2" ks="bench_scale_${1}s_${2}_$$" problems=() i pids=() addrs=() t0 ready_s warn
  LEVEL_DIR=$dir
  mkdir -p "$dir"
  store_fresh
  echo "== ${iv} s, $n endpoints x 3 regions (keyspace $ks; store cluster pids $CPIDS)"
  $PY cluster-def --out "$dir/cluster.yaml" --regions "$(IFS=,; echo "${R[*]}")" --endpoints "$n" --per-service 50 \
    --interval "${iv}s" --targets "$TARGETS" --zone "$dir/zones/bench.test.zone"
  t0=$(date +%s.%N)
  for i in 0 1 2; do
    $PY silo-conf --out "$dir/silo-${R[$i]}.yaml" --id "silo-${R[$i]}" --region "${R[$i]}" --dc "${DC[$i]}" --api "${APIS[$i]}" \
      --cassandra "$CONTACTS" --keyspace "$ks" --definition "$dir/cluster.yaml" --cluster-id "bench-scale-$iv-$n" \
      --port "${PORTS[$i]}" --log "$dir/silo-${R[$i]}.log"
    bench_silo "$dir/silo-${R[$i]}.yaml"; pids+=("$LAST_PID")
  done
  local ok=1
  for i in 0 1 2; do
    bench_wait_healthz "${APIS[$i]}" 300 || { ok=0; problems+=("silo-${R[$i]} not ready in 300 s"); break; }
  done
  if [[ $ok == 1 ]]; then
    for i in 0 1 2; do
      $PY wait-grains --api "${APIS[$i]}" --kind probe --count "$n" --timeout "$GRAIN_TIMEOUT" 2>>"$dir/wait.log" \
        || { ok=0; problems+=("silo-${R[$i]}: $(tail -1 "$dir/wait.log")"); }
    done
  fi
  ready_s=$(python3 -c "import time; print(time.time() - $t0)")
  echo "   ready after ${ready_s%.*} s"
  if [[ $ok == 1 ]]; then
    $PY wait-decided --apis "$(IFS=,; echo "${APIS[*]}")" --count "$n" --timeout $(( 120 + 5 * iv )) 2>>"$dir/wait.log" \
      || problems+=("not every endpoint decided: $(tail -1 "$dir/wait.log")")
    echo "   first decisions made after $(python3 -c "import time; print(int(time.time() - $t0))") s"
    for i in 0 1 2; do addrs+=("$($PY address --api "${APIS[$i]}" --id "silo-${R[$i]}" || true)"); done
    sleep $(( iv > 5 ? iv : 5 ))
    $PY scale-window --apis "$(IFS=,; echo "${APIS[*]}")" --pids "$(IFS=,; echo "${pids[*]}")" --addresses "$(IFS=,; echo "${addrs[*]}")" \
      --cassandra-pids "$CPIDS" --keyspace "$ks" --classpath "$D/jmx" --seconds "$WINDOW" >"$dir/window.json" || problems+=("window not measured")
    for i in 0 1 2; do kill -0 "${pids[$i]}" 2>/dev/null || problems+=("silo-${R[$i]} exited during the window"); done
  fi
  $PY scale-decisions --api "${APIS[0]}" --since "$t0" --definition "$dir/cluster.yaml" >"$dir/decisions.json" || true
  warn=$(cat "$dir"/silo-*.log 2>/dev/null | grep -c 'behind schedule' || true)
  json_meta "$dir/meta.json" "$iv" "$n" "$ready_s" "${warn:-0}" "$ks" "${problems[@]}"
  for i in 0 1 2; do bench_kill "${pids[$i]}"; done
  ROWS+=("$($PY scale-row "$dir")")
  DETAILS+=("$($PY scale-detail "$dir")")
  echo "   ${ROWS[-1]}"
  echo "   ${DETAILS[-1]}"
  [[ $($PY scale-false "$dir") == 0 ]] || FALSE=1
}

ROWS=(); DETAILS=(); FALSE=0; TEN=(); ONE=()
for n in $LEVELS; do run_level 10 "$n"; TEN+=("$LEVEL_DIR"); done
LARGEST="none of ${ONE_SECOND_LEVELS// /, }"
for n in $ONE_SECOND_LEVELS; do
  run_level 1 "$n"; ONE+=("$LEVEL_DIR")
  if $PY scale-holds "$LEVEL_DIR" 2>/dev/null; then LARGEST="$n endpoints x 3 regions"; else break; fi
done
GROWTH=$( { [[ ${#TEN[@]} -gt 1 ]] && $PY scale-growth "${TEN[@]}"; [[ ${#ONE[@]} -gt 1 ]] && $PY scale-growth "${ONE[@]}"; } || true)

out="$D/result.md"
{
  echo "## Scale: 3 silos and 3 Cassandra datacenters on one machine, 10 s and 1 s intervals"
  echo
  echo "Command: \`scripts/bench-scale.sh\` (LEVELS \"$LEVELS\", ONE_SECOND_LEVELS \"$ONE_SECOND_LEVELS\", WINDOW $WINDOW). Three silos"
  echo "(eu-central/dc1, us-east/dc2, ap-south/dc3) on the store cluster (Cassandra 2.1.0, s1-s3 on 127.0.0.16-18, one"
  echo "node per datacenter, 320 MB heap each, keyspace replicated once per datacenter), each silo's local datacenter"
  echo "its own; N endpoints (50 per service, fall/rise 2, majority quorum) x 3 regions, HTTP checks with a fresh"
  echo "connection each against one nginx on 127.0.0.2-5, all healthy. Each level: the store cluster restarted empty, fresh silos on a new keyspace, wait"
  echo "until each silo reports its region's N probe grains active (*ready*), then until every endpoint had its first"
  echo "decision, one more interval (at least 5 s), then $WINDOW s measured. CPU = utime+stime over the window (1.0 = one"
  echo "core), RSS = peak VmRSS; per endpoint-region = the three silos' sum / (3 N); lag from the"
  echo "\`controlplane_probe_lag_seconds\` buckets of the window (interpolated). Cassandra statements/s: read, range"
  echo "and write (a batch counted once) are the nodes' coordinator request counters (ClientRequest) summed over the"
  echo "3 nodes, read over JMX with \`bench/silo-bench/CassandraCounts.java\`; Cassandra 2.1.0 does not count"
  echo "lightweight transactions, so *LWT* (committed Paxos rounds) and *rounds without proposal* (a failed"
  echo "condition, a SERIAL read) are derived from the replica reads and writes of \`system.paxos\` (2 reads and 3"
  echo "writes per replica for a committed round, 1 and 1 otherwise; \`cassandra_rates\` in \`cpbench.py\`)."
  echo "Scrape = one \`/metrics\` per silo at the end of the window."
  echo "*Machine busy* = all CPU time but idle and iowait over the window, from /proc/stat (the silos, Cassandra,"
  echo "nginx and anything else; the details name the other processes). *False decisions*: health changes to unhealthy"
  echo "from the silos' start to the end of the window (every target stays up), and how many fell in the window; *other*:"
  echo "every decision besides the first Unknown->Healthy per endpoint and the false ones (recoveries, quorumLost/Restored)."
  echo
  echo "### Results, $START (commit $BENCH_COMMIT)"
  echo
  echo "Machine: $MACHINE."
  echo
  echo "| interval | endpoints x regions | ready (s) | checks/s (done / scheduled) | lag p50 / p99 | CPU cores per silo | RSS MB per silo | per endpoint-region: silo CPU, RSS | Cassandra CPU cores / RSS (3 nodes) | Cassandra statements/s by kind | scrape per silo | machine busy (cores) | false decisions |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "Largest count that holds at 1 s (in the window: lag p99 < 1 s, checks on schedule, no false decision): **$LARGEST**."
  echo
  [[ -n "$GROWTH" ]] && { echo "How cost grows:"; echo "$GROWTH"; echo; }
  echo "Per level (replica operations per table summed over the three nodes: a write reaches all three replicas):"
  printf '%s\n' "${DETAILS[@]}"
  echo
  if [[ $FALSE == 0 ]]; then echo "Correctness: no false decision."; else echo "Correctness: **FAILED**, false decisions from the silos' start (see the table and the details)."; fi
} >"$out"
cat "$out"
bench_append "$out"
exit $FALSE
