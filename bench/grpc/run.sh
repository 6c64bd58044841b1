#!/usr/bin/env bash
# The gRPC benchmark (issue 3, item 7), run by `make bench`: unary round-trips and server-streamed messages per second
# for C#→C#, python→python, C#→python and python→C#, measured in one run on this machine and reported as ratios
# against python→python (python3-grpcio, the C-core implementation).
#
# Builds bench/VirtRigaud.Grpc.Bench in Release, generates the python code of bench/protos/bench.proto into a
# temporary directory, starts one C# and one python server on kernel-chosen loopback ports, runs every client against
# them, prints a table and writes bench/results/grpc-<UTC date and time>.md. Every process it starts is stopped on
# exit, Ctrl+C or SIGTERM.
#
# On a shared machine run it while holding the build lock, so that no build competes for the cores:
#   flock /tmp/virtrigaud-build.lock bench/grpc/run.sh      (or: flock /tmp/virtrigaud-build.lock make bench)
#
# Knobs (environment):           default
#   WARMUP    seconds              1        calls before the measured window (connection, flow-control windows)
#   MAX_WARMUP seconds             15       a C# client stretches its warm-up up to this while its JIT is still busy
#   PRIME     seconds              3        unmeasured load per case on the C# server before round 1 (its JIT)
#   DURATION  seconds              5        the measured window
#   REPEATS                        3        rounds; the table shows the median
#   CONCURRENCY                    "1 16"   calls (or streams) in flight per client, one HTTP/2 connection
#   CASES                          "unary:100 unary:65536 stream:100"   scenario:payload bytes
#   PAIRS                          "cs-cs py-py cs-py py-cs"            client-server; py-py is the baseline
#   PYTHON                         /usr/bin/python3   (Debian's python3-grpcio; not a pyenv python)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/bench/grpc
PYTHON=${PYTHON:-/usr/bin/python3}
DOTNET=${DOTNET:-dotnet}
WARMUP=${WARMUP:-1}
MAX_WARMUP=${MAX_WARMUP:-15}
PRIME=${PRIME:-3}
DURATION=${DURATION:-5}
REPEATS=${REPEATS:-3}
CONCURRENCY=${CONCURRENCY:-1 16}
CASES=${CASES:-unary:100 unary:65536 stream:100}
PAIRS=${PAIRS:-cs-cs py-py cs-py py-cs}
BENCH_DLL=$ROOT/bench/VirtRigaud.Grpc.Bench/bin/Release/net10.0/VirtRigaud.Grpc.Bench.dll
CLIENT_TIMEOUT=$(awk -v w="$MAX_WARMUP" -v d="$DURATION" 'BEGIN { print w + d + 30 }')
CLK_TCK=$(getconf CLK_TCK)

say() { printf 'bench/grpc: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/virtrigaud-grpc-bench.XXXXXX")
server_pids=()
client_pid=

# Stops what this script started (by pid, nothing else): the client in flight, then the servers, which get 10 s to
# exit on SIGTERM before SIGKILL.
cleanup() {
  local pid
  if [ -n "$client_pid" ]; then
    kill -TERM "$client_pid" 2>/dev/null || true
    wait "$client_pid" 2>/dev/null || true
  fi
  for pid in "${server_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${server_pids[@]}"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- prerequisites and build --------------------------------------------------------------------------------------
"$PYTHON" -c 'import grpc, grpc_tools, google.protobuf' 2>/dev/null ||
  die "$PYTHON lacks grpcio/grpc_tools/protobuf: apt-get install -y --no-install-recommends python3-grpcio python3-grpc-tools python3-protobuf"

uses() { [[ " $PAIRS " == *" $1-"* || " $PAIRS " == *"-$1 "* ]]; }
if uses cs; then
  say "building bench/VirtRigaud.Grpc.Bench (Release)"
  "$DOTNET" build "$ROOT/bench/VirtRigaud.Grpc.Bench/VirtRigaud.Grpc.Bench.csproj" -c Release -v q -nologo >"$work/build.log" 2>&1 ||
    { grep -E ' error |rror\(s\)' "$work/build.log" | sort -u >&2; die "the Release build failed"; }
  [ -f "$BENCH_DLL" ] || die "$BENCH_DLL is missing after the build"
fi

gen=$work/gen
mkdir -p "$gen"
"$PYTHON" -m grpc_tools.protoc -I "$ROOT/bench/protos" --python_out="$gen" --grpc_python_out="$gen" \
  "$ROOT/bench/protos/bench.proto"

# --- servers ------------------------------------------------------------------------------------------------------
# start_server NAME COMMAND...: starts it in the background and waits for its "PORT n" line; sets SERVER_PID, SERVER_PORT.
start_server() {
  local name=$1
  shift
  "$@" >"$work/$name.out" 2>"$work/$name.err" &
  SERVER_PID=$!
  server_pids+=("$SERVER_PID")
  SERVER_PORT=
  for _ in $(seq 300); do
    SERVER_PORT=$(awk '/^PORT [0-9]+$/ { print $2; exit }' "$work/$name.out")
    [ -n "$SERVER_PORT" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$work/$name.err" >&2; die "the $name server exited during start-up"; }
    sleep 0.1
  done
  die "the $name server printed no port within 30 s"
}

cs_pid= cs_port= py_pid= py_port=
if uses cs; then
  start_server cs "$DOTNET" "$BENCH_DLL" server --port 0
  cs_pid=$SERVER_PID cs_port=$SERVER_PORT
  say "C# server: pid $cs_pid on 127.0.0.1:$cs_port"
fi
if uses py; then
  start_server py "$PYTHON" "$HERE/bench_server.py" "$gen" 0
  py_pid=$SERVER_PID py_port=$SERVER_PORT
  say "python server: pid $py_pid on 127.0.0.1:$py_port"
fi

# --- clients ------------------------------------------------------------------------------------------------------
# run_client PAIR SCENARIO PAYLOAD CONCURRENCY WARMUP DURATION: runs one client; sets STATUS (its exit code) and
# RESULT (its JSON line). In the background and waited for, so that Ctrl+C or SIGTERM reach the traps at once.
run_client() {
  local pair=$1 scenario=$2 payload=$3 concurrency=$4 warmup=$5 duration=$6 server_pid port
  local -a args client
  case $pair in
    *-cs) server_pid=$cs_pid port=$cs_port ;;
    *-py) server_pid=$py_pid port=$py_port ;;
    *) die "unknown pair $pair (expected cs-cs, py-py, cs-py or py-cs)" ;;
  esac
  kill -0 "$server_pid" 2>/dev/null || die "the server of $pair has exited: $(tail -n 5 "$work/${pair#*-}.err")"
  args=(--target "127.0.0.1:$port" --scenario "$scenario" --payload "$payload" --concurrency "$concurrency"
    --warmup "$warmup" --duration "$duration" --server-pid "$server_pid" --clock-ticks "$CLK_TCK")
  case $pair in
    cs-*) client=("$DOTNET" "$BENCH_DLL" client "${args[@]}" --max-warmup "$(awk -v w="$warmup" -v m="$MAX_WARMUP" 'BEGIN { print (w > m ? w : m) }')") ;;
    py-*) client=("$PYTHON" "$HERE/bench_client.py" "$gen" "${args[@]}") ;;
    *) die "unknown pair $pair (expected cs-cs, py-py, cs-py or py-cs)" ;;
  esac
  timeout -k 5 "$CLIENT_TIMEOUT" "${client[@]}" >"$work/client.out" 2>"$work/client.err" &
  client_pid=$!
  STATUS=0
  wait "$client_pid" || STATUS=$?
  client_pid=
  RESULT=$(tail -n 1 "$work/client.out")
}

read -r -a pairs <<<"$PAIRS"
loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date +%s)

# The C# server lives for the whole run, so its JIT is warmed once, here, by an unmeasured run of every case (python
# client: no JIT of its own to wait for). Its clients, new processes each, warm their own JIT (see LoadGenerator).
if [ -n "$cs_pid" ]; then
  prime_pair=py-cs
  uses py || prime_pair=cs-cs
  for case in $CASES; do
    for concurrency in $CONCURRENCY; do
      run_client "$prime_pair" "${case%%:*}" "${case##*:}" "$concurrency" 0 "$PRIME"
      [ "$STATUS" -eq 0 ] || { head -n 20 "$work/client.err" >&2; die "priming the C# server with $case x$concurrency failed (exit $STATUS)"; }
    done
  done
  say "C# server primed: ${PRIME} s of every case"
fi

# One JSON object per client run: where it ran, and the client's own JSON line (null when the run failed).
raw=$work/raw.jsonl
: >"$raw"
failures=0
for repeat in $(seq "$REPEATS"); do
  # Each round starts with another pair, so that no pair always runs right after the same neighbour.
  shift_by=$(((repeat - 1) % ${#pairs[@]}))
  ordered=("${pairs[@]:shift_by}" "${pairs[@]:0:shift_by}")
  for case in $CASES; do
    scenario=${case%%:*} payload=${case##*:}
    for concurrency in $CONCURRENCY; do
      for pair in "${ordered[@]}"; do
        run_client "$pair" "$scenario" "$payload" "$concurrency" "$WARMUP" "$DURATION"
        label="round $repeat/$REPEATS $scenario $payload B x$concurrency $pair"
        rate=$(sed -nE 's/^\{"rate": ([0-9.eE+-]+),.*\}$/\1/p' <<<"$RESULT")
        if [ "$STATUS" -eq 0 ] && [ -n "$rate" ]; then
          say "$label: $(printf '%.0f' "$rate")/s"
        else
          failures=$((failures + 1))
          RESULT=null
          say "$label: FAILED (exit $STATUS)"
          head -n 20 "$work/client.err" >&2
        fi
        printf '{"repeat": %s, "scenario": "%s", "payload": %s, "concurrency": %s, "pair": "%s", "result": %s}\n' \
          "$repeat" "$scenario" "$payload" "$concurrency" "$pair" "$RESULT" >>"$raw"
      done
    done
  done
done

# --- report -------------------------------------------------------------------------------------------------------
mkdir -p "$ROOT/bench/results"
out=$ROOT/bench/results/grpc-$(date -u +%Y-%m-%d-%H%M).md
"$PYTHON" "$HERE/report.py" "$raw" "$out" \
  "command=${BENCH_COMMAND:-bench/grpc/run.sh}" \
  "parameters=WARMUP=$WARMUP MAX_WARMUP=$MAX_WARMUP PRIME=$PRIME DURATION=$DURATION REPEATS=$REPEATS CONCURRENCY=\"$CONCURRENCY\" CASES=\"$CASES\" PAIRS=\"$PAIRS\"" \
  "commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (uncommitted changes)')" \
  "machine=$(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), Linux $(uname -r)" \
  "dotnet=$("$DOTNET" --version)" \
  "python=$("$PYTHON" -c 'import sys, grpc, google.protobuf; print(sys.version.split()[0], "grpcio", grpc.__version__, "protobuf", google.protobuf.__version__)')" \
  "load average=$loadavg_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end" \
  "wall time=$(($(date +%s) - started)) s of measuring"
say "wrote ${out#"$ROOT"/}"
[ "$failures" -eq 0 ] || die "$failures client run(s) failed; see above"
