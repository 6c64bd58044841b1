#!/usr/bin/env bash
# Installs what the libvirt provider's tests need on a fresh Debian 12 machine (issue 9): a real libvirtd with QEMU
# (TCG) and a real OpenSSH sshd, both started by the test fixtures on loopback (../shared/TEST-PEERS.md §2 and §3).
# Idempotent; prints nothing when all is there. apt-get runs only when a package is missing.
set -euo pipefail

# Debian packages the libvirt tests start or call. Keep sorted; one reason each.
PACKAGES=(
  busybox-static             # /bin/busybox (static): the whole userland of the test guest's initramfs
  dosfstools                 # mkfs.vfat: the test guest's boot disk
  genisoimage                # builds the cloud-init NoCloud seed ISO (volume id "cidata") on the host
  libvirt-clients            # virsh: the provider's client of libvirt, locally and on the host over ssh
  libvirt-daemon-driver-qemu # the QEMU driver of libvirtd (qemu:///system)
  libvirt-daemon-system      # libvirtd + virtlogd: the real libvirt peer the fixtures start by hand (no systemd)
  mtools                     # mcopy: puts kernel, initramfs and boot config on the test guest's disk without mounting
  nfs-ganesha                # NFS server (NFSv3 + v4, userspace) for the nfs:// staging tests: the real NFS peer
  nfs-ganesha-vfs            # Ganesha's backend that exports a local folder
  openssh-client             # ssh: the provider's transport to remote hosts (ControlMaster multiplexing)
  openssh-server             # sshd on a free loopback port: the real SSH peer (key and password auth)
  ovmf                       # UEFI firmware (OVMF) + NVRAM templates for firmware=UEFI domains
  qemu-block-extra           # qemu block drivers (nfs://, curl) used by disk import/export
  qemu-system-x86            # qemu-system-x86_64: runs the test domains under TCG
  qemu-utils                 # qemu-img: creates, converts, inspects and grows disk images
  rpcbind                    # the portmapper NFSv3 clients (qemu's libnfs driver) need to find MOUNT and NFS
  sshpass                    # password auth for ssh, password passed through the SSHPASS environment variable
  syslinux                   # syslinux --install: BIOS boot loader of the test guest's disk
  xorriso                    # alternative seed ISO builder (xorriso -as mkisofs) when genisoimage is absent
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-libvirt-deps: installing ${missing[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

# Debian's kernel for the test guest that proves the serial console (e2e/src/VirtRigaud.TestPeers/TestGuestImage.cs):
# only /boot/vmlinuz-* is taken out of the linux-image package; the package is not installed (no initramfs hooks, no
# change to this machine's /boot).
GUEST_KERNEL=/usr/local/lib/virtrigaud/test-guest/vmlinuz
if [ ! -s "$GUEST_KERNEL" ]; then
  kernel_pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-/ { print $2; exit }')
  if [ -z "$kernel_pkg" ]; then
    "${sudo_cmd[@]}" apt-get update -qq
    kernel_pkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-/ { print $2; exit }')
  fi
  echo "install-libvirt-deps: extracting the test guest's kernel from $kernel_pkg" >&2
  work=$(mktemp -d)
  chmod 0755 "$work"
  (cd "$work" && apt-get download -q -o APT::Sandbox::User=root "$kernel_pkg" >/dev/null)
  dpkg-deb --fsys-tarfile "$work"/*.deb | tar -x -C "$work" --wildcards './boot/vmlinuz-*'
  "${sudo_cmd[@]}" install -D -m 0644 "$work"/boot/vmlinuz-* "$GUEST_KERNEL"
  echo "$kernel_pkg" | "${sudo_cmd[@]}" tee "$GUEST_KERNEL.package" >/dev/null
  rm -rf "$work"
fi

# The one account the test sshd lets log in with a password (every other login there is key-only), so the provider's
# sshpass path is tested against a real sshd. Created locked ("!"): a test sets a random password for its run and
# locks it again (e2e/src/VirtRigaud.TestPeers/SshServer.cs). No home directory contents, shell /bin/sh.
if ! getent passwd virtrigaud-ssh >/dev/null; then
  echo "install-libvirt-deps: creating the locked test account virtrigaud-ssh" >&2
  "${sudo_cmd[@]}" useradd --system --home-dir /nonexistent --no-create-home --shell /bin/sh virtrigaud-ssh
fi

# /dev/kvm as Debian's udev rule leaves it (root:kvm 0660; libvirt-qemu is in group kvm). Machines without udev keep
# the kernel's root:root 0600, and then libvirtd (which probes QEMU as root, where KVM works) finds on every lookup that
# its cached QEMU capabilities no longer match what user libvirt-qemu may use, and re-probes QEMU each time: every
# virsh call takes seconds, a define close to a minute.
if [ -c /dev/kvm ] && getent group kvm >/dev/null && [ "$(stat -c '%G %a' /dev/kvm)" != "kvm 660" ]; then
  echo "install-libvirt-deps: /dev/kvm -> root:kvm 0660 (what udev would do)" >&2
  "${sudo_cmd[@]}" chgrp kvm /dev/kvm
  "${sudo_cmd[@]}" chmod 0660 /dev/kvm
fi
