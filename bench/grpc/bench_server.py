#!/usr/bin/python3
"""The python3-grpcio side of `make bench`: serves virtrigaud.bench.v1.Bench on a loopback port.

Usage: bench_server.py GENERATED_DIR [PORT]
GENERATED_DIR holds bench_pb2.py and bench_pb2_grpc.py (run.sh generates them with grpc_tools.protoc at run time).
PORT 0 (the default) lets the kernel choose; the server prints "PORT <n>" once it accepts calls, which is what run.sh
waits for. SIGTERM or SIGINT stops it.

grpc.aio (client and server alike) rather than the thread-pool server and blocking stubs: one python configuration for
every case. Measured on the bench machine, the thread-pool server is about 2.5x slower at streaming (each message is a
GIL hand-off between a worker thread and the C-core), equal at 16 outstanding unary calls and 15-20 % faster at one.
"""

import asyncio
import signal
import sys

sys.path.insert(0, sys.argv[1])

import grpc  # noqa: E402
import bench_pb2_grpc  # noqa: E402


class Bench(bench_pb2_grpc.BenchServicer):
    async def Unary(self, request, context):
        # The request is the response, as in the C# server: neither side pays for building a new message.
        return request

    async def Stream(self, request, context):
        # Runs until the client cancels; grpc.aio then cancels this task.
        while True:
            await context.write(request)


async def main():
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    server = grpc.aio.server()
    bench_pb2_grpc.add_BenchServicer_to_server(Bench(), server)
    bound = server.add_insecure_port(f"127.0.0.1:{port}")
    await server.start()
    print(f"PORT {bound}", flush=True)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await server.stop(0)


if __name__ == "__main__":
    asyncio.run(main())
