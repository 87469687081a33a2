#!/usr/bin/env bash
# bind9-utils (named-checkzone) and dnsutils (dig) check the zone files and DNS answers in tests.
set -euo pipefail
if command -v named-checkzone >/dev/null 2>&1 && command -v dig >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq bind9-utils dnsutils >/dev/null
