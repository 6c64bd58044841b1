#!/usr/bin/env bash
# `make run [ARGS="..."]`: the whole VirtRigaud system on this machine, in one command.
#
#   hack/run.sh [API server flags]   build, then run the API server (standalone, embedded SQLite store) and the
#                                    controller manager as two supervised child processes, create the Local mock
#                                    Provider default/mock unless it exists, print how to use kubectl, and wait.
#                                    Ctrl+C (or SIGTERM) stops the manager (which stops its provider processes), then
#                                    the API server, each in order. If either process dies, the other is stopped
#                                    and the script exits non-zero saying which one died.
#   hack/run.sh apiserver [flags]    only the API server (exec), with the data directory below
#   hack/run.sh manager [flags]      only the controller manager (exec), against the API server's admin kubeconfig
#   hack/run.sh provider             only create the preconfigured Provider (and its credentials Secret) unless it
#                                    exists; the API server must be running
#
# The one-process-per-component split is the production shape (the API server and the manager are separate
# Deployments in a cluster); the manager reaches the API server through a kubeconfig exactly as it would there.
# Admission (defaulting and validation of every kind) is built into the API server, so no webhook server runs.
#
# Everything lives under the data directory, so a restart keeps every object, the certificates, the manager's
# provider CA and the mock hypervisor's VMs:
#   <data>/store.db, pki/, kubeconfig   the API server (see apiserver/README.md)
#   <data>/manager/                     the manager's Local-provider state: its CA, client/ (the client identity the
#                                       API server uses for console streams), providers/<ns>/<name>/ (each Local
#                                       provider's files; for the mock its state file, so its VMs survive restarts)
#
# Environment (all optional):
#   VIRTRIGAUD_DATA_DIR           .virtrigaud   the data directory (relative to the repository root, or absolute)
#   VIRTRIGAUD_PORT               8443          the API server's HTTPS port (read by the API server itself)
#   VIRTRIGAUD_METRICS_PORT       8080          the manager's /metrics on 127.0.0.1
#   VIRTRIGAUD_HEALTH_PORT        8081          the manager's /healthz and /readyz on 127.0.0.1
#   VIRTRIGAUD_MANAGER_ARGS                     extra manager flags, e.g. "--log-level=debug --workers=VirtualMachine=20"
#   VIRTRIGAUD_CONFIGURATION      Release       which build output runs
#   VIRTRIGAUD_BUILD              1             0 runs what is already built (the e2e tests build first)
#   VIRTRIGAUD_STARTUP_TIMEOUT    120           seconds each process may take to become ready
#   VIRTRIGAUD_STOP_TIMEOUT       60            seconds each process may take to stop before it is killed
#   DOTNET                        dotnet
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
DOTNET=${DOTNET:-dotnet}
CONFIGURATION=${VIRTRIGAUD_CONFIGURATION:-Release}
DATA_DIR=${VIRTRIGAUD_DATA_DIR:-.virtrigaud}
[[ $DATA_DIR = /* ]] || DATA_DIR=$ROOT/$DATA_DIR
METRICS_PORT=${VIRTRIGAUD_METRICS_PORT:-8080}
HEALTH_PORT=${VIRTRIGAUD_HEALTH_PORT:-8081}
STARTUP_TIMEOUT=${VIRTRIGAUD_STARTUP_TIMEOUT:-120}
STOP_TIMEOUT=${VIRTRIGAUD_STOP_TIMEOUT:-60}
BUILD=${VIRTRIGAUD_BUILD:-1}

APISERVER_DLL=$ROOT/apiserver/src/VirtRigaud.Apiserver/bin/$CONFIGURATION/net10.0/virtrigaud-apiserver.dll
MANAGER_DLL=$ROOT/controllers/src/VirtRigaud.Manager/bin/$CONFIGURATION/net10.0/virtrigaud-manager.dll
# The manager starts a Local provider by its type from these directories (mock → virtrigaud-provider-mock, libvirt →
# virtrigaud-provider-libvirt), so a Provider of type libvirt with runtime.mode Local works here too (see
# examples/provider-libvirt-local.yaml).
PROVIDER_BINARY_DIR=$ROOT/providers/mock/src/VirtRigaud.Provider.Mock/bin/$CONFIGURATION/net10.0:$ROOT/providers/libvirt/src/VirtRigaud.Provider.Libvirt/bin/$CONFIGURATION/net10.0

# The preconfigured Provider: a Local mock provider the manager runs as its child process.
PROVIDER_NAMESPACE=default
PROVIDER_NAME=mock
PROVIDER_SECRET=mock-credentials
# Each mock operation takes this long as a provider task, so `kubectl get vm -w` shows Provisioning before Running.
MOCK_TASK_DURATION=2s
# The template catalogue of the mock hypervisor; examples/quickstart.yaml's VMImage names one of them.
MOCK_TEMPLATES=ubuntu-22.04

say() { printf 'run: %s\n' "$*"; }
fail() { printf 'run: %s\n' "$*" >&2; exit 1; }

build() {
  [ "$BUILD" = 1 ] || return 0
  say "building $1 ($CONFIGURATION)"
  local log
  if ! log=$("$DOTNET" build "$1" -c "$CONFIGURATION" -v q -nologo -clp:NoSummary 2>&1); then
    printf '%s\n' "$log" | grep -E ' error |rror\(s\)' | sort -u >&2 || printf '%s\n' "$log" >&2
    fail "building $1 failed"
  fi
}

require() {
  [ -f "$1" ] || fail "$1 is missing: build it (make build, or run without VIRTRIGAUD_BUILD=0)"
}

# The admin client certificate and the CA the API server generated, for curl.
api_tls=(--cacert "$DATA_DIR/pki/ca.crt" --cert "$DATA_DIR/pki/admin.crt" --key "$DATA_DIR/pki/admin.key")

# The API server's URL as its kubeconfig says (it is rewritten at every start, with the bind address and port).
api_url() {
  sed -n 's/^ *server: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$DATA_DIR/kubeconfig" 2>/dev/null | head -n 1
}

# api METHOD PATH [JSON]: prints the HTTP status (curl prints 000 when the server did not answer); the body is left in the file
# $api_out (created by the caller: api runs in a command substitution's subshell).
api_out=
api() {
  local body=()
  [ $# -lt 3 ] || body=(--data-binary "$3")
  curl -sS -o "$api_out" -w '%{http_code}' --max-time 30 "${api_tls[@]}" -X "$1" \
    -H 'Content-Type: application/json' -H 'Accept: application/json' "${body[@]}" "$(api_url)$2" || true
}

api_answer() {
  head -c 2000 "$api_out" 2>/dev/null || true
}

# The API server dials providers itself for console streams, with the client identity the manager issues from its
# Local-provider CA into <data>/manager/client at its first start. The API server starts before the manager (which
# needs its kubeconfig), so on the very first run the directory is still empty: the API server loads it when the
# first console needs it.
apiserver_args=("--data-dir=$DATA_DIR" "--provider-client-tls-dir=$DATA_DIR/manager/client")

manager_args() {
  # shellcheck disable=SC2206  # VIRTRIGAUD_MANAGER_ARGS is a list of flags, split on spaces on purpose.
  local extra=(${VIRTRIGAUD_MANAGER_ARGS:-})
  margs=(
    "--kubeconfig=$DATA_DIR/kubeconfig"
    "--provider-binary-dir=$PROVIDER_BINARY_DIR"
    "--local-provider-state-dir=$DATA_DIR/manager"
    "--metrics-bind-address=127.0.0.1:$METRICS_PORT"
    "--health-probe-bind-address=127.0.0.1:$HEALTH_PORT"
    "${extra[@]}"
  )
}

# Creates the Provider default/mock and its (empty: the mock needs no credentials) Secret unless the Provider exists.
# A Provider the user changed or deleted and re-created is left alone; one the user deleted comes back at the next start.
ensure_provider() {
  api_out=$(mktemp)
  create_provider
  rm -f "$api_out"
}

create_provider() {
  local path=/apis/infra.virtrigaud.io/v1beta1/namespaces/$PROVIDER_NAMESPACE/providers/$PROVIDER_NAME status
  status=$(api GET "$path")
  case $status in
    200) say "Provider $PROVIDER_NAMESPACE/$PROVIDER_NAME exists; left as it is"; return 0 ;;
    404) ;;
    *) fail "reading Provider $PROVIDER_NAMESPACE/$PROVIDER_NAME: HTTP $status $(api_answer)" ;;
  esac
  status=$(api POST "/api/v1/namespaces/$PROVIDER_NAMESPACE/secrets" "$(cat <<EOF
{"apiVersion":"v1","kind":"Secret","metadata":{"name":"$PROVIDER_SECRET","namespace":"$PROVIDER_NAMESPACE",
 "labels":{"app.kubernetes.io/managed-by":"virtrigaud-run"}},"type":"Opaque"}
EOF
)")
  case $status in
    201 | 409) ;;
    *) fail "creating Secret $PROVIDER_NAMESPACE/$PROVIDER_SECRET: HTTP $status $(api_answer)" ;;
  esac
  status=$(api POST "/apis/infra.virtrigaud.io/v1beta1/namespaces/$PROVIDER_NAMESPACE/providers" "$(cat <<EOF
{"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"Provider",
 "metadata":{"name":"$PROVIDER_NAME","namespace":"$PROVIDER_NAMESPACE","labels":{"app.kubernetes.io/managed-by":"virtrigaud-run"}},
 "spec":{"type":"mock","endpoint":"https://mock.virtrigaud.invalid","credentialSecretRef":{"name":"$PROVIDER_SECRET"},
  "runtime":{"mode":"Local","logLevel":"warn",
   "service":{"tls":{"enabled":true}},
   "env":[{"name":"VIRTRIGAUD_MOCK_TEMPLATES","value":"$MOCK_TEMPLATES"},
          {"name":"VIRTRIGAUD_MOCK_TASK_DURATION","value":"$MOCK_TASK_DURATION"}]}}}
EOF
)")
  case $status in
    201) say "created Provider $PROVIDER_NAMESPACE/$PROVIDER_NAME (a Local mock provider; its state in $DATA_DIR/manager/providers/)" ;;
    409) say "Provider $PROVIDER_NAMESPACE/$PROVIDER_NAME exists; left as it is" ;;
    *) fail "creating Provider $PROVIDER_NAMESPACE/$PROVIDER_NAME: HTTP $status $(api_answer)" ;;
  esac
}

# wait_ready NAME PID CHECK...: runs CHECK until it succeeds; fails when the process exits or the time is up.
wait_ready() {
  local name=$1 pid=$2 deadline=$((SECONDS + STARTUP_TIMEOUT)) code
  shift 2
  until "$@"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      code=0
      wait "$pid" || code=$?
      fail "$name exited with code $code while starting (its output is above)"
    fi
    ((SECONDS < deadline)) || fail "$name was not ready within ${STARTUP_TIMEOUT}s (VIRTRIGAUD_STARTUP_TIMEOUT)"
    sleep 0.2
  done
}

# /readyz of the API server (anonymous may read it) and of the manager.
apiserver_ready() {
  local url
  url=$(api_url)
  [ -n "$url" ] && [ -f "$DATA_DIR/pki/ca.crt" ] && curl -sf -o /dev/null --max-time 5 --cacert "$DATA_DIR/pki/ca.crt" "$url/readyz" 2>/dev/null
}

manager_ready() {
  curl -sf -o /dev/null --max-time 5 "http://127.0.0.1:$HEALTH_PORT/readyz" 2>/dev/null
}

# stop NAME PID: SIGTERM, then SIGKILL after STOP_TIMEOUT; returns non-zero when it had to kill or the exit code was not 0.
stop() {
  local name=$1 pid=$2 deadline=$((SECONDS + STOP_TIMEOUT)) code=0
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name did not stop within ${STOP_TIMEOUT}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    return 1
  fi
  wait "$pid" 2>/dev/null || code=$?
  # 143 = ended by the SIGTERM itself, before its handler was installed (still starting).
  if [ "$code" -ne 0 ] && [ "$code" -ne 143 ]; then
    say "$name exited with code $code while stopping"
    return 1
  fi
  return 0
}

apiserver_pid= manager_pid=
stop_all() {
  local ok=0
  stop virtrigaud-manager "$manager_pid" || ok=1
  stop virtrigaud-apiserver "$apiserver_pid" || ok=1
  return $ok
}

on_signal() {
  trap '' INT TERM HUP
  echo
  say "$1: stopping the manager, then the API server"
  if stop_all; then
    say "stopped; data kept in $DATA_DIR"
    exit 0
  fi
  exit 1
}

# Lines of both processes, each prefixed with its name.
prefix() {
  exec sed -u "s/^/[$1] /"
}

run_all() {
  build hack/all-in-one.slnf
  require "$APISERVER_DLL"
  require "$MANAGER_DLL"
  mkdir -p "$DATA_DIR"
  trap 'on_signal interrupted' INT
  trap 'on_signal terminated' TERM
  trap 'on_signal hang-up' HUP

  # Background children of a non-interactive shell ignore SIGINT, so a Ctrl+C reaches only this script, which stops
  # the two processes in order: the manager first (it stops its provider processes and releases its lease while the
  # API server still answers), then the API server.
  "$DOTNET" "$APISERVER_DLL" "${apiserver_args[@]}" "$@" > >(prefix apiserver) 2>&1 &
  apiserver_pid=$!
  say "virtrigaud-apiserver started (pid $apiserver_pid)"
  wait_ready virtrigaud-apiserver "$apiserver_pid" apiserver_ready
  say "API server ready at $(api_url)"

  manager_args
  "$DOTNET" "$MANAGER_DLL" "${margs[@]}" > >(prefix manager) 2>&1 &
  manager_pid=$!
  say "virtrigaud-manager started (pid $manager_pid)"
  wait_ready virtrigaud-manager "$manager_pid" manager_ready
  say "manager ready"

  ensure_provider

  local kubeconfig=$DATA_DIR/kubeconfig
  [ "$DATA_DIR" != "$ROOT/.virtrigaud" ] || kubeconfig='$PWD/.virtrigaud/kubeconfig'
  cat <<EOF

  VirtRigaud is running.
    API server   $(api_url)   store, certificates, kubeconfig in $DATA_DIR
                 admission (defaults and validation) is built in: no webhook server is needed
    manager      metrics http://127.0.0.1:$METRICS_PORT/metrics   health http://127.0.0.1:$HEALTH_PORT/readyz
    provider     $PROVIDER_NAMESPACE/$PROVIDER_NAME: a Local mock provider run by the manager (template $MOCK_TEMPLATES)

  In another terminal:
    export KUBECONFIG=$kubeconfig
    kubectl get provider $PROVIDER_NAME
    kubectl apply -f examples/quickstart.yaml
    kubectl get vm -w

  Ctrl+C stops everything; \`make run\` again continues where it stopped.
EOF
  say "ready"

  # Supervise: the first of the two to exit ends the run.
  local exited= code=0 name other other_pid
  wait -n -p exited "$apiserver_pid" "$manager_pid" || code=$?
  trap '' INT TERM HUP
  if [ "$exited" = "$manager_pid" ]; then
    name=virtrigaud-manager other=virtrigaud-apiserver other_pid=$apiserver_pid manager_pid=
  else
    name=virtrigaud-apiserver other=virtrigaud-manager other_pid=$manager_pid apiserver_pid=
  fi
  say "$name exited unexpectedly with code $code (its output is above); stopping $other"
  stop "$other" "$other_pid" || true
  exit 1
}

case ${1:-} in
  apiserver)
    shift
    build apiserver/src/VirtRigaud.Apiserver
    require "$APISERVER_DLL"
    mkdir -p "$DATA_DIR"
    exec "$DOTNET" "$APISERVER_DLL" "${apiserver_args[@]}" "$@"
    ;;
  manager)
    shift
    build controllers/src/VirtRigaud.Manager
    build providers/mock/src/VirtRigaud.Provider.Mock
    build providers/libvirt/src/VirtRigaud.Provider.Libvirt
    require "$MANAGER_DLL"
    [ -f "$DATA_DIR/kubeconfig" ] || fail "$DATA_DIR/kubeconfig is missing: start the API server first (hack/run.sh apiserver)"
    manager_args
    exec "$DOTNET" "$MANAGER_DLL" "${margs[@]}" "$@"
    ;;
  provider)
    [ -f "$DATA_DIR/kubeconfig" ] || fail "$DATA_DIR/kubeconfig is missing: start the API server first (hack/run.sh apiserver)"
    ensure_provider
    ;;
  *)
    run_all "$@"
    ;;
esac
