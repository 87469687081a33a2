#!/usr/bin/env bash
# Takeover after kill -9: three silos (eu-central, us-east, ap-south) on one SQLite file, one service
# `web` with two endpoints (both on one demo target, 127.0.0.2:18181) at a 1 s interval.
# Each trial: wait until all three are active and the service grain's host is stable, kill -9 that
# silo, time (a) until a surviving silo reports another host for the service grain and (b) until a
# survivor's membership view shows the killed silo dead; restart it with the same settings.
#
#   scripts/bench-takeover.sh [TRIALS=10]        BENCH_NO_BUILD=1 reuses the last Release build
#
# Correctness (exit 1 if any fails): every takeover < 10 s; no decision id twice and no transition
# of one endpoint recorded twice in /api/v1/decisions?limit=1000; no decision besides the first
# Unknown->Healthy of each endpoint (the target never fails, so any other one is false).
source "$(dirname "$0")/bench-lib.sh"
TRIALS=${1:-10}
bench_prepare takeover
D=$BENCH_DIR
REGIONS=(eu-central us-east ap-south); DCS=(dc1 dc2 dc3)
APIS=(127.0.0.1:18491 127.0.0.1:18492 127.0.0.1:18493); PORTS=(22111 22112 22113)
IDS=(silo-eu-central silo-us-east silo-ap-south)
$PY cluster-def --out "$D/cluster.yaml" --endpoints 2 --per-service 2 --service web --interval 1s \
  --targets 127.0.0.2:18181 --zone "$D/zones/bench.test.zone"
for i in 0 1 2; do
  $PY silo-conf --out "$D/${IDS[$i]}.yaml" --id "${IDS[$i]}" --region "${REGIONS[$i]}" --dc "${DCS[$i]}" \
    --api "${APIS[$i]}" --db "$D/controlplane.db" --definition "$D/cluster.yaml" --cluster-id bench-takeover \
    --port "${PORTS[$i]}" --log "$D/${IDS[$i]}.log"
done
bench_target 127.0.0.2:18181
declare -A PID
for i in 0 1 2; do bench_silo "$D/${IDS[$i]}.yaml"; PID[$i]=$LAST_PID; [[ $i == 0 ]] && bench_wait_healthz "${APIS[0]}"; done
ALL=$(IFS=,; echo "${APIS[*]}")
START=$(date -u '+%Y-%m-%d %H:%M UTC')
MACHINE=$(bench_machine)
fail=0
rows=(); takeovers=(); deads=()
for t in $(seq 1 "$TRIALS"); do
  host=$($PY wait-cluster --apis "$ALL" --count 3 --service web --stable 3 --timeout 180) \
    || { echo "trial $t: cluster not ready" >&2; fail=1; break; }
  k=-1; for i in 0 1 2; do [[ "${IDS[$i]}" == "$host" ]] && k=$i; done
  [[ $k -lt 0 ]] && { echo "trial $t: host '$host' is not a silo id" >&2; fail=1; break; }
  addr=$($PY address --api "${APIS[$(( (k + 1) % 3 ))]}" --id "$host")
  survivors=(); for i in 0 1 2; do [[ $i != "$k" ]] && survivors+=("${APIS[$i]}"); done
  t0=$(date +%s.%N)
  bench_kill "${PID[$k]}"
  res=$($PY takeover --apis "$(IFS=,; echo "${survivors[*]}")" --service web --killed "$host" --address "$addr" --t0 "$t0" --timeout 30)
  tk=$(python3 -c "import json,sys; v=json.loads(sys.argv[1])['takeover_s']; print('None' if v is None else f'{v:.2f}')" "$res")
  dd=$(python3 -c "import json,sys; v=json.loads(sys.argv[1])['dead_s']; print('None' if v is None else f'{v:.2f}')" "$res")
  nh=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['new_host'])" "$res")
  echo "trial $t: killed $host ($addr): takeover ${tk} s (now on $nh), declared dead after ${dd} s"
  rows+=("| $t | $host | $nh | $tk | $dd |")
  takeovers+=("$tk"); deads+=("$dd")
  if [[ "$tk" == None ]] || ! python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < 10 else 1)" "$tk"; then
    echo "FAIL trial $t: takeover not within 10 s" >&2; fail=1
  fi
  bench_silo "$D/$host.yaml"; PID[$k]=$LAST_PID
  bench_wait_healthz "${APIS[$k]}" 120 || { fail=1; break; }
done
$PY wait-cluster --apis "$ALL" --count 3 --timeout 60 || true
sleep 3
dec=$($PY decisions --api "${APIS[0]}" --limit 1000 --definition "$D/cluster.yaml")
echo "decisions: $dec"
problems=$(python3 -c "
import json,sys; d=json.loads(sys.argv[1]); p=d.get('problems',[])+(['same transition recorded twice: '+', '.join(d['sameTransitionTwice'][:5])] if d.get('sameTransitionTwice') else [])
print('; '.join(p))" "$dec")
ndec=$(python3 -c "import json,sys; d=json.loads(sys.argv[1]); print(d.get('decisions'), d.get('kinds'))" "$dec")
[[ -n "$problems" ]] && { echo "FAIL decisions: $problems" >&2; fail=1; }
read -r tmed tmax <<<"$($PY median-max "$(IFS=,; echo "${takeovers[*]}")")"
read -r dmed dmax <<<"$($PY median-max "$(IFS=,; echo "${deads[*]}")")"
# dead-silo rows pile up in the membership table over the trials; its size is worth seeing
members=$(sqlite3 "$D/controlplane.db" "SELECT count(*) FROM orleans_membership" 2>/dev/null || echo '?')
out="$D/result.md"
{
  echo "## Takeover after kill -9 (Orleans, SQLite membership, 3 silos)"
  echo
  echo "Command: \`scripts/bench-takeover.sh $TRIALS\` (about $(( TRIALS * 30 / 60 + 1 )) minutes). Three silos in three regions on one"
  echo "SQLite file, service \`web\` with two endpoints on one demo target, 1 s interval, fall/rise 2. Each trial"
  echo "kills (-9) the silo hosting the service grain; *takeover* is the time until a survivor's"
  echo "\`GET /api/v1/services/web\` names another silo (polled every 50 ms, both survivors), *dead* until a"
  echo "survivor's \`/api/v1/cluster\` shows the killed generation as dead. The killed silo is restarted with the"
  echo "same settings before the next trial. Membership tuning as in docs/membership.md."
  echo
  echo "### Results, $START (commit $BENCH_COMMIT)"
  echo
  echo "Machine: $MACHINE."
  echo
  echo "| over $TRIALS trials | median | max |"
  echo "| --- | ---: | ---: |"
  echo "| service grain active on a survivor (s) | $tmed | $tmax |"
  echo "| killed silo dead in a survivor's view (s) | $dmed | $dmax |"
  echo
  echo "| trial | killed | new host | takeover (s) | dead (s) |"
  echo "| --- | --- | --- | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Decisions afterwards (\`/api/v1/decisions?limit=1000\`): $ndec; membership rows: $members."
  if [[ $fail == 0 ]]; then
    echo "Correctness: every takeover under 10 s, no decision id twice, no transition recorded twice, no false decision."
  else
    echo "Correctness: **FAILED**: ${problems:-see the trials above (takeover >= 10 s or a trial that did not complete)}."
  fi
} >"$out"
cat "$out"
bench_append "$out"
exit $fail
