#!/usr/bin/env bash
# The API server benchmark (issue 5, item 7), run by `make bench-apiserver` (and `make bench`): creates/s at 1, 8 and
# 64 clients, GET and LIST latency (p50/p99, JSON and Table, storage and watch-cache reads, a paged walk) with 10,000
# VirtualMachines stored, watch fan-out latency to 1,000 watchers on 10 HTTP/2 connections, and the server's resident
# memory — on the SQLite and the etcd store, each next to its baseline measured in the same run (the store called
# in-process through IStorage; one watcher alone).
#
# Builds virtrigaud-apiserver and bench/VirtRigaud.Apiserver.Bench in Release, starts its own etcd (Debian's etcd,
# hack/install-test-deps.sh installs it) and, per store, the server as a separate process on a free loopback port
# with a fresh data directory in a temporary folder (removed at the end). About 6-8 minutes on 2 cores.
# Writes bench/results/apiserver-<UTC date and time>.md and prints it.
#
# On a shared machine hold the build lock for the whole run, so no build competes for the cores:
#   flock /tmp/virtrigaud-build.lock bench/apiserver/run.sh
#
# Knobs (environment):  STORES ("sqlite,etcd"), VMS (10000), CREATE_SECONDS (4, the 1- and 8-client create phases),
# GETS (1000 per case), LISTS (5 sequential per case), WATCHERS (1000), WATCH_CONNECTIONS (10), WATCH_UPDATES (50),
# EXAMPLE (examples/vm-cloud-init-inline.yaml). A quick look: VMS=5000 CREATE_SECONDS=1 GETS=200 LISTS=2 WATCHERS=100 bench/apiserver/run.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DOTNET=${DOTNET:-dotnet}
OUT=$ROOT/bench/results/apiserver-$(date -u +%Y-%m-%d-%H%M).md

build() {
  local log
  if ! log=$("$DOTNET" build "$1" -c Release -v q -nologo 2>&1); then
    printf '%s\n' "$log" | grep -E ' error |rror\(s\)' | sort -u >&2
    echo "bench/apiserver: building $1 failed" >&2
    exit 1
  fi
}

"$ROOT/hack/install-test-deps.sh"
build "$ROOT/apiserver/src/VirtRigaud.Apiserver"
build "$ROOT/bench/VirtRigaud.Apiserver.Bench"
mkdir -p "$ROOT/bench/results"
exec "$DOTNET" "$ROOT/bench/VirtRigaud.Apiserver.Bench/bin/Release/net10.0/VirtRigaud.Apiserver.Bench.dll" \
  --server-dll "$ROOT/apiserver/src/VirtRigaud.Apiserver/bin/Release/net10.0/virtrigaud-apiserver.dll" \
  --example "$ROOT/${EXAMPLE:-examples/vm-cloud-init-inline.yaml}" \
  --stores "${STORES:-sqlite,etcd}" --vms "${VMS:-10000}" --create-seconds "${CREATE_SECONDS:-4}" \
  --gets "${GETS:-1000}" --lists "${LISTS:-5}" \
  --watchers "${WATCHERS:-1000}" --watch-connections "${WATCH_CONNECTIONS:-10}" --watch-updates "${WATCH_UPDATES:-50}" \
  --out "$OUT"
