#!/usr/bin/env bash
# BIND 9 (named) and dnsutils (dig, nsupdate) for the RFC 2136 provider's integration tests.
# Idempotent: does nothing when both packages are installed already.
set -euo pipefail

missing=()
for pkg in bind9 dnsutils; do
  if ! dpkg -s "$pkg" >/dev/null 2>&1; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "bind9 and dnsutils already installed"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
# Other jobs on the machine may hold apt's locks for a while: wait for them instead of failing.
apt_opts=(-q -o DPkg::Lock::Timeout=300)
for attempt in 1 2 3 4 5; do
  if "${sudo_cmd[@]}" apt-get "${apt_opts[@]}" update; then
    break
  fi
  [ "$attempt" -eq 5 ] && exit 1
  echo "apt-get update failed (attempt $attempt), retrying in 15 s"
  sleep 15
done
"${sudo_cmd[@]}" apt-get "${apt_opts[@]}" install -y --no-install-recommends "${missing[@]}"

# The package starts named as a system service; the tests run their own instance on a
# loopback address instead, so the service is stopped when the package started it.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet named 2>/dev/null; then
  "${sudo_cmd[@]}" systemctl stop named || true
fi
