#!/usr/bin/env bash
# Installs every Debian and npm package Tuoyu needs, on Debian 12 as root. Idempotent: when
# nothing is missing it only compares lists and returns in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config ccache git curl ca-certificates
  libsoci-dev libboost-dev libsqlite3-dev libpq-dev sqlite3
  librestinio-dev libasio-dev libhttp-parser-dev libfmt-dev
  nlohmann-json3-dev libsodium-dev libxlsxwriter-dev zlib1g-dev libgtest-dev libgmock-dev libcurl4-openssl-dev
  libgeos-dev
  libhpdf-dev fonts-wqy-zenhei poppler-utils
  postgresql-15 postgresql-client-15
  nodejs npm chromium fonts-wqy-microhei nginx-light wrk openssl
)

missing=()
installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' 2>/dev/null | awk '$2 == "installed" {print $1}')
for package in "${packages[@]}"; do
  grep -qx "$package" <<<"$installed" || missing+=("$package")
done
# Node and npm may come from elsewhere than Debian (the machine image ships them): accept those.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The packaged nginx starts a server on port 80 at install; the project only uses its binary.
if systemctl is-active --quiet nginx 2>/dev/null; then systemctl stop nginx || true; fi

# npm packages, from each lock file; redone only when that lock file changed: the web UI's build
# tools and, in data/national, the national division codes that `tuoyu import regions` loads.
for dir in web data/national; do
  [ -f "$dir/package-lock.json" ] || continue
  stamp=$dir/node_modules/.tuoyu-lock.sha256
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "setup: installing npm packages for $dir/"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
done
echo "setup: all packages present"
