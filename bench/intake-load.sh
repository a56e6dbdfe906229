#!/usr/bin/env bash
# End-to-end HJ 212 intake into SQLite: a real `vigil serve` with its gateway on loopback, N stations sending
# hourly packets at once over TCP, timed until every reading is stored. Only loopback traffic; bounded; stops itself.
# Usage: bench/intake-load.sh [stations=50] [packets-per-station=200]
set -euo pipefail
cd "$(dirname "$0")/.."
stations=${1:-50}
packets=${2:-200}
data=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$data"' EXIT

dotnet build -c Release src/Vigil -v q -nologo >/dev/null
dotnet build -c Release bench/Vigil.LoadTest -v q -nologo >/dev/null
vigil="dotnet src/Vigil/bin/Release/net10.0/vigil.dll"
# A throwaway administrator for this run only: the CLI and the load generator sign in like any user.
export VIGIL_ADMIN_PASSWORD="load-$RANDOM-$RANDOM" VIGIL_USER=admin
export VIGIL_PASSWORD="$VIGIL_ADMIN_PASSWORD"

Vigil__DataDirectory="$data" Vigil__Hj212__Port=19212 Vigil__Hj212__Address=127.0.0.1 Logging__LogLevel__Default=Warning \
  $vigil serve --urls http://127.0.0.1:19080 >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:19080/health >/dev/null && break; sleep 0.2; done

for i in $(seq 1 "$stations"); do
  $vigil stations add --data "$data" --code "$(printf 'LOAD%06d' "$i")" --name "load $i" --division 310104 \
    --password 123456 --lat 31.2 --lon 121.4 >/dev/null
done
sleep 6 # the gateway re-reads the station registry at most every 5 seconds

dotnet bench/Vigil.LoadTest/bin/Release/net10.0/Vigil.LoadTest.dll 19212 http://127.0.0.1:19080 "$stations" "$packets"
