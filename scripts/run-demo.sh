#!/usr/bin/env bash
# Runs one silo on the embedded SQLite store with the offline example configuration.
# Status page and API: http://127.0.0.1:8480/ ; zone file: var/demo/zones/example.test.zone
# Make a target fail: curl -X POST http://127.0.0.2:8081/_demo/down (and /_demo/up to heal it).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var/demo
# The bootstrap admin key named by silo-config/silo.yaml (api.bootstrapKeyFile): made once, kept private.
if [ ! -s var/demo/bootstrap.key ]; then
  (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '=+/\n' > var/demo/bootstrap.key)
fi
echo "API admin key (var/demo/bootstrap.key): export CONTROLPLANE_API_KEY=$(cat var/demo/bootstrap.key)"
dotnet build src/ControlPlane.Silo -c Release -nologo -v q
exec dotnet src/ControlPlane.Silo/bin/Release/net10.0/controlplane.dll run --config silo-config/silo.yaml "$@"
