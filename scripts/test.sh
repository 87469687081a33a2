#!/usr/bin/env bash
# Runs every test of ControlPlane. On a fresh Debian machine it first installs what the tests
# need (each scripts/prereqs.d/*.sh is idempotent), then builds and runs the whole solution.
# Test fixtures start their own servers (Cassandra, BIND, demo targets) and stop them again.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

for step in scripts/prereqs.d/*.sh; do
  [ -e "$step" ] || continue
  echo "== prerequisites: $step"
  bash "$step"
done

results="$root/var/test-results"
rm -rf "$results"
mkdir -p "$results"

echo "== dotnet build"
dotnet build ControlPlane.sln -c Release -nologo -v q

echo "== dotnet test"
status=0
dotnet test ControlPlane.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" 2>&1 | tee "$results/console.log" || status=$?

# One closing line for the whole suite, summed over the per-project summaries dotnet test prints.
python3 - "$results/console.log" <<'PY'
import re, sys
passed = failed = skipped = 0
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.search(r"Failed:\s*(\d+),\s*Passed:\s*(\d+),\s*Skipped:\s*(\d+),\s*Total:\s*(\d+)", line)
    if m:
        failed += int(m.group(1)); passed += int(m.group(2)); skipped += int(m.group(3))
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
