#!/usr/bin/python3
"""gRPC interop client on Debian's python3-grpcio, the C-core peer of our C# server.

Runs the named cases of grpc's doc/interop-test-descriptions.md against any grpc.testing.TestService server and prints
one line per case, `PASS name (12 ms)` or `FAIL name: reason`; exits 1 when a case failed, 2 on bad arguments.

Usage:
  client.py --host H --port N [--tls --ca FILE [--cert FILE --key FILE] [--server-host-override NAME]]
            [--protos DIR] --cases a,b|all
"""

import argparse
import queue
import sys
import time

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
import interop_protos  # noqa: E402

CASES = (
    "empty_unary",
    "large_unary",
    "client_streaming",
    "server_streaming",
    "ping_pong",
    "empty_stream",
    "timeout_on_sleeping_server",
    "cancel_after_begin",
    "cancel_after_first_response",
    "status_code_and_message",
    "special_status_message",
    "custom_metadata",
    "unimplemented_method",
    "unimplemented_service",
)

# Every call carries a deadline so that a broken server fails a case instead of hanging it.
CALL_TIMEOUT_S = 30

ECHO_INITIAL = ("x-grpc-test-echo-initial", "test_initial_metadata_value")
ECHO_TRAILING = ("x-grpc-test-echo-trailing-bin", b"\xab\xab\xab")
SPECIAL_STATUS_MESSAGE = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n"


class CaseFailed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CaseFailed(message)


class RequestPipe:
    """A request iterator the case feeds one message at a time; close() half-closes the stream."""

    _END = object()

    def __init__(self):
        self._queue = queue.Queue()

    def add(self, request):
        self._queue.put(request)

    def close(self):
        self._queue.put(self._END)

    def __iter__(self):
        return self

    def __next__(self):
        item = self._queue.get()
        if item is self._END:
            raise StopIteration
        return item


def main():
    parser = argparse.ArgumentParser(description="gRPC interop client (python3-grpcio)")
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--tls", action="store_true")
    parser.add_argument("--ca", help="CA certificate (PEM) that signed the server certificate")
    parser.add_argument("--cert", help="client certificate chain (PEM), for servers that require one")
    parser.add_argument("--key", help="client private key (PEM)")
    parser.add_argument("--server-host-override", help="name to verify in the server certificate and send as :authority")
    parser.add_argument("--protos", help="proto root (default: providers/transport/protos)")
    parser.add_argument("--cases", required=True, help="comma-separated case names, or all")
    args = parser.parse_args()

    names = list(CASES) if args.cases == "all" else [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = [n for n in names if n not in CASES]
    if unknown or not names:
        parser.error(f"unknown case(s) {', '.join(unknown)}; known: {', '.join(CASES)}, all")
    if bool(args.cert) != bool(args.key):
        parser.error("--cert and --key go together")
    if (args.ca or args.cert or args.server_host_override) and not args.tls:
        parser.error("--ca, --cert, --key and --server-host-override need --tls")

    empty_pb2, messages_pb2, test_pb2_grpc = interop_protos.load(args.protos)

    import grpc

    target = f"{args.host}:{args.port}"
    # Loopback peers only: never route through an http_proxy from the environment.
    options = [("grpc.enable_http_proxy", 0)]
    if args.tls:
        def read(path):
            if not path:
                return None
            with open(path, "rb") as f:
                return f.read()

        credentials = grpc.ssl_channel_credentials(
            root_certificates=read(args.ca), private_key=read(args.key), certificate_chain=read(args.cert))
        if args.server_host_override:
            options.append(("grpc.ssl_target_name_override", args.server_host_override))
            options.append(("grpc.default_authority", args.server_host_override))
        channel = grpc.secure_channel(target, credentials, options)
    else:
        channel = grpc.insecure_channel(target, options)

    stub = test_pb2_grpc.TestServiceStub(channel)
    unimplemented_stub = test_pb2_grpc.UnimplementedServiceStub(channel)

    def payload(size):
        return messages_pb2.Payload(type=messages_pb2.COMPRESSABLE, body=b"\0" * size)

    def expect_payload(p, size, what):
        expect(len(p.body) == size, f"{what}: payload body is {len(p.body)} bytes, want {size}")
        expect(p.body.count(0) == size, f"{what}: payload body is not all zeros")

    def expect_rpc_error(call, code, what):
        """Runs call(); it must raise grpc.RpcError with the code. Returns the error."""
        try:
            call()
        except grpc.RpcError as e:
            expect(e.code() == code, f"{what}: status {e.code()} ({e.details()!r}), want {code}")
            return e
        raise CaseFailed(f"{what}: succeeded, want {code}")

    def empty_unary():
        response = stub.EmptyCall(empty_pb2.Empty(), timeout=CALL_TIMEOUT_S)
        expect(isinstance(response, empty_pb2.Empty), f"response is {type(response).__name__}, want Empty")

    def large_unary():
        request = messages_pb2.SimpleRequest(response_size=314159, payload=payload(271828))
        response = stub.UnaryCall(request, timeout=CALL_TIMEOUT_S)
        expect_payload(response.payload, 314159, "response")

    def client_streaming():
        requests = [messages_pb2.StreamingInputCallRequest(payload=payload(n)) for n in (27182, 8, 1828, 45904)]
        response = stub.StreamingInputCall(iter(requests), timeout=CALL_TIMEOUT_S)
        expect(response.aggregated_payload_size == 74922,
               f"aggregated_payload_size is {response.aggregated_payload_size}, want 74922")

    def server_streaming():
        sizes = (31415, 9, 2653, 58979)
        request = messages_pb2.StreamingOutputCallRequest(
            response_parameters=[messages_pb2.ResponseParameters(size=n) for n in sizes])
        responses = list(stub.StreamingOutputCall(request, timeout=CALL_TIMEOUT_S))
        expect(len(responses) == len(sizes), f"{len(responses)} responses, want {len(sizes)}")
        for i, (r, n) in enumerate(zip(responses, sizes)):
            expect_payload(r.payload, n, f"response {i}")

    def ping_pong():
        pipe = RequestPipe()
        responses = stub.FullDuplexCall(pipe, timeout=CALL_TIMEOUT_S)
        try:
            for i, (request_size, response_size) in enumerate(((27182, 31415), (8, 9), (1828, 2653), (45904, 58979))):
                pipe.add(messages_pb2.StreamingOutputCallRequest(
                    response_parameters=[messages_pb2.ResponseParameters(size=response_size)],
                    payload=payload(request_size)))
                response = next(responses, None)
                expect(response is not None, f"stream ended after {i} responses, want 4")
                expect_payload(response.payload, response_size, f"response {i}")
            pipe.close()
            rest = list(responses)
            expect(not rest, f"{len(rest)} responses after the fourth, want none")
        finally:
            pipe.close()
            responses.cancel()

    def empty_stream():
        responses = list(stub.FullDuplexCall(iter(()), timeout=CALL_TIMEOUT_S))
        expect(not responses, f"{len(responses)} responses, want none")

    def timeout_on_sleeping_server():
        pipe = RequestPipe()
        try:
            # The request stream stays open: the server never finishes, so only the deadline can end the call.
            pipe.add(messages_pb2.StreamingOutputCallRequest(payload=payload(27182)))
            responses = stub.FullDuplexCall(pipe, timeout=0.001)
            expect_rpc_error(lambda: list(responses), grpc.StatusCode.DEADLINE_EXCEEDED, "call")
        finally:
            pipe.close()

    def cancel_after_begin():
        pipe = RequestPipe()
        try:
            future = stub.StreamingInputCall.future(pipe, timeout=CALL_TIMEOUT_S)
            future.cancel()
            expect(future.cancelled(), "call was not cancelled")
            expect(future.code() == grpc.StatusCode.CANCELLED, f"status {future.code()}, want CANCELLED")
        finally:
            pipe.close()

    def cancel_after_first_response():
        pipe = RequestPipe()
        try:
            responses = stub.FullDuplexCall(pipe, timeout=CALL_TIMEOUT_S)
            pipe.add(messages_pb2.StreamingOutputCallRequest(
                response_parameters=[messages_pb2.ResponseParameters(size=31415)], payload=payload(27182)))
            first = next(responses, None)
            expect(first is not None, "no response before the end of the stream")
            expect_payload(first.payload, 31415, "response 0")
            responses.cancel()
            expect_rpc_error(lambda: next(responses), grpc.StatusCode.CANCELLED, "call after cancel")
        finally:
            pipe.close()

    def status_code_and_message():
        message = "test status message"
        status = messages_pb2.EchoStatus(code=2, message=message)
        e = expect_rpc_error(
            lambda: stub.UnaryCall(messages_pb2.SimpleRequest(response_status=status), timeout=CALL_TIMEOUT_S),
            grpc.StatusCode.UNKNOWN, "UnaryCall")
        expect(e.details() == message, f"UnaryCall: message {e.details()!r}, want {message!r}")
        requests = iter([messages_pb2.StreamingOutputCallRequest(response_status=status)])
        e = expect_rpc_error(lambda: list(stub.FullDuplexCall(requests, timeout=CALL_TIMEOUT_S)),
                             grpc.StatusCode.UNKNOWN, "FullDuplexCall")
        expect(e.details() == message, f"FullDuplexCall: message {e.details()!r}, want {message!r}")

    def special_status_message():
        status = messages_pb2.EchoStatus(code=2, message=SPECIAL_STATUS_MESSAGE)
        e = expect_rpc_error(
            lambda: stub.UnaryCall(messages_pb2.SimpleRequest(response_status=status), timeout=CALL_TIMEOUT_S),
            grpc.StatusCode.UNKNOWN, "UnaryCall")
        expect(e.details() == SPECIAL_STATUS_MESSAGE,
               f"message {e.details()!r}, want {SPECIAL_STATUS_MESSAGE!r}")

    def expect_echoed(initial, trailing, what):
        got_initial = [v for k, v in initial if k == ECHO_INITIAL[0]]
        got_trailing = [v for k, v in trailing if k == ECHO_TRAILING[0]]
        expect(got_initial == [ECHO_INITIAL[1]], f"{what}: initial metadata {ECHO_INITIAL[0]} = {got_initial!r}")
        expect(got_trailing == [ECHO_TRAILING[1]], f"{what}: trailing metadata {ECHO_TRAILING[0]} = {got_trailing!r}")

    def custom_metadata():
        metadata = (ECHO_INITIAL, ECHO_TRAILING)
        request = messages_pb2.SimpleRequest(response_size=314159, payload=payload(271828))
        response, call = stub.UnaryCall.with_call(request, metadata=metadata, timeout=CALL_TIMEOUT_S)
        expect_payload(response.payload, 314159, "UnaryCall response")
        expect_echoed(call.initial_metadata(), call.trailing_metadata(), "UnaryCall")

        request = messages_pb2.StreamingOutputCallRequest(
            response_parameters=[messages_pb2.ResponseParameters(size=314159)], payload=payload(271828))
        responses = stub.FullDuplexCall(iter([request]), metadata=metadata, timeout=CALL_TIMEOUT_S)
        received = list(responses)
        expect(len(received) == 1, f"FullDuplexCall: {len(received)} responses, want 1")
        expect_payload(received[0].payload, 314159, "FullDuplexCall response")
        expect_echoed(responses.initial_metadata(), responses.trailing_metadata(), "FullDuplexCall")

    def unimplemented_method():
        expect_rpc_error(lambda: stub.UnimplementedCall(empty_pb2.Empty(), timeout=CALL_TIMEOUT_S),
                         grpc.StatusCode.UNIMPLEMENTED, "UnimplementedCall")

    def unimplemented_service():
        expect_rpc_error(lambda: unimplemented_stub.UnimplementedCall(empty_pb2.Empty(), timeout=CALL_TIMEOUT_S),
                         grpc.StatusCode.UNIMPLEMENTED, "UnimplementedService/UnimplementedCall")

    cases = {name: fn for name, fn in locals().items() if name in CASES}
    failed = 0
    for name in names:
        started = time.monotonic()
        try:
            cases[name]()
        except CaseFailed as e:
            failed += 1
            print(f"FAIL {name}: {e}", flush=True)
            continue
        except grpc.RpcError as e:
            failed += 1
            print(f"FAIL {name}: unexpected status {e.code()} ({e.details()!r})", flush=True)
            continue
        except Exception as e:  # noqa: BLE001  (any other error fails this case, not the run)
            failed += 1
            print(f"FAIL {name}: {type(e).__name__}: {e}", flush=True)
            continue
        print(f"PASS {name} ({round((time.monotonic() - started) * 1000)} ms)", flush=True)
    channel.close()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
