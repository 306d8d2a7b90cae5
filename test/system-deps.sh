#!/usr/bin/env bash
# Before `npm test`: the system programs some tests drive (Debian's chromium for the GraphiQL
# browser test, redis-server for the replica tests). Installs them where it can (root + apt),
# otherwise says exactly what is missing.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${need[*]} for the tests (apt-get)..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  exit 0
fi
echo "npm test needs: ${need[*]} (Debian: sudo apt-get install ${need[*]})" >&2
exit 1
