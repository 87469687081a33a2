#!/usr/bin/env bash
# Debian's chromium, which the status page's browser tests drive through Playwright's
# ExecutablePath (Playwright's own browser downloads cannot be reached from here).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
