#!/usr/bin/env bash
# Debian's docker-compose (1.29) validates docker-compose.yml in tests (`docker-compose config`).
# There is no Docker engine here and none is needed: `config` only parses and resolves the file.
# Idempotent: does nothing when the command exists.
set -euo pipefail
if command -v docker-compose >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
