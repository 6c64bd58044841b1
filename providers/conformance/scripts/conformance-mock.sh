#!/usr/bin/env bash
# `make conformance-mock`: builds virtrigaud-provider-mock and virtrigaud-provider-conformance, starts the mock on free
# loopback ports (plaintext h2c, state in memory, files in a temporary directory, 50 ms tasks so that TaskStatus and
# WatchTask see running tasks, one template to prepare), runs every conformance case against it, and stops it.
# Exit code: the tool's (0 every case passed or was honestly skipped, 1 a case failed, 2 nothing ran).
# Environment: CONFIGURATION (Debug), CASES (all), JUNIT (TestResults/conformance-mock.xml), DOTNET (dotnet).
set -euo pipefail
cd "$(dirname "$0")/../../.."
DOTNET="${DOTNET:-dotnet}"
CONFIGURATION="${CONFIGURATION:-Debug}"
CASES="${CASES:-all}"
JUNIT="${JUNIT:-TestResults/conformance-mock.xml}"
START_TIMEOUT_SECONDS=60

mock_project=providers/mock/src/VirtRigaud.Provider.Mock
tool_project=providers/conformance/src/VirtRigaud.Provider.Conformance.Cli
"$DOTNET" build "$mock_project" -c "$CONFIGURATION" --verbosity quiet -nologo -clp:NoSummary
"$DOTNET" build "$tool_project" -c "$CONFIGURATION" --verbosity quiet -nologo -clp:NoSummary

work="$(mktemp -d -t virtrigaud-conformance-mock.XXXXXX)"
mock_pid=""
cleanup() {
  if [[ -n "$mock_pid" ]] && kill -0 "$mock_pid" 2>/dev/null; then
    kill -TERM "$mock_pid" 2>/dev/null || true
    wait "$mock_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/tls" "$work/credentials" "$work/transfers"

VIRTRIGAUD_PROVIDER_INSECURE=true PROVIDER_TYPE=mock LOG_FORMAT=text LOG_LEVEL=info \
  "$DOTNET" "$mock_project/bin/$CONFIGURATION/net10.0/virtrigaud-provider-mock.dll" \
  --port 0 --health-port 0 --bind-address 127.0.0.1 \
  --tls-dir "$work/tls" --credentials-dir "$work/credentials" \
  --data-dir "$work/data" --migration-storage-root "$work/migration" \
  --task-duration 50ms --guest-shutdown-duration 50ms --templates conformance-base \
  >"$work/mock.log" 2>&1 &
mock_pid=$!

# The SDK logs "serving gRPC on http://127.0.0.1:<port>" once both ports listen (port 0 = chosen by the kernel).
address=""
for _ in $(seq $((START_TIMEOUT_SECONDS * 10))); do
  address="$(grep -o 'serving gRPC on http://[0-9.]*:[0-9]*' "$work/mock.log" | head -n 1 | sed 's|.*http://||' || true)"
  [[ -n "$address" ]] && break
  if ! kill -0 "$mock_pid" 2>/dev/null; then
    echo "conformance-mock: the mock provider exited:" >&2
    cat "$work/mock.log" >&2
    exit 2
  fi
  sleep 0.1
done
if [[ -z "$address" ]]; then
  echo "conformance-mock: the mock provider did not listen within ${START_TIMEOUT_SECONDS}s:" >&2
  cat "$work/mock.log" >&2
  exit 2
fi

# Inputs valid for the mock: prepare the template it was started with; exported disks go to the temporary directory.
cat >"$work/inputs.json" <<JSON
{
  "imagePrepare": { "image": { "source": { "proxmox": { "templateName": "conformance-base" } } } },
  "diskTransfer": { "urlTemplate": "file://$work/transfers/{name}.{format}" }
}
JSON

mkdir -p "$(dirname "$JUNIT")"
status=0
"$DOTNET" "$tool_project/bin/$CONFIGURATION/net10.0/virtrigaud-provider-conformance.dll" \
  --address "$address" --insecure --inputs "$work/inputs.json" --cases "$CASES" --junit "$JUNIT" || status=$?
exit "$status"
