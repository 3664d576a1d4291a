#!/usr/bin/env bash
# The production-like suite (tests/proxy/) runs the portal behind both reverse proxies docs/deployment.md configures:
# Debian's nginx and Debian's Caddy (2.6), installed from Debian's packages when missing. Their own services are kept
# from starting while installing, and caddy.service (its own /etc/caddy/Caddyfile on port 80, its admin API on
# localhost:2019) is then disabled, so it never takes those ports either: the suite runs its own nginx and Caddy, on
# loopback ports, with the configs under test (Caddy without an admin API).
set -euo pipefail
missing=()
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -x /usr/bin/caddy ] || missing+=(caddy)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != "0" ]; then
    echo "Missing: ${missing[*]}. Install with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "installing Debian's ${missing[*]}…"
  blocker=/usr/sbin/policy-rc.d
  made_blocker=0
  if [ ! -e "$blocker" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$blocker" && chmod +x "$blocker" && made_blocker=1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || status=$?
  [ "$made_blocker" = 1 ] && rm -f "$blocker"
  [ "${status:-0}" = 0 ] || exit "${status}"
  # Not started at the next boot either (on a machine run by systemd; elsewhere only the link goes).
  if [[ " ${missing[*]} " == *" caddy "* ]] && command -v systemctl >/dev/null; then
    systemctl disable caddy.service >/dev/null 2>&1 || true
  fi
fi
echo "nginx: $(/usr/sbin/nginx -v 2>&1)"
echo "caddy: $(/usr/bin/caddy version)"
