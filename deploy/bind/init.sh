#!/bin/sh
# Runs once before BIND (service bind-init of docker-compose.yml): a TSIG key of its own for every
# deployment (never a key from the repository), and a writable copy of the zone for dynamic updates.
# Idempotent: an existing key and zone (volumes tsig-key, bind-zones) are kept.
set -eu
if [ ! -s /etc/bind/keys/controlplane.key ]; then
  tsig-keygen -a hmac-sha256 controlplane > /etc/bind/keys/controlplane.key
fi
# named (user bind) and the silos (user app) read it; the volume is mounted only in those containers.
chmod 0644 /etc/bind/keys/controlplane.key
if [ ! -s /var/lib/bind/example.test.zone ]; then
  cp /etc/bind/seed/example.test.zone /var/lib/bind/example.test.zone
fi
chown -R bind:bind /var/lib/bind
