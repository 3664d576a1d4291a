#!/usr/bin/env bash
# The production-like suite (tests/proxy/) runs the portal behind Debian's nginx, the reverse proxy docs/deployment.md
# configures. Installed from Debian's packages when missing; its own service is kept from starting (the suite runs its
# own nginx, on loopback ports, with the config under test).
set -euo pipefail
if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then
  echo "nginx: $(/usr/sbin/nginx -v 2>&1)"
  exit 0
fi
if [ "$(id -u)" = "0" ]; then
  echo "nginx: installing Debian's package…"
  blocker=/usr/sbin/policy-rc.d
  made_blocker=0
  if [ ! -e "$blocker" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$blocker" && chmod +x "$blocker" && made_blocker=1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null || status=$?
  [ "$made_blocker" = 1 ] && rm -f "$blocker"
  [ "${status:-0}" = 0 ] || exit "${status}"
  echo "nginx: $(/usr/sbin/nginx -v 2>&1)"
else
  echo "nginx is missing. Install it with: sudo apt-get install -y nginx" >&2
  exit 1
fi
