#!/usr/bin/env bash
# Installs what `make test` needs on a fresh Debian 12 machine. Idempotent; prints nothing when all is there.
# Each later issue adds the real peers its tests use (etcd, libvirt, sshd, ...) to PACKAGES.
set -euo pipefail

# Debian packages the test suites start or call. Keep sorted; one reason each.
PACKAGES=(
  ceph-common          # ceph, ceph-authtool, monmaptool, radosgw-admin: bootstrap the one-node Ceph behind the S3 test peer
  ceph-mon             # Ceph monitor of the S3 test peer (TestPeers/CephObjectGateway)
  ceph-osd             # Ceph OSD (memstore) holding the S3 test peer's objects
  etcd-client          # etcdctl: enables auth on the test etcd and measures raw etcd put throughput in the storage benchmark
  etcd-server          # etcd 3.4: the real etcd v3 peer of the etcd client and the etcd storage backend tests
  python3-grpc-tools   # protoc + grpc_python_plugin: generates the grpc.testing Python modules for the gRPC interop peer
  python3-grpcio       # gRPC C-core for Python: the real gRPC implementation our transport is interop-tested against
  python3-kubernetes   # the official Python Kubernetes client: its dynamic client is tested against our API server
  python3-protobuf     # protobuf runtime of the Python gRPC interop peer
  qemu-utils           # qemu-img: checks the mock provider's disk images (and converts disks in the libvirt provider)
  radosgw              # Ceph RADOS Gateway: the real S3 endpoint (SigV4-checking) of the S3 staging tests
)

need_dotnet() {
  command -v dotnet >/dev/null 2>&1 && dotnet --list-sdks | grep -q '^10\.'
}

if ! need_dotnet; then
  echo "install-test-deps: the .NET 10 SDK is required (https://learn.microsoft.com/dotnet/core/install/linux-debian)." >&2
  exit 1
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-test-deps: installing ${missing[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian's kubectl 1.20 (package kubernetes-client) is the oldest kubectl the API server is tested with. Installing the
# package would clash with /usr/bin/kubectl of Google's kubectl dispatcher, so its binary is unpacked beside it instead.
KUBECTL_120_DIR=/opt/virtrigaud/kubernetes-client
if [ ! -x "$KUBECTL_120_DIR/usr/bin/kubectl" ]; then
  echo "install-test-deps: unpacking Debian kubernetes-client (kubectl 1.20) into $KUBECTL_120_DIR" >&2
  tmp=$(mktemp -d)
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  (cd "$tmp" && apt-get download -qq kubernetes-client >/dev/null 2>&1 || { "${sudo_cmd[@]}" apt-get update -qq && apt-get download -qq kubernetes-client >/dev/null; })
  "${sudo_cmd[@]}" mkdir -p "$KUBECTL_120_DIR"
  "${sudo_cmd[@]}" dpkg-deb -x "$tmp"/kubernetes-client_*.deb "$KUBECTL_120_DIR"
  rm -rf "$tmp"
fi

# promtool (from Debian's prometheus package) checks our Prometheus text exposition in tests. Only the promtool binary
# is needed, so it is unpacked rather than installing the package (which would install the Prometheus server service).
PROMETHEUS_DIR=/opt/virtrigaud/prometheus
if [ ! -x "$PROMETHEUS_DIR/usr/bin/promtool" ]; then
  echo "install-test-deps: unpacking promtool from Debian prometheus into $PROMETHEUS_DIR" >&2
  tmp=$(mktemp -d)
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  (cd "$tmp" && apt-get download -qq prometheus >/dev/null 2>&1 || { "${sudo_cmd[@]}" apt-get update -qq && apt-get download -qq prometheus >/dev/null; })
  "${sudo_cmd[@]}" mkdir -p "$PROMETHEUS_DIR"
  "${sudo_cmd[@]}" dpkg-deb -x "$tmp"/prometheus_*.deb "$PROMETHEUS_DIR"
  rm -rf "$tmp"
fi
if ! command -v promtool >/dev/null 2>&1; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" ln -sf "$PROMETHEUS_DIR/usr/bin/promtool" /usr/local/bin/promtool
fi

# The libvirt provider's real peers (libvirtd + QEMU/TCG, OpenSSH sshd) and the host tools it calls.
"$(dirname "${BASH_SOURCE[0]}")/install-libvirt-deps.sh"
