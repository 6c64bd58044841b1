using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract.Payloads;
using VirtRigaud.Provider.Libvirt.Tests.Testing;
using VirtRigaud.Provider.V1;
using VirtRigaud.TestPeers;

namespace VirtRigaud.Provider.Libvirt.Tests.Service;

/// <summary>
/// ConsoleStream against a real guest: Debian's kernel with a busybox initramfs (<see cref="TestGuestImage"/>) booted
/// by the real libvirtd under QEMU/TCG, its serial console reached with <c>virsh console</c> through the real sshd
/// (<c>ssh -tt</c>) or locally (under <c>script</c>). Boot messages must arrive through the stream, typed lines must
/// reach the guest and its answers come back.
/// </summary>
[Collection(LibvirtCollection.Name)]
public sealed class LibvirtConsoleTests(LibvirtPeers peers)
{
    private static readonly TimeSpan BootTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(60);
    private static readonly string Class = ProviderPayloads.SerializeClass(new ClassPayload { Cpu = 1, MemoryMiB = 256, DiskDefaults = new DiskDefaultsPayload { SizeGiB = 1 } });

    [Fact]
    public async Task ConsoleStream_OverSsh_BootMessagesArriveAndTypedLinesReachTheGuest()
    {
        await using var host = await LibvirtProviderHost.StartSshAsync(peers);
        const string Name = "l1-console-ssh";
        await CreateGuestAsync(host, Name);
        try
        {
            await host.Client.PowerAsync(new PowerRequest { Id = Name, Op = PowerOp.On });
            var opened = await host.Client.OpenConsoleAsync(Name, ConsoleKind.Serial);
            await using var session = opened.Session ?? throw new InvalidOperationException($"ConsoleStream unsupported: {opened.UnsupportedReason}");
            Assert.Equal(ConsoleKind.Serial, session.Kind);
            var console = new ConsoleTranscript(session);

            await console.WaitForAsync(TestGuestImage.Banner, BootTimeout);
            Assert.Contains("Linux version 6.", console.Text, StringComparison.Ordinal);
            Assert.Contains("Run /init as init process", console.Text, StringComparison.Ordinal);
            Assert.False(console.Text.Contains("polkit", StringComparison.Ordinal), "virsh's own output leaked into the guest's console: " + console.Text[..Math.Min(300, console.Text.Length)].Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal));

            // Raw bytes both ways: Enter on a serial terminal is a carriage return.
            await console.TypeAsync("hello from the provider; it's $HOME & 'quoted'\r");
            await console.WaitForAsync(TestGuestImage.EchoPrefix + "hello from the provider; it's $HOME & 'quoted'", AnswerTimeout);

            await session.CompleteAsync();
            await console.Completion.WaitAsync(AnswerTimeout);
            Assert.Equal(ConsoleCloseReason.ClientClosed, session.CloseReason);
            Assert.Contains("running", await peers.Libvirt.VirshAsync(["domstate", Name]), StringComparison.Ordinal);

            // A second session on the same guest: the guest is still there and answers.
            var again = await host.Client.OpenConsoleAsync(Name, ConsoleKind.Serial);
            await using var second = again.Session!;
            var console2 = new ConsoleTranscript(second);
            await console2.TypeAsync("again\r");
            await console2.WaitForAsync(TestGuestImage.EchoPrefix + "again", AnswerTimeout);
            await second.CompleteAsync();
            await console2.Completion.WaitAsync(AnswerTimeout);
        }
        finally
        {
            await host.Client.DeleteAsync(new DeleteRequest { Id = Name });
        }
    }

    [Fact]
    public async Task ConsoleStream_LocalEndpoint_NewSessionReplacesTheOldAndGuestPowerOffEndsIt()
    {
        await using var host = await LibvirtProviderHost.StartAsync(
            $"qemu:///system?socket={peers.Libvirt.SocketPath}",
            new Dictionary<string, string>(),
            new Dictionary<string, string> { ["LIBVIRT_IMAGE_DIR"] = peers.Libvirt.ImagesDirectory, ["LIBVIRT_DOMAIN_TYPE"] = "qemu" });
        const string Name = "l1-console-local";
        await CreateGuestAsync(host, Name);
        try
        {
            var stopped = await Assert.ThrowsAsync<RpcException>(() => host.Client.OpenConsoleAsync(Name, ConsoleKind.Serial));
            Assert.Equal(StatusCode.FailedPrecondition, stopped.StatusCode);
            Assert.Contains("shut off", stopped.Status.Detail, StringComparison.Ordinal);
            var missing = await Assert.ThrowsAsync<RpcException>(() => host.Client.OpenConsoleAsync("l1-console-nope", ConsoleKind.Serial));
            Assert.Equal(StatusCode.NotFound, missing.StatusCode);

            await host.Client.PowerAsync(new PowerRequest { Id = Name, Op = PowerOp.On });
            var first = (await host.Client.OpenConsoleAsync(Name, ConsoleKind.Serial)).Session!;
            await using var firstSession = first;
            var console1 = new ConsoleTranscript(first);
            await console1.WaitForAsync(TestGuestImage.Banner, BootTimeout);

            // libvirt allows one console per domain: the new session takes it over and the old one is told why.
            var second = (await host.Client.OpenConsoleAsync(Name, ConsoleKind.Serial)).Session!;
            await using var secondSession = second;
            var console2 = new ConsoleTranscript(second);
            await console1.Completion.WaitAsync(AnswerTimeout);
            Assert.Equal(ConsoleCloseReason.SessionReplaced, first.CloseReason);

            await second.ResizeAsync(120, 40);
            await console2.TypeAsync("through script\r");
            await console2.WaitForAsync(TestGuestImage.EchoPrefix + "through script", AnswerTimeout);

            // The guest powers itself off: the session ends with VM_STOPPED.
            await console2.TypeAsync(TestGuestImage.PowerOffCommand + "\r");
            await console2.Completion.WaitAsync(AnswerTimeout);
            Assert.Equal(ConsoleCloseReason.VmStopped, second.CloseReason);
            Assert.Contains("shut off", second.CloseMessage, StringComparison.Ordinal);
            Assert.Equal("Off", (await host.Client.DescribeAsync(new DescribeRequest { Id = Name })).PowerState);
        }
        finally
        {
            await host.Client.DeleteAsync(new DeleteRequest { Id = Name });
        }
    }

    private async Task CreateGuestAsync(LibvirtProviderHost host, string name)
    {
        var image = await TestGuestImage.BuildAsync(Path.Combine(peers.Libvirt.ImagesDirectory, name + "-boot.img"));
        await host.Client.CreateAsync(new CreateRequest
        {
            Name = name,
            ClassJson = Class,
            ImageJson = ProviderPayloads.SerializeImage(new ImagePayload { Path = image, Format = "raw" }),
        });
    }
}
