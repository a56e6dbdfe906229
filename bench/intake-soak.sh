#!/usr/bin/env bash
# The load of a national network on the HJ 212 gateway (issue 11, item 6): a real `vigil serve` (Release) on
# loopback, N concurrent station connections for S seconds — each sending hourly packets that ask for an answer and
# waiting for it, 10 % of them sending garbage, 1 % chance of hanging up after each answer — with answer latency
# p50/p99, answered readings/s and the server's RSS sampled every second. Loopback only; stops by itself.
# Usage: bench/intake-soak.sh [connections=2000] [seconds=600] [garbage-share=0.1] [disconnect-chance=0.01]
set -euo pipefail
cd "$(dirname "$0")/.."
connections=${1:-2000}
seconds=${2:-600}
garbage=${3:-0.1}
disconnect=${4:-0.01}
data=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$data"' EXIT
ulimit -n 65536

dotnet build -c Release src/Vigil -v q -nologo >/dev/null
dotnet build -c Release bench/Vigil.LoadTest -v q -nologo >/dev/null
export VIGIL_ADMIN_PASSWORD="soak-$RANDOM-$RANDOM" VIGIL_USER=admin
export VIGIL_PASSWORD="$VIGIL_ADMIN_PASSWORD"

Vigil__DataDirectory="$data" Vigil__Hj212__Port=19213 Vigil__Hj212__Address=127.0.0.1 Vigil__Hj212__MaxConnections=$((connections + 100)) \
  Vigil__Hj212__MaxConnectionsPerAddress=$((connections + 100)) Vigil__RateLimits__SignInPerMinute=100 Logging__LogLevel__Default=Warning \
  dotnet src/Vigil/bin/Release/net10.0/vigil.dll serve --urls http://127.0.0.1:19081 >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:19081/health >/dev/null && break; sleep 0.2; done

dotnet bench/Vigil.LoadTest/bin/Release/net10.0/Vigil.LoadTest.dll soak 19213 http://127.0.0.1:19081 "$connections" "$seconds" "$garbage" "$disconnect" "$server"
