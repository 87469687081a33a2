# Shared by scripts/bench-*.sh (sourced, not run). Builds (or reuses) the silo, snapshots its
# binaries so a rebuild during the run cannot change them, starts demo targets and silos, records
# every PID it starts and kills exactly those on exit. Loopback addresses only.
set -euo pipefail

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PY="python3 $BENCH_ROOT/bench/silo-bench/cpbench.py"
BENCH_PIDS=()

bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  for pid in "${BENCH_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [[ -n "${BENCH_BIN:-}" && "${BENCH_BIN}" == "$BENCH_ROOT/var/bench/bin-"* ]] && rm -rf "$BENCH_BIN"
  return 0
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

# bench_prepare NAME: work folder var/bench/NAME (fresh), binaries in var/bench/bin-PID.
bench_prepare() {
  BENCH_DIR="$BENCH_ROOT/var/bench/$1"
  rm -rf "$BENCH_DIR"; mkdir -p "$BENCH_DIR"
  local out="$BENCH_ROOT/src/ControlPlane.Silo/bin/Release/net10.0"
  if [[ "${BENCH_NO_BUILD:-0}" != 1 ]]; then
    dotnet build "$BENCH_ROOT/src/ControlPlane.Silo" -c Release -nologo -v q >"$BENCH_DIR/build.log" 2>&1 \
      || { tail -20 "$BENCH_DIR/build.log"; echo "build failed" >&2; exit 2; }
  fi
  BENCH_BIN="$BENCH_ROOT/var/bench/bin-$$"
  rm -rf "$BENCH_BIN"; cp -r "$out" "$BENCH_BIN"
  CP="dotnet $BENCH_BIN/controlplane.dll"
  BENCH_COMMIT=$(git -C "$BENCH_ROOT" rev-parse --short HEAD)
  if ! git -C "$BENCH_ROOT" diff --quiet HEAD -- src; then BENCH_COMMIT="$BENCH_COMMIT+uncommitted src changes"; fi
}

# bench_target ADDR:PORT -> starts a demo target, waits for /health
bench_target() {
  $CP demo-target --listen "$1" >"$BENCH_DIR/target-${1//[:.]/_}.log" 2>&1 &
  BENCH_PIDS+=($!)
  local i
  for i in $(seq 1 100); do
    curl -sf "http://$1/health" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "demo target $1 did not start" >&2; exit 2
}

# bench_silo CONFIG -> starts a silo; its PID in LAST_PID
bench_silo() {
  $CP run --config "$1" >>"${1%.yaml}.out" 2>&1 &
  LAST_PID=$!
  BENCH_PIDS+=($LAST_PID)
}

# bench_kill PID: kill -9 one silo this script started, reap it, forget its PID
bench_kill() {
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  local keep=() p
  for p in "${BENCH_PIDS[@]}"; do [[ "$p" != "$1" ]] && keep+=("$p"); done
  BENCH_PIDS=("${keep[@]}")
}

# bench_wait_healthz API [SECONDS]
bench_wait_healthz() {
  local i n=$(( ${2:-120} * 5 ))
  for i in $(seq 1 $n); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://$1/healthz" 2>/dev/null) == 200 ]] && return 0
    sleep 0.2
  done
  echo "silo at $1 not ready" >&2; return 1
}

bench_machine() {
  echo "$(nproc) vCPU $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/{print $2}') GiB RAM, Linux $(uname -r), .NET SDK $(dotnet --version 2>/dev/null), load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# bench_append FILE: appends FILE to docs/benchmarks.md
bench_append() {
  [[ "${BENCH_NO_APPEND:-0}" == 1 ]] && return 0
  { echo; cat "$1"; } >>"$BENCH_ROOT/docs/benchmarks.md"
}
