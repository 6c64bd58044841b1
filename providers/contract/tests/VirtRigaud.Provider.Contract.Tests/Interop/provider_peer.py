#!/usr/bin/python3
"""python3-grpcio (gRPC C-core) peer for the provider.v1 contract: proves that providers/proto/provider/v1/provider.proto
compiles with a real protoc and that a C-core client and server interoperate with our C# server and client.

Usage:
  provider_peer.py --protos DIR client --port N
      Calls Validate, Create, GetCapabilities, WatchTask (server streaming) and ConsoleStream (bidirectional) on
      127.0.0.1:N and prints one JSON object per call on stdout. Exit code 0 when every call succeeded.
  provider_peer.py --protos DIR server
      Serves an upstream-like provider on 127.0.0.1 (free port): Validate, Create, TaskStatus and Describe only, so
      WatchTask and ConsoleStream answer UNIMPLEMENTED as from an upstream Go provider. Prints `listening HOST:PORT`
      once it listens; stops on SIGTERM/SIGINT or when stdin closes.

The modules are generated into a temporary directory at start-up with the protoc that python3-grpc-tools bundles and
the directory is removed once they are imported.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
from concurrent import futures

sys.dont_write_bytecode = True


def load(proto_root):
    try:
        import grpc  # noqa: F401
        from grpc_tools import protoc
    except ImportError as e:
        sys.exit(f"python gRPC is missing ({e}): install Debian's python3-grpcio, python3-grpc-tools, python3-protobuf")
    out_dir = tempfile.mkdtemp(prefix="virtrigaud-provider-py-")
    try:
        args = ["protoc", f"-I{proto_root}", f"--python_out={out_dir}", f"--grpc_python_out={out_dir}", "provider/v1/provider.proto"]
        if protoc.main(args) != 0:
            sys.exit(f"protoc could not compile provider/v1/provider.proto under {proto_root}")
        sys.path.insert(0, out_dir)
        from provider.v1 import provider_pb2, provider_pb2_grpc  # noqa: E402  (only importable now)
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
    return provider_pb2, provider_pb2_grpc


def emit(**fields):
    print(json.dumps(fields, sort_keys=True), flush=True)


def run_client(pb, pb_grpc, port):
    import grpc
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = pb_grpc.ProviderStub(channel)
        r = stub.Validate(pb.ValidateRequest(), timeout=30)
        emit(rpc="Validate", ok=r.ok, message=r.message)

        r = stub.Create(pb.CreateRequest(name="py-vm", class_json='{"CPU":2,"MemoryMiB":2048}', tags=["t1"],
                                         user_data=b"#cloud-config\n"), timeout=30)
        emit(rpc="Create", id=r.id, task=r.task.id)

        r = stub.GetCapabilities(pb.GetCapabilitiesRequest(), timeout=30)
        emit(rpc="GetCapabilities", snapshots=r.supports_snapshots, disk_types=list(r.supported_disk_types))

        progress = list(stub.WatchTask(pb.WatchTaskRequest(task=pb.TaskRef(id="py-task")), timeout=30))
        emit(rpc="WatchTask", percentages=[p.percentage for p in progress], done=progress[-1].done)

        def inputs():
            yield pb.ConsoleInput(open=pb.ConsoleOpen(vm_id="py-vm", kind=pb.CONSOLE_KIND_SERIAL))
            yield pb.ConsoleInput(data=b"hello")

        outputs = list(stub.ConsoleStream(inputs(), timeout=30))
        emit(rpc="ConsoleStream", kinds=[o.WhichOneof("output") for o in outputs],
             data="".join(o.data.decode() for o in outputs if o.WhichOneof("output") == "data"),
             reason=pb.ConsoleCloseReason.Name(outputs[-1].closed.reason))


def run_server(pb, pb_grpc):
    import grpc

    class UpstreamLikeProvider(pb_grpc.ProviderServicer):
        def __init__(self):
            self.lock = threading.Lock()
            self.polls = 0

        def Validate(self, request, context):
            return pb.ValidateResponse(ok=True, message="python")

        def Create(self, request, context):
            cls = json.loads(request.class_json)
            return pb.CreateResponse(id=f"py-{request.name}-cpu{cls['CPU']}", task=pb.TaskRef(id="create-task"))

        def TaskStatus(self, request, context):
            with self.lock:
                self.polls += 1
                return pb.TaskStatusResponse(done=self.polls >= 2)

        def Describe(self, request, context):
            return pb.DescribeResponse(exists=False)

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    pb_grpc.add_ProviderServicer_to_server(UpstreamLikeProvider(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(f"listening 127.0.0.1:{port}", flush=True)
    # The parent test closes stdin (or kills the process) to stop the peer.
    sys.stdin.read()
    server.stop(grace=None)


def main():
    parser = argparse.ArgumentParser(description="provider.v1 python3-grpcio peer")
    parser.add_argument("--protos", required=True, help="proto root holding provider/v1/provider.proto")
    sub = parser.add_subparsers(dest="mode", required=True)
    client = sub.add_parser("client")
    client.add_argument("--port", type=int, required=True)
    sub.add_parser("server")
    args = parser.parse_args()

    pb, pb_grpc = load(os.path.abspath(args.protos))
    if args.mode == "client":
        run_client(pb, pb_grpc, args.port)
    else:
        run_server(pb, pb_grpc)


if __name__ == "__main__":
    main()
