#!/usr/bin/env bash
# Load measurement (not a test): what shard leases and membership heartbeats cost the Cassandra store.
# Starts the store cluster (s1/s2/s3 on 127.0.0.16-18, dc1-dc3), runs three silos' lease keepers and
# membership agents at their default settings for SECONDS, prints statements per second and latencies,
# then once more with twice the shards per kind. Endpoints do not enter these code paths at all (every
# grain maps onto the fixed shards); the endpoint count is only printed, as grains per shard.
#
#   scripts/cassandra/store-load.sh [SECONDS=60] [ENDPOINTS=10000]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
endpoints=${2:-10000}
script=scripts/cassandra/cassandra.sh

bash "$script" install
dotnet build -c Release -nologo -v q bench/ControlPlane.Storage.Cassandra.Bench >/dev/null
bash "$script" start store-cluster
trap 'bash "$script" stop store-cluster' EXIT

run() { dotnet bench/ControlPlane.Storage.Cassandra.Bench/bin/Release/net10.0/ControlPlane.Storage.Cassandra.Bench.dll "$@"; }
echo "== defaults: 16 shards per kind, lease TTL 6 s renewed every 2 s, heartbeat every 1 s"
run --seconds "$seconds" --endpoints "$endpoints" --shards-per-kind 16
echo "== 32 shards per kind"
run --seconds "$seconds" --endpoints "$endpoints" --shards-per-kind 32
