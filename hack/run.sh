#!/usr/bin/env bash
# `make run [ARGS="..."]`: builds the API server (Release) and runs it from the repository root on the embedded SQLite
# store, keeping data, certificates and the admin kubeconfig under .virtrigaud/. Arguments are passed to the server
# (`make run ARGS="--etcd-servers=http://127.0.0.1:2379"`); VIRTRIGAUD_PORT sets the port (default 8443).
set -euo pipefail
cd "$(dirname "$0")/.."
DOTNET="${DOTNET:-dotnet}"
project=apiserver/src/VirtRigaud.Apiserver
"$DOTNET" build "$project" -c Release --verbosity quiet -nologo -clp:NoSummary
# exec: the server gets Ctrl+C and SIGTERM itself and shuts down in order (not ready, drain, close the store).
exec "$DOTNET" "$project/bin/Release/net10.0/virtrigaud-apiserver.dll" "$@"
