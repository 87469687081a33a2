#!/usr/bin/env bash
# promtool (from Debian's prometheus package) checks the /metrics exposition in tests.
# Service start-up is blocked during the install: we only want the tool, never a daemon
# listening on all addresses.
set -euo pipefail
if command -v promtool >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
policy=/usr/sbin/policy-rc.d
had_policy=0
if [ -e "$policy" ]; then had_policy=1; cp "$policy" "$policy.controlplane-backup"; fi
printf '#!/bin/sh\nexit 101\n' > "$policy"
chmod +x "$policy"
trap 'if [ "$had_policy" = 1 ]; then mv "$policy.controlplane-backup" "$policy"; else rm -f "$policy"; fi' EXIT
apt-get update -qq
apt-get install -y -qq --no-install-recommends prometheus >/dev/null
