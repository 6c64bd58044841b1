#!/usr/bin/python3
"""gRPC interop server (grpc.testing.TestService) on Debian's python3-grpcio, the C-core peer of our C# client.

Implements the server features of grpc's doc/interop-test-descriptions.md: EmptyCall, UnaryCall, CacheableUnaryCall,
StreamingOutputCall, StreamingInputCall, FullDuplexCall, HalfDuplexCall, Echo Status, Echo Metadata and
ResponseParameters.interval_us. UnimplementedCall is left unimplemented on purpose. Compression flags are ignored.

Usage:
  server.py --port N [--host 127.0.0.1] [--cert FILE --key FILE [--client-ca FILE]] [--protos DIR]

--port 0 picks a free port. When the server listens it prints one line `listening HOST:PORT` on stdout. With --cert
and --key it serves TLS; with --client-ca it also requires client certificates signed by that CA. SIGTERM or SIGINT
stop it.
"""

import argparse
import signal
import sys
import threading
import time
from concurrent import futures

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
import interop_protos  # noqa: E402

ECHO_INITIAL_KEY = "x-grpc-test-echo-initial"
ECHO_TRAILING_KEY = "x-grpc-test-echo-trailing-bin"


def main():
    parser = argparse.ArgumentParser(description="gRPC interop server (python3-grpcio)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cert", help="server certificate chain (PEM); TLS when given")
    parser.add_argument("--key", help="server private key (PEM)")
    parser.add_argument("--client-ca", help="require client certificates signed by this CA (PEM)")
    parser.add_argument("--protos", help="proto root (default: providers/transport/protos)")
    args = parser.parse_args()
    if bool(args.cert) != bool(args.key):
        parser.error("--cert and --key go together")
    if args.client_ca and not args.cert:
        parser.error("--client-ca needs --cert and --key")

    empty_pb2, messages_pb2, test_pb2_grpc = interop_protos.load(args.protos)

    import grpc

    codes = {c.value[0]: c for c in grpc.StatusCode}

    def echo_metadata(context, extra_initial=()):
        """Echo Metadata: the initial key back as a response header, the trailing key back as a trailer."""
        received = context.invocation_metadata()
        initial = list(extra_initial) + [(k, v) for k, v in received if k == ECHO_INITIAL_KEY]
        trailing = [(k, v) for k, v in received if k == ECHO_TRAILING_KEY]
        if initial:
            context.send_initial_metadata(initial)
        if trailing:
            context.set_trailing_metadata(trailing)

    def echo_status(request, context):
        """Echo Status: ends the call with the status the request names."""
        if request.HasField("response_status") and request.response_status.code != 0:
            code = codes.get(request.response_status.code, grpc.StatusCode.UNKNOWN)
            context.abort(code, request.response_status.message)

    def check_response_type(request, context):
        if request.response_type != messages_pb2.COMPRESSABLE:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, f"unsupported response_type {request.response_type}")

    def payload(size):
        return messages_pb2.Payload(type=messages_pb2.COMPRESSABLE, body=b"\0" * size)

    def stream_responses(request, context):
        check_response_type(request, context)
        for params in request.response_parameters:
            if params.interval_us > 0:
                time.sleep(params.interval_us / 1e6)
            yield messages_pb2.StreamingOutputCallResponse(payload=payload(params.size))

    class TestService(test_pb2_grpc.TestServiceServicer):
        def EmptyCall(self, request, context):
            echo_metadata(context)
            return empty_pb2.Empty()

        def UnaryCall(self, request, context):
            echo_metadata(context)
            echo_status(request, context)
            check_response_type(request, context)
            return messages_pb2.SimpleResponse(payload=payload(request.response_size))

        def CacheableUnaryCall(self, request, context):
            # Proxies may cache the answer for a minute; the payload differs per call so that a cache hit is visible.
            echo_metadata(context, [("cache-control", "max-age=60")])
            now = str(time.time_ns()).encode("ascii")
            return messages_pb2.SimpleResponse(payload=messages_pb2.Payload(body=now))

        def StreamingOutputCall(self, request, context):
            echo_metadata(context)
            echo_status(request, context)
            yield from stream_responses(request, context)

        def StreamingInputCall(self, request_iterator, context):
            echo_metadata(context)
            total = sum(len(r.payload.body) for r in request_iterator)
            return messages_pb2.StreamingInputCallResponse(aggregated_payload_size=total)

        def FullDuplexCall(self, request_iterator, context):
            echo_metadata(context)
            for request in request_iterator:
                echo_status(request, context)
                yield from stream_responses(request, context)

        def HalfDuplexCall(self, request_iterator, context):
            echo_metadata(context)
            requests = list(request_iterator)
            for request in requests:
                echo_status(request, context)
                yield from stream_responses(request, context)

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    test_pb2_grpc.add_TestServiceServicer_to_server(TestService(), server)
    address = f"{args.host}:{args.port}"
    if args.cert:
        with open(args.cert, "rb") as f:
            cert = f.read()
        with open(args.key, "rb") as f:
            key = f.read()
        client_ca = None
        if args.client_ca:
            with open(args.client_ca, "rb") as f:
                client_ca = f.read()
        credentials = grpc.ssl_server_credentials(
            [(key, cert)], root_certificates=client_ca, require_client_auth=client_ca is not None)
        port = server.add_secure_port(address, credentials)
    else:
        port = server.add_insecure_port(address)
    if port == 0:
        sys.exit(f"cannot listen on {address}")

    stopped = threading.Event()

    def stop(_signum, _frame):
        stopped.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    server.start()
    print(f"listening {args.host}:{port}", flush=True)
    stopped.wait()
    server.stop(grace=None)


if __name__ == "__main__":
    main()
