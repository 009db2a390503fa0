#!/usr/bin/env bash
# Installs Debian's Chromium for the end-to-end tests when it is missing. Never downloads a
# browser build of its own (no `playwright install`): the machines reach only package registries.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
echo "Installing Chromium from Debian's packages (apt-get)…"
export DEBIAN_FRONTEND=noninteractive
as_root apt-get update -qq
as_root apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
