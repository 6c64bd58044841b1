using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace VirtRigaud.TestPeers;

/// <summary>
/// A tiny real guest for console tests: a raw disk (FAT, SYSLINUX boot loader) that boots Debian's kernel with a
/// busybox initramfs, with the kernel's console on the first serial port. Its <c>/init</c> prints <see cref="Banner"/>,
/// then answers every line it reads with <see cref="EchoPrefix"/> + the line, and powers the machine off (ACPI S5)
/// when the line is <see cref="PowerOffCommand"/>. Boots in about 10 s under QEMU TCG with 256 MiB.
/// The kernel comes from Debian's linux-image package (extracted, not installed, by hack/install-libvirt-deps.sh);
/// busybox from busybox-static; the disk is made with mkfs.vfat, syslinux and mcopy (no root, no mount).
/// </summary>
public static class TestGuestImage
{
    /// <summary>Where hack/install-libvirt-deps.sh puts Debian's kernel.</summary>
    public const string KernelPath = "/usr/local/lib/virtrigaud/test-guest/vmlinuz";

    /// <summary>The line /init prints once it runs (after the kernel's boot messages).</summary>
    public const string Banner = "virtrigaud test guest: initramfs is up";

    /// <summary>What /init writes before each line it read.</summary>
    public const string EchoPrefix = "guest got: ";

    /// <summary>The line that makes /init power the guest off.</summary>
    public const string PowerOffCommand = "poweroff";

    private const string Busybox = "/bin/busybox";

    private static readonly string Init = $$"""
        #!/bin/busybox sh
        /bin/busybox --install -s /bin
        mount -t proc proc /proc
        mount -t sysfs sys /sys
        echo "{{Banner}}"
        while read -r line; do
          case "$line" in
            {{PowerOffCommand}}) echo "powering off"; poweroff -f ;;
            *) echo "{{EchoPrefix}}$line" ;;
          esac
        done
        """.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

    private static readonly string SyslinuxConfig = """
        SERIAL 0 115200
        DEFAULT linux
        PROMPT 0
        TIMEOUT 0
        LABEL linux
          KERNEL /vmlinuz
          INITRD /initrd.gz
          APPEND console=ttyS0,115200 panic=-1
        """.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

    /// <summary>Writes the raw disk image to <paramref name="path"/> (replacing it) and returns the path.</summary>
    /// <exception cref="InvalidOperationException">A piece is missing (the message says which package and that hack/install-libvirt-deps.sh installs it).</exception>
    public static async Task<string> BuildAsync(string path, CancellationToken cancellationToken = default)
    {
        Require(KernelPath, "Debian's kernel for the test guest");
        Require(Busybox, "busybox-static");
        Require("/usr/sbin/mkfs.vfat", "dosfstools");
        Require("/usr/bin/syslinux", "syslinux");
        Require("/usr/bin/mcopy", "mtools");

        var work = Directory.CreateTempSubdirectory("virtrigaud-test-guest-").FullName;
        try
        {
            var initrd = Path.Combine(work, "initrd.gz");
            await WriteInitramfsAsync(initrd, cancellationToken).ConfigureAwait(false);
            var config = Path.Combine(work, "syslinux.cfg");
            await File.WriteAllTextAsync(config, SyslinuxConfig, cancellationToken).ConfigureAwait(false);

            File.Delete(path);
            await ToolRunner.RunCheckedAsync("/usr/sbin/mkfs.vfat", ["-C", "-n", "VRTGUEST", path, "32768"], cancellationToken).ConfigureAwait(false);
            await ToolRunner.RunCheckedAsync("/usr/bin/syslinux", ["--install", path], cancellationToken).ConfigureAwait(false);
            foreach (var (source, name) in new[] { (KernelPath, "vmlinuz"), (initrd, "initrd.gz"), (config, "syslinux.cfg") })
            {
                await ToolRunner.RunCheckedAsync("/usr/bin/mcopy", ["-i", path, source, "::" + name], cancellationToken).ConfigureAwait(false);
            }

            return path;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Require(string file, string what)
    {
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"{file} is missing ({what}); run hack/install-libvirt-deps.sh");
        }
    }

    /// <summary>A gzip'd newc cpio archive: /init, /bin/busybox, /proc, /sys, /dev with /dev/console.</summary>
    private static async Task WriteInitramfsAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        var writer = new CpioWriter(gzip);
        writer.Directory("bin");
        writer.Directory("dev");
        writer.CharacterDevice("dev/console", major: 5, minor: 1);
        writer.Directory("proc");
        writer.Directory("sys");
        writer.File("bin/busybox", await File.ReadAllBytesAsync(Busybox, cancellationToken).ConfigureAwait(false), executable: true);
        writer.File("init", Encoding.ASCII.GetBytes(Init), executable: true);
        writer.Trailer();
    }

    /// <summary>The "newc" (SVR4, no CRC) cpio format the kernel unpacks into its initramfs.</summary>
    private sealed class CpioWriter(Stream output)
    {
        private const int DirectoryMode = 0x4000 | 0x1ED; // S_IFDIR | 0755
        private const int FileMode = 0x8000;
        private const int CharacterDeviceMode = 0x2000 | 0x180; // S_IFCHR | 0600
        private int _inode = 1;

        public void Directory(string name) => Entry(name, DirectoryMode, [], 0, 0);

        public void CharacterDevice(string name, int major, int minor) => Entry(name, CharacterDeviceMode, [], major, minor);

        public void File(string name, byte[] content, bool executable) => Entry(name, FileMode | (executable ? 0x1ED : 0x1A4), content, 0, 0);

        public void Trailer() => Entry("TRAILER!!!", 0, [], 0, 0);

        private void Entry(string name, int mode, byte[] content, int rdevMajor, int rdevMinor)
        {
            var nameBytes = Encoding.ASCII.GetBytes(name + "\0");
            int[] fields = [_inode++, mode, 0, 0, (mode & 0x4000) != 0 ? 2 : 1, 0, content.Length, 0, 0, rdevMajor, rdevMinor, nameBytes.Length, 0];
            var header = new StringBuilder("070701");
            foreach (var field in fields)
            {
                header.Append(field.ToString("x8", CultureInfo.InvariantCulture));
            }

            var headerBytes = Encoding.ASCII.GetBytes(header.ToString());
            output.Write(headerBytes);
            output.Write(nameBytes);
            Pad(headerBytes.Length + nameBytes.Length);
            output.Write(content);
            Pad(content.Length);
        }

        private void Pad(int length)
        {
            var padding = (4 - (length % 4)) % 4;
            for (var i = 0; i < padding; i++)
            {
                output.WriteByte(0);
            }
        }
    }
}
