#!/usr/bin/env bash
# The storage benchmark (issue 4, item 4), run by `make bench-storage` (and `make bench`): creates/s, updates/s, gets/s
# and watch event latency of the SQLite and etcd backends at 1, 8 and 64 concurrent writers, with raw etcd puts/s
# through our etcd client measured in the same rounds as the physical limit of the etcd backend. Starts its own etcd
# (Debian's etcd 3.4, hack/install-test-deps.sh installs it) on free loopback ports and a temporary data directory.
# Writes bench/results/storage-<UTC date and time>.md.
#
# Knobs (environment): DURATION (s per phase, 5), REPEATS (3), WRITERS ("1,8,64"), BACKENDS ("sqlite,etcd").
# On a shared machine hold the build lock so no build competes for the cores:
#   flock /tmp/virtrigaud-build.lock bench/storage/run.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DOTNET=${DOTNET:-dotnet}
OUT=$ROOT/bench/results/storage-$(date -u +%Y-%m-%d-%H%M).md

"$ROOT/hack/install-test-deps.sh"
"$DOTNET" build "$ROOT/bench/VirtRigaud.Storage.Bench" -c Release -v q -nologo >/dev/null
exec "$DOTNET" "$ROOT/bench/VirtRigaud.Storage.Bench/bin/Release/net10.0/VirtRigaud.Storage.Bench.dll" \
  --duration "${DURATION:-5}" --repeats "${REPEATS:-3}" --writers "${WRITERS:-1,8,64}" --backends "${BACKENDS:-sqlite,etcd}" --out "$OUT"
