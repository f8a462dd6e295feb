#!/usr/bin/env bash
# nginx -t on docs/deploy/nginx.conf, with a throwaway certificate standing in for the real one.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v nginx >/dev/null || { echo "nginx is not installed (make setup installs nginx-light)"; exit 1; }
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=tuoyu.test \
  -keyout "$work/key.pem" -out "$work/cert.pem" >/dev/null 2>&1
mkdir -p "$work/logs"
sed -e "s#/etc/ssl/tuoyu/fullchain.pem#$work/cert.pem#" -e "s#/etc/ssl/tuoyu/privkey.pem#$work/key.pem#" \
    -e "s#/var/log/nginx/#$work/logs/#g" -e "s#/run/nginx.pid#$work/nginx.pid#" \
    "$here/docs/deploy/nginx.conf" > "$work/nginx.conf"
nginx -t -p "$work" -c "$work/nginx.conf"
