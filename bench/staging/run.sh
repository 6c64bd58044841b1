#!/usr/bin/env bash
# The S3 staging benchmark, run by `make bench-staging` (and `make bench`): the libvirt provider's s3 relay — a host
# file streamed over ssh stdout into a multipart upload (export), an object streamed over ssh stdin into a host file
# (import) — against each leg alone in the same run (ssh only, S3 only), through the provider's own ssh command runner
# and the provider SDK's S3 staging client. Starts its own sshd (TestPeers/SshServer) and Ceph RADOS Gateway
# (TestPeers/CephObjectGateway) on loopback. About 1 minute. Writes bench/results/staging-<UTC date and time>.md.
#
# Knobs (environment): SIZE_MIB (256), REPEATS (3).
# On a shared machine hold the build lock so no build competes for the cores:
#   flock /tmp/virtrigaud-build.lock bench/staging/run.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DOTNET=${DOTNET:-dotnet}
OUT=$ROOT/bench/results/staging-$(date -u +%Y-%m-%d-%H%M).md

"$ROOT/hack/install-test-deps.sh"
"$DOTNET" build "$ROOT/bench/staging/VirtRigaud.Staging.Bench" -c Release -v q -nologo >/dev/null
exec "$DOTNET" "$ROOT/bench/staging/VirtRigaud.Staging.Bench/bin/Release/net10.0/VirtRigaud.Staging.Bench.dll" \
  --size-mib "${SIZE_MIB:-256}" --repeats "${REPEATS:-3}" --out "$OUT"
