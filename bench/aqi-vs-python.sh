#!/usr/bin/env bash
# `vigil aqi` against a plain Python csv read-and-sum of the same file, timed in the same run (issue 21), so the
# ratio holds on a busy machine. The year file is made by bench/aqi-year.py under bench/data/ (ignored by git).
# Usage: bench/aqi-vs-python.sh [stations=200] [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
stations=${1:-200}
runs=${2:-3}
file="bench/data/year-$stations.csv"
mkdir -p bench/data
[ -s "$file" ] || python3 bench/aqi-year.py "$stations" > "$file"
dotnet build -c Release src/Vigil -v q -nologo >/dev/null
vigil="src/Vigil/bin/Release/net10.0/vigil.dll"

# Median wall-clock seconds of a command over the runs (output discarded), and its median user+sys CPU seconds.
measure() {
  local walls=() cpus=() t
  for _ in $(seq 1 "$runs"); do
    /usr/bin/time -f "%e %U %S" -o bench/data/time.txt "$@" >/dev/null 2>&1
    t=$(tail -1 bench/data/time.txt)
    walls+=("$(echo "$t" | awk '{print $1}')")
    cpus+=("$(echo "$t" | awk '{printf "%.2f", $2 + $3}')")
  done
  echo "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p") $(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")"
}

rows=$(( $(wc -l < "$file") - 1 ))
echo "file: $file ($rows rows, $(du -m "$file" | cut -f1) MB); median of $runs runs; load: $(cut -d' ' -f1-3 /proc/loadavg)"
python=$(measure python3 bench/csv-sum.py "$file")
printf '%-44s %8s s wall %8s s cpu\n' "python3 csv read + sum one column" $python
report() {
  local name=$1; shift
  local m
  m=$(measure "$@")
  printf '%-44s %8s s wall %8s s cpu   %.2f x python   %s rows/s\n' "$name" $m \
    "$(echo "$m $python" | awk '{print $1 / $3}')" "$(echo "$m" | awk -v r="$rows" '{printf "%d", r / $1}')"
}
report "vigil aqi --hourly" dotnet "$vigil" aqi --hourly "$file"
report "vigil aqi --hourly --standard HJ633-2012" dotnet "$vigil" aqi --hourly "$file" --standard HJ633-2012
report "vigil aqi --hourly --standard HJ633-2026" dotnet "$vigil" aqi --hourly "$file" --standard HJ633-2026
report "vigil aqi --daily" dotnet "$vigil" aqi --daily "$file"
