#!/usr/bin/env bash
# The controller benchmark (issue 8, item 9), run by `make bench-controllers` (and `make bench`): 1,000 VirtualMachines
# on the mock provider from `kubectl apply` to all Ready (wall time, time of each VM), reconciles per second from the
# manager's metrics, and the CPU of the idle manager with 1,000 Ready VMs over 5 minutes as a ratio to the idle manager
# with none, measured in the same run.
#
# Builds the all-in-one (hack/all-in-one.slnf) and bench/controllers/VirtRigaud.Controllers.Bench in Release, starts
# the API server and the manager through hack/run.sh's split form on free loopback ports with a fresh data directory
# in a temporary folder (removed at the end), and creates a Local mock Provider. About 13 minutes (two 5-minute idle
# windows). Writes bench/results/controllers-<UTC date and time>.md and prints it.
#
# On a shared machine hold the build lock for the whole run, so no build competes for the cores:
#   flock /tmp/virtrigaud-build.lock bench/controllers/run.sh
#
# Knobs (environment): VMS (1000), IDLE_SECONDS (300), SETTLE_SECONDS (30), TASK_DURATION (0s: synchronous mock
# operations), MANAGER_ARGS (extra manager flags, e.g. "--workers=VirtualMachine=20").
# A quick look: VMS=100 IDLE_SECONDS=20 SETTLE_SECONDS=5 bench/controllers/run.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DOTNET=${DOTNET:-dotnet}
OUT=$ROOT/bench/results/controllers-$(date -u +%Y-%m-%d-%H%M).md

build() {
  local log
  if ! log=$("$DOTNET" build "$1" -c Release -v q -nologo 2>&1); then
    printf '%s\n' "$log" | grep -E ' error |rror\(s\)' | sort -u >&2
    echo "bench/controllers: building $1 failed" >&2
    exit 1
  fi
}

command -v kubectl >/dev/null || { echo "bench/controllers: kubectl is needed (the VMs are applied with it)" >&2; exit 1; }
build "$ROOT/hack/all-in-one.slnf"
build "$ROOT/bench/controllers/VirtRigaud.Controllers.Bench"
mkdir -p "$ROOT/bench/results"
exec "$DOTNET" "$ROOT/bench/controllers/VirtRigaud.Controllers.Bench/bin/Release/net10.0/VirtRigaud.Controllers.Bench.dll" \
  --root "$ROOT" --configuration Release \
  --vms "${VMS:-1000}" --idle-seconds "${IDLE_SECONDS:-300}" --settle-seconds "${SETTLE_SECONDS:-30}" \
  --task-duration "${TASK_DURATION:-0s}" --manager-args "${MANAGER_ARGS:-}" \
  --out "$OUT"
