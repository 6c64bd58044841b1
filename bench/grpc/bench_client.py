#!/usr/bin/python3
"""The python3-grpcio load generator of `make bench`, the mirror of `VirtRigaud.Grpc.Bench client`.

Usage: bench_client.py GENERATED_DIR --target HOST:PORT --scenario unary|stream --payload BYTES --concurrency N
                       --warmup SECONDS --duration SECONDS [--server-pid PID --clock-ticks CLK_TCK]

Closed loop with a fixed number of outstanding calls: `concurrency` tasks on one channel (one HTTP/2 connection).
- unary: each task sends the payload, awaits the echo, and starts the next call at once; a completed call counts 1.
- stream: each task opens one server-streaming call and reads it; every message received counts 1.
Only completions inside the measured window (after the warm-up) count. Prints one JSON line with the keys of the C#
client's (LoadResult.ToJson): rate (per second), count and seconds of the window, the CPU seconds this process and
the server (from /proc/PID/stat, when --server-pid is given) spent in it, and the warm-up's length (no JIT to wait for
here, so always --warmup; jit_methods_in_window is null). Any failed call makes the run fail (exit 1):
a benchmark whose calls fail measures nothing.
"""

import argparse
import asyncio
import json
import sys
import time

sys.path.insert(0, sys.argv[1])

import grpc  # noqa: E402
import bench_pb2  # noqa: E402
import bench_pb2_grpc  # noqa: E402

# Per-call deadline for unary calls; the C# client uses the same so that both send grpc-timeout and arm a timer.
UNARY_DEADLINE_SECONDS = 30.0
# Added to warm-up and duration for the stream's deadline: the client, not the deadline, ends the stream.
STREAM_DEADLINE_MARGIN_SECONDS = 30.0
CONNECT_TIMEOUT_SECONDS = 10.0


def process_cpu_seconds(pid, clock_ticks):
    """User plus system time of every thread of process `pid`, from /proc/PID/stat fields 14 and 15."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / clock_ticks


class Counter:
    def __init__(self):
        self.value = 0


async def unary_worker(stub, payload, counter, stop):
    while not stop.is_set():
        await stub.Unary(payload, timeout=UNARY_DEADLINE_SECONDS)
        counter.value += 1


async def stream_worker(stub, payload, counter, stop, deadline):
    call = stub.Stream(payload, timeout=deadline)
    reader = asyncio.ensure_future(read_all(call, counter))
    stopped = asyncio.ensure_future(stop.wait())
    await asyncio.wait([reader, stopped], return_when=asyncio.FIRST_COMPLETED)
    call.cancel()
    stopped.cancel()
    if reader.done():
        reader.result()  # raises the read's error
        raise RuntimeError("the server ended the stream")
    try:
        await reader
    except asyncio.CancelledError:
        pass
    except grpc.aio.AioRpcError as e:
        if e.code() != grpc.StatusCode.CANCELLED:
            raise


async def read_all(call, counter):
    async for _ in call:
        counter.value += 1


async def run(args):
    payload = bench_pb2.Payload(body=b"\x5a" * args.payload)
    counter = Counter()
    stop = asyncio.Event()
    async with grpc.aio.insecure_channel(args.target) as channel:
        stub = bench_pb2_grpc.BenchStub(channel)
        await asyncio.wait_for(channel.channel_ready(), CONNECT_TIMEOUT_SECONDS)
        stream_deadline = args.warmup + args.duration + STREAM_DEADLINE_MARGIN_SECONDS
        if args.scenario == "unary":
            workers = [unary_worker(stub, payload, counter, stop) for _ in range(args.concurrency)]
        else:
            workers = [stream_worker(stub, payload, counter, stop, stream_deadline) for _ in range(args.concurrency)]
        tasks = [asyncio.create_task(w) for w in workers]

        def server_cpu():
            return process_cpu_seconds(args.server_pid, args.clock_ticks) if args.server_pid else None

        async def window():
            warmup_started = time.perf_counter()
            await asyncio.sleep(args.warmup)
            count_at_start, started = counter.value, time.perf_counter()
            client_cpu_at_start, server_cpu_at_start = time.process_time(), server_cpu()
            await asyncio.sleep(args.duration)
            count, seconds = counter.value - count_at_start, time.perf_counter() - started
            client_cpu, server_cpu_at_end = time.process_time() - client_cpu_at_start, server_cpu()
            return {"rate": count / seconds, "count": count, "seconds": seconds, "client_cpu_seconds": client_cpu,
                    "server_cpu_seconds": None if server_cpu_at_end is None else server_cpu_at_end - server_cpu_at_start,
                    "warmup_seconds": started - warmup_started, "jit_methods_in_window": None, "errors": 0}

        # A worker that fails ends the run at once instead of silently lowering the rate.
        window_task = asyncio.create_task(window())
        done, _ = await asyncio.wait([window_task, *tasks], return_when=asyncio.FIRST_COMPLETED)
        stop.set()
        if window_task not in done:
            window_task.cancel()
            for t in tasks:
                t.cancel()
            for t in done:
                t.result()  # raises the worker's error
            raise RuntimeError("a worker ended before the measurement did")
        # Unary workers finish the call in flight (as the C# ones do); stream workers cancel their call.
        await asyncio.gather(*tasks)
    return window_task.result()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("generated")
    parser.add_argument("--target", required=True)
    parser.add_argument("--scenario", choices=("unary", "stream"), required=True)
    parser.add_argument("--payload", type=int, required=True)
    parser.add_argument("--concurrency", type=int, required=True)
    parser.add_argument("--warmup", type=float, required=True)
    parser.add_argument("--duration", type=float, required=True)
    parser.add_argument("--server-pid", type=int, default=0)
    parser.add_argument("--clock-ticks", type=int, default=0)
    args = parser.parse_args()
    try:
        result = asyncio.run(run(args))
    except (grpc.RpcError, RuntimeError, asyncio.TimeoutError) as e:
        print(f"bench_client.py: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
