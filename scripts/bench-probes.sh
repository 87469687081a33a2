#!/usr/bin/env bash
# Probe speed and memory, side by side in one run against the same local nginx (Debian's, started here
# on 127.0.0.1:NGINX_PORT with a 3-byte /health, stopped at the end), each with a new connection per check:
#  1. wrk -H 'Connection: close' (the machine's limit for fresh-connection HTTP requests);
#  2. Debian's prometheus-blackbox-exporter (http prober, status 200 + body regexp), driven at its maximum
#     rate by wrk (CONCURRENCY keep-alive requests in flight to /probe);
#  3. the probe engine alone: bench/ControlPlane.Probing.Bench, CONCURRENCY checks in flight through
#     ProbeEngine.RunAsync (status 200 + body "ok" asserted);
#  4. one whole silo (SQLite store, one region) probing SILO_ENDPOINTS endpoints at a 1 s interval;
#  5. the same silo with MEMORY_ENDPOINTS endpoints (each in turn, 10 s interval) for resident memory.
#
#   scripts/bench-probes.sh            RUN_SECONDS (20) CONCURRENCY (64) SILO_ENDPOINTS ("5000")
#                                      MEMORY_ENDPOINTS ("1000 10000 30000"); BENCH_NO_BUILD=1 reuses builds
#                                      PROFILE=1: CPU trace of each 1 s silo run (dotnet-trace, installed as a
#                                      dotnet tool), top-N reports in var/bench/probes/silo-N/trace-*.txt
#
# CPU per check = (utime + stime of the process doing the checks, from /proc/PID/stat) / checks, over the
# measured window (wrk: its own CPU per request). nginx's CPU is nobody's. Resident memory: VmRSS; per
# endpoint-region both RSS / N and the slope between sizes (what one more endpoint-region costs).
# Appends the table to docs/benchmarks.md with machine and date. Installs nginx, wrk and the blackbox
# exporter with apt when missing. Loopback only.
source "$(dirname "$0")/bench-lib.sh"
RUN=${RUN_SECONDS:-20}
CONC=${CONCURRENCY:-64}
SILO_NS=${SILO_ENDPOINTS:-"5000"}
MEM_NS=${MEMORY_ENDPOINTS:-"1000 10000 30000"}
NGINX_PORT=${NGINX_PORT:-18480}
BB_PORT=${BLACKBOX_PORT:-18481}
TARGET=127.0.0.1:$NGINX_PORT

need=()
command -v nginx >/dev/null || need+=(nginx-light)
command -v wrk >/dev/null || need+=(wrk)
command -v prometheus-blackbox-exporter >/dev/null || need+=(prometheus-blackbox-exporter)
if [[ ${#need[@]} -gt 0 ]]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

bench_prepare probes
D=$BENCH_DIR
ENGINE_OUT="$BENCH_ROOT/bench/ControlPlane.Probing.Bench/bin/Release/net10.0"
if [[ "${BENCH_NO_BUILD:-0}" != 1 ]]; then
  dotnet build "$BENCH_ROOT/bench/ControlPlane.Probing.Bench" -c Release -nologo -v q >"$D/build-engine.log" 2>&1 \
    || { tail -20 "$D/build-engine.log"; echo "engine bench build failed" >&2; exit 2; }
fi
cp -r "$ENGINE_OUT" "$D/engine-bin"

# nginx and the exporter are stopped with SIGTERM (nginx's master then stops its workers), then the silos
NGINX_PID=""; BB_PID=""
probes_cleanup() {
  [[ -n "$BB_PID" ]] && { kill "$BB_PID" 2>/dev/null || true; wait "$BB_PID" 2>/dev/null || true; }
  [[ -n "$NGINX_PID" ]] && { kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; }
  bench_cleanup
}
trap probes_cleanup EXIT

mkdir -p "$D/nginx"
cat >"$D/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $D/nginx/nginx.pid;
error_log $D/nginx/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  server {
    listen $TARGET backlog=4096;
    location = /health { default_type text/plain; return 200 "ok\n"; }
  }
}
CONF
nginx -c "$D/nginx/nginx.conf" -p "$D/nginx" -g 'daemon off;' &
NGINX_PID=$!
cat >"$D/blackbox.yml" <<CONF
modules:
  http_ok:
    prober: http
    timeout: 2s
    http: { valid_status_codes: [200], fail_if_body_not_matches_regexp: ["ok"], preferred_ip_protocol: ip4 }
CONF
prometheus-blackbox-exporter --config.file="$D/blackbox.yml" --web.listen-address="127.0.0.1:$BB_PORT" >"$D/blackbox.log" 2>&1 &
BB_PID=$!
PROBE_URL="http://127.0.0.1:$BB_PORT/probe?module=http_ok&target=http://$TARGET/health"
for i in $(seq 1 50); do
  curl -sf "http://$TARGET/health" >/dev/null 2>&1 && curl -sf "$PROBE_URL" 2>/dev/null | grep -q '^probe_success 1' && break
  sleep 0.2
done
curl -sf "$PROBE_URL" | grep -q '^probe_success 1' || { echo "nginx or blackbox exporter not answering" >&2; exit 2; }

START=$(date -u '+%Y-%m-%d %H:%M UTC')
MACHINE=$(bench_machine)
rows=()
notes=()

# row TOOL CHECKS_PER_S CPU_US RSS_PER_ER NOTE
row() { rows+=("| $1 | $2 | $3 | $4 | $5 |"); echo "row: $1 | $2 | $3 | $4 | $5"; }
wrk_rate() { sed -n 's/^Requests\/sec: *//p' "$1"; }

# 1. wrk, new connection per request
$PY child -- wrk -t2 -c"$CONC" -d"${RUN}s" -H 'Connection: close' "http://$TARGET/health" >"$D/wrk.txt" 2>"$D/wrk.cpu"
WRK_RATE=$(wrk_rate "$D/wrk.txt")
WRK_REQS=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$D/wrk.txt")
WRK_CPU=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['cpu_s'])" "$D/wrk.cpu")
grep -q 'Non-2xx\|Socket errors' "$D/wrk.txt" && notes+=("wrk: $(grep -h 'Non-2xx\|Socket errors' "$D/wrk.txt" | tr -s ' ')")
row "wrk -c$CONC, Connection: close" "$(printf '%.0f' "$WRK_RATE")" "$(python3 -c "print(f'{$WRK_CPU*1e6/$WRK_REQS:.0f}')")" "-" "wrk's own CPU per request"

# 2. blackbox exporter at its maximum rate
b0=$($PY proc --pid "$BB_PID")
wrk -t2 -c"$CONC" -d"${RUN}s" "$PROBE_URL" >"$D/blackbox-wrk.txt"
b1=$($PY proc --pid "$BB_PID")
curl -sf "$PROBE_URL" | grep -q '^probe_success 1' || notes+=("blackbox exporter: probe failing after the run")
BB_RATE=$(wrk_rate "$D/blackbox-wrk.txt")
BB_REQS=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$D/blackbox-wrk.txt")
grep -q 'Non-2xx\|Socket errors' "$D/blackbox-wrk.txt" && notes+=("blackbox: $(grep -h 'Non-2xx\|Socket errors' "$D/blackbox-wrk.txt" | tr -s ' ')")
BB_US=$(python3 -c "import json,sys; a,b=json.loads(sys.argv[1]),json.loads(sys.argv[2]); print(f\"{(b['cpu_s']-a['cpu_s'])*1e6/int(sys.argv[3]):.0f} {b['rss_mb']:.0f}\")" "$b0" "$b1" "$BB_REQS")
row "prometheus-blackbox-exporter $(prometheus-blackbox-exporter --version 2>&1 | sed -n 's/.*version \([0-9.]*\).*/\1/p' | head -1), $CONC in flight" \
  "$(printf '%.0f' "$BB_RATE")" "${BB_US% *}" "-" "RSS ${BB_US#* } MB; probes on demand, no schedule"

# 3. the probe engine alone
if [[ "${PROFILE:-0}" == 1 ]]; then
  "$HOME/.dotnet/tools/dotnet-trace" collect --profile dotnet-sampled-thread-time --format Speedscope -o "$D/engine.nettrace" -- \
    dotnet "$D/engine-bin/ControlPlane.Probing.Bench.dll" --target "$TARGET" --concurrency "$CONC" --seconds "$RUN" --warmup 3 --targets 1000 \
    >"$D/engine-trace.log" 2>&1 || true
fi
ENGINE=$(dotnet "$D/engine-bin/ControlPlane.Probing.Bench.dll" --target "$TARGET" --concurrency "$CONC" --seconds "$RUN" --warmup 3 --targets 1000) \
  || notes+=("engine: failed checks: $ENGINE")
echo "engine: $ENGINE"
ENGINE_RATE=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['checks_per_s'])" "$ENGINE")
row "probe engine alone (ProbeEngine.RunAsync), $CONC in flight" "$(printf '%.0f' "$ENGINE_RATE")" \
  "$(python3 -c "import json,sys; print(f\"{json.loads(sys.argv[1])['cpu_us_per_check']:.0f}\")" "$ENGINE")" "-" \
  "$(python3 -c "import json,sys; j=json.loads(sys.argv[1]); print(f\"{100*j['checks_per_s']/float(sys.argv[2]):.0f} % of wrk; RSS {j['rss_mb']:.0f} MB\")" "$ENGINE" "$WRK_RATE")"

# silo_run NAME N INTERVAL SECONDS -> sets RES (phase JSON)
port=22131
silo_run() {
  local name=$1 n=$2 interval=$3 secs=$4 dir="$D/$1" api="127.0.0.1:18531"
  mkdir -p "$dir"
  $PY cluster-def --out "$dir/cluster.yaml" --regions eu-central --endpoints "$n" --per-service 50 --interval "$interval" \
    --targets "$TARGET" --zone "$dir/zones/bench.test.zone"
  $PY silo-conf --out "$dir/silo.yaml" --id silo-eu-central --region eu-central --dc dc1 --api "$api" \
    --db "$dir/controlplane.db" --definition "$dir/cluster.yaml" --cluster-id "bench-$name" --port $(( port++ )) --log "$dir/silo.log"
  bench_silo "$dir/silo.yaml"; local pid=$LAST_PID
  bench_wait_healthz "$api" 300 || { notes+=("$name: silo never ready"); RES=""; bench_kill "$pid"; return; }
  $PY wait-grains --api "$api" --kind probe --count "$n" --timeout 300 || notes+=("$name: not every probe grain active")
  sleep "${interval%s}"; sleep "${interval%s}"   # two intervals: every probe has run and settled
  local tracing=""
  if [[ "${PROFILE:-0}" == 1 && "$interval" == 1s ]]; then
    "$HOME/.dotnet/tools/dotnet-trace" collect -p "$pid" --profile dotnet-sampled-thread-time --format Speedscope --duration "00:00:00:$(( secs < 60 ? secs : 59 ))" \
      -o "$dir/silo.nettrace" >"$dir/trace.log" 2>&1 &
    tracing=$!
  fi
  RES=$($PY phase --apis "$api" --pids "$pid" --seconds "$secs")
  if [[ -n "$tracing" ]]; then wait "$tracing" || true; fi
  echo "$name: $RES"
  warn=$(grep -c 'behind schedule' "$dir/silo.log" || true)
  bench_kill "$pid"
}

# 4. one silo at a 1 s interval
for n in $SILO_NS; do
  silo_run "silo-$n" "$n" 1s "$RUN"
  [[ -z "$RES" ]] && continue
  row "one silo, $n endpoint-regions at 1 s" \
    "$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['checks_per_s'])" "$RES")" \
    "$(python3 -c "import json,sys; r=json.loads(sys.argv[1]); print(f\"{r['cpu_cores'][0]*1e6/max(r['checks_per_s'],1):.0f}\")" "$RES")" \
    "$(python3 -c "import json,sys; r=json.loads(sys.argv[1]); print(f\"{r['rss_mb'][0]*1024/int(sys.argv[2]):.1f} KB (RSS/N)\")" "$RES" "$n")" \
    "$(python3 -c "import json,sys; r=json.loads(sys.argv[1]); print(f\"CPU {r['cpu_cores'][0]} cores, RSS {r['rss_mb'][0]} MB, lag p50 {r['lag_p50']}, p99 {r['lag_p99']}; {sys.argv[2]} 'behind schedule' warnings\")" "$RES" "$warn")"
done

# 5. resident memory at several sizes (10 s interval, so the checks stay far below the CPU limit)
prev_n=""; prev_rss=""
for n in $MEM_NS; do
  silo_run "memory-$n" "$n" 10s 20
  [[ -z "$RES" ]] && continue
  rss=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['rss_mb'][0])" "$RES")
  slope="-"
  [[ -n "$prev_n" ]] && slope=$(python3 -c "print(f'{($rss-$prev_rss)*1024/($n-$prev_n):.1f} KB')")
  row "one silo, $n endpoint-regions at 10 s" \
    "$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['checks_per_s'])" "$RES")" \
    "$(python3 -c "import json,sys; r=json.loads(sys.argv[1]); print(f\"{r['cpu_cores'][0]*1e6/max(r['checks_per_s'],1):.0f}\")" "$RES")" \
    "$(python3 -c "print(f'{$rss*1024/$n:.1f} KB (RSS/N); slope from the previous size: $slope')")" \
    "$(python3 -c "import json,sys; r=json.loads(sys.argv[1]); print(f\"RSS {r['rss_mb'][0]} MB, lag p99 {r['lag_p99']}\")" "$RES")"
  prev_n=$n; prev_rss=$rss
done

out="$D/result.md"
{
  echo "## Probe speed and memory: wrk, blackbox_exporter, the probe engine, one silo"
  echo
  echo "Command: \`scripts/bench-probes.sh\` (about 6 minutes; RUN_SECONDS $RUN, CONCURRENCY $CONC, SILO_ENDPOINTS \"$SILO_NS\","
  echo "MEMORY_ENDPOINTS \"$MEM_NS\"). Everything probes the same Debian nginx on $TARGET (2 workers, \`/health\` answers"
  echo "\`ok\`), one after the other, with a new TCP connection per check; everything shares the two cores with nginx."
  echo "CPU per check = utime+stime of the probing process over the measured window / checks (wrk: its own CPU per"
  echo "request; nginx's CPU is counted for nobody). The silo runs use the SQLite store, one region, HTTP checks with"
  echo "status 200 and body \`ok\` asserted, jitter 0.1, fall/rise 2, and are measured after every probe grain is active"
  echo "and two intervals have passed. Memory per endpoint-region: peak VmRSS / N, and the slope between sizes."
  echo
  echo "### Results, $START (commit $BENCH_COMMIT)"
  echo
  echo "Machine: $MACHINE."
  echo
  echo "| what | checks/s | CPU us per check | resident memory per endpoint-region | notes |"
  echo "| --- | ---: | ---: | --- | --- |"
  printf '%s\n' "${rows[@]}"
  if [[ ${#notes[@]} -gt 0 ]]; then echo; echo "Problems:"; printf -- '- %s\n' "${notes[@]}"; fi
} >"$out"
cat "$out"
bench_append "$out"
