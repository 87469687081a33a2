#!/usr/bin/env bash
# Size and time of a /metrics scrape at scale: three silos in three regions (SQLite store), ENDPOINTS
# (10000) endpoints on four demo targets, 10 s interval, so each silo holds one region's 10,000 probe
# grains and about a third of the endpoint and service grains. Once every silo reports its probe
# grains active, each silo is scraped SCRAPES (5) times with curl; reported per silo: bytes, series
# (sample lines), controlplane_* series, scrape time median and max.
#
#   scripts/bench-metrics.sh            BENCH_NO_BUILD=1 reuses the last Release build
#                                       SILOS=1: one silo and one region, holding every probe, endpoint and
#                                       service grain (an upper bound of one member's scrape, for a machine
#                                       too loaded to run three silos of 10,000 endpoints each)
source "$(dirname "$0")/bench-lib.sh"
N=${ENDPOINTS:-10000}
SCRAPES=${SCRAPES:-5}
bench_prepare metrics
D=$BENCH_DIR
TARGETS=127.0.0.2:18182,127.0.0.3:18182,127.0.0.4:18182,127.0.0.5:18182
for t in ${TARGETS//,/ }; do bench_target "$t"; done
START=$(date -u '+%Y-%m-%d %H:%M UTC')
MACHINE=$(bench_machine)
SILOS=${SILOS:-3}
R=(eu-central us-east ap-south) DC=(dc1 dc2 dc3)
R=("${R[@]:0:$SILOS}") DC=("${DC[@]:0:$SILOS}")
LAST=$(( SILOS - 1 ))
$PY cluster-def --out "$D/cluster.yaml" --regions "$(IFS=,; echo "${R[*]}")" --endpoints "$N" --per-service 50 --interval 10s \
  --targets "$TARGETS" --zone "$D/zones/bench.test.zone"
apis=()
for i in $(seq 0 $LAST); do
  id="silo-${R[$i]}"; apis+=("127.0.0.1:$(( 18511 + i ))")
  $PY silo-conf --out "$D/$id.yaml" --id "$id" --region "${R[$i]}" --dc "${DC[$i]}" --api "${apis[$i]}" \
    --db "$D/controlplane.db" --definition "$D/cluster.yaml" --cluster-id bench-metrics --port $(( 22131 + i )) --log "$D/$id.log"
  bench_silo "$D/$id.yaml"
done
for api in "${apis[@]}"; do bench_wait_healthz "$api" 300; done
# wait (at most 300 s) until every silo holds its region's N probe grains
for api in "${apis[@]}"; do
  for _ in $(seq 1 300); do
    n=$(curl -s "http://$api/metrics" 2>/dev/null | awk '/^controlplane_grains_active\{kind="probe"\}/{print $2}')
    [[ "${n:-0}" -ge "$N" ]] && break
    sleep 1
  done
  echo "$api: ${n:-0} probe grains"
done
sleep 15 # one and a half intervals: every probe has reported and every endpoint has decided
rows=()
for i in $(seq 0 $LAST); do
  api=${apis[$i]} times=()
  for _ in $(seq 1 "$SCRAPES"); do
    times+=("$(curl -s -o "$D/scrape-$i.txt" -w '%{time_total}' "http://$api/metrics")")
  done
  bytes=$(stat -c %s "$D/scrape-$i.txt")
  series=$(grep -vc '^#' "$D/scrape-$i.txt")
  cp_series=$(grep -c '^controlplane_' "$D/scrape-$i.txt")
  top=$(grep '^controlplane_' "$D/scrape-$i.txt" | sed 's/[{ ].*//' | sort | uniq -c | sort -rn | head -4 | awk '{printf "%s %s; ", $2, $1}')
  mm=$($PY median-max "$(IFS=,; echo "${times[*]}")"); mm="${mm% *} / ${mm#* }"
  rows+=("| silo-${R[$i]} | $(python3 -c "print(f'{$bytes/1e6:.2f}')") | $series | $cp_series | $mm | ${top%; } |")
done
out="$D/result.md"
{
  echo "## /metrics scrape at $N endpoints x $SILOS region(s)"
  echo
  echo "Command: \`SILOS=$SILOS scripts/bench-metrics.sh\` (about 5 minutes). $SILOS silo(s), one per region, SQLite store, $N endpoints"
  echo "(50 per service) at a 10 s interval on four demo targets; each silo scraped $SCRAPES times with curl once its"
  echo "probe grains were active. Times are curl's total (connect to last byte), median / max, in seconds."
  echo
  echo "### Results, $START (commit $BENCH_COMMIT)"
  echo
  echo "Machine: $MACHINE."
  echo
  echo "| silo | MB | series | controlplane_* series | scrape s (median / max) | largest controlplane_* families |"
  echo "| --- | ---: | ---: | ---: | ---: | --- |"
  printf '%s\n' "${rows[@]}"
} >"$out"
cat "$out"
bench_append "$out"
