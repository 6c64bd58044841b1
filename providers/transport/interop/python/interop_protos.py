"""Generates the grpc.testing Python modules from our protos and makes them importable.

The modules are generated at start-up into a temporary directory (never checked in), with the protoc that
python3-grpc-tools bundles. The protos use the package path grpc/testing, so the generated modules are named
grpc.testing.*_pb2; `grpc` is already the grpcio package, so its package path is extended by the generated grpc/
directory instead of shadowing grpcio. The directory is removed as soon as the modules are imported, so a peer that is
killed (SIGKILL, no atexit) leaves nothing behind.
"""

import os
import shutil
import sys
import tempfile

PROTO_FILES = ("grpc/testing/empty.proto", "grpc/testing/messages.proto", "grpc/testing/test.proto")


def default_proto_root():
    """providers/transport/protos, found relative to this file."""
    return os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protos"))


def load(proto_root=None):
    """Generates and imports the modules; returns (empty_pb2, messages_pb2, test_pb2_grpc)."""
    try:
        import grpc
        from grpc_tools import protoc
    except ImportError as e:
        sys.exit(f"python gRPC is missing ({e}); run hack/install-test-deps.sh "
                 "(Debian packages python3-grpcio, python3-grpc-tools, python3-protobuf)")

    proto_root = proto_root or default_proto_root()
    out_dir = tempfile.mkdtemp(prefix="virtrigaud-interop-py-")
    try:
        # The first argument is argv[0] for protoc's own parser; it is not a file.
        args = ["protoc", f"-I{proto_root}", f"--python_out={out_dir}", f"--grpc_python_out={out_dir}"]
        args += list(PROTO_FILES)
        if protoc.main(args) != 0:
            sys.exit(f"protoc could not compile {', '.join(PROTO_FILES)} under {proto_root}")

        grpc.__path__.append(os.path.join(out_dir, "grpc"))
        from grpc.testing import empty_pb2, messages_pb2, test_pb2_grpc  # noqa: E402  (only importable now)
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
    return empty_pb2, messages_pb2, test_pb2_grpc
