using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Libvirt.Tests.Testing;
using VirtRigaud.Provider.Libvirt.Transport;
using VirtRigaud.Provider.Sdk.Credentials;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.Sdk.Hosting;
using VirtRigaud.TestPeers;

namespace VirtRigaud.Provider.Libvirt.Tests.Transport;

/// <summary>The ssh transport against a real OpenSSH sshd on loopback.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Collection(LibvirtCollection.Name)]
public sealed class SshCommandRunnerTests(LibvirtPeers peers)
{
    [Fact]
    public async Task RunAsync_HostileArguments_ArriveVerbatimOnTheHost()
    {
        await using var runner = Runners.Ssh(peers.Ssh);
        string[] hostile = ["a'b; rm -rf /", "$(x)", "`id`", "line1\nline2", "--domain=x", "*", "'", string.Empty, "a|b&c"];

        var result = await runner.RunAsync(["printf", "%s\\0", .. hostile], null, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Concat(hostile.Select(h => h + "\0")), result.StandardOutput);
    }

    [Fact]
    public async Task RunAsync_StandardInput_ReachesTheRemoteCommand()
    {
        await using var runner = Runners.Ssh(peers.Ssh);
        var payload = Encoding.UTF8.GetBytes("user-data: 'quoted' $(not run)\n");

        var result = await runner.RunAsync(["cat"], payload, CancellationToken.None);

        Assert.Equal("user-data: 'quoted' $(not run)\n", result.StandardOutput);
    }

    [Fact]
    public async Task RunStreamingAsync_BinaryBothWays_BytesArriveUnchanged()
    {
        await using var runner = Runners.Ssh(peers.Ssh);
        var data = new byte[(12 * 1024 * 1024) + 7];
        new Random(7).NextBytes(data);
        var path = $"/tmp/virtrigaud-stream-{Guid.NewGuid():N}";
        try
        {
            var written = await runner.RunStreamingAsync(["sh", "-c", "cat > \"$1\"", "sh", path], (stdin, ct) => stdin.WriteAsync(data, ct).AsTask(), null, CancellationToken.None);
            using var back = new MemoryStream();
            var read = await runner.RunStreamingAsync(["cat", "--", path], null, (stdout, ct) => stdout.CopyToAsync(back, ct), CancellationToken.None);

            Assert.Equal(0, written.ExitCode);
            Assert.Equal(0, read.ExitCode);
            Assert.Equal(string.Empty, read.StandardOutput);
            Assert.Equal(data, back.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task RunStreamingAsync_CommandFailsWhileFed_ItsResultNotTheBrokenPipe()
    {
        await using var runner = Runners.Ssh(peers.Ssh);

        var result = await runner.RunStreamingAsync(
            ["sh", "-c", "head -c 10 >/dev/null; echo 'disk full' >&2; exit 4"],
            async (stdin, ct) =>
            {
                var chunk = new byte[1024 * 1024];
                for (var i = 0; i < 64; i++)
                {
                    await stdin.WriteAsync(chunk, ct);
                }
            },
            null,
            CancellationToken.None);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("disk full", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunStreamingAsync_ConsumerFails_CommandKilledAndTheConsumersErrorPropagates()
    {
        await using var runner = Runners.Ssh(peers.Ssh);
        var marker = $"virtrigaud-stream-{Guid.NewGuid():N}";

        var e = await Assert.ThrowsAsync<ProviderException>(() => runner.RunStreamingAsync(
            ["sh", "-c", "exec yes \"$1\"", "sh", marker],
            null,
            async (stdout, ct) =>
            {
                await stdout.ReadExactlyAsync(new byte[4096], ct);
                throw ProviderErrors.Unavailable("the object store went away");
            },
            CancellationToken.None));

        Assert.Equal("the object store went away", e.Message);

        // Neither the local ssh nor the remote command outlives the failure.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await ToolRunner.RunAsync("/usr/bin/pgrep", ["-f", marker])).ExitCode == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"a process running `yes {marker}` is still there");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task RunAsync_RemoteExitCode_IsAResultNotAnException()
    {
        await using var runner = Runners.Ssh(peers.Ssh);

        var result = await runner.RunAsync(["sh", "-c", "echo oops >&2; exit 3"], null, CancellationToken.None);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("oops", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PasswordFromTheSecret_LogsInThroughSshpassAndWrongPasswordIsAnAuthenticationFailure()
    {
        var password = await peers.Ssh.UnlockPasswordAccountAsync();

        await using (var runner = PasswordRunner(password))
        {
            var result = await runner.RunAsync(["id", "-un"], null, CancellationToken.None);

            Assert.Equal(SshServer.PasswordUser + "\n", result.StandardOutput);
            var again = await runner.RunAsync(["printf", "%s", "second command over the same master"], null, CancellationToken.None);
            Assert.Equal("second command over the same master", again.StandardOutput);
        }

        await using (var wrong = PasswordRunner(password + "x"))
        {
            var e = await Assert.ThrowsAsync<SshTransportException>(() => wrong.RunAsync(["true"], null, CancellationToken.None));
            Assert.Equal(SshFailure.Authentication, e.Failure);
            Assert.DoesNotContain(password, e.Message, StringComparison.Ordinal);
        }
    }

    private ICommandRunner PasswordRunner(string password)
    {
        using var credentials = new CredentialsDirectory(new Dictionary<string, string> { ["password"] = password, ["known_hosts"] = peers.Ssh.KnownHosts });
        var env = new ProviderEnvironment(new Dictionary<string, string>());
        var endpoint = LibvirtEndpoint.Parse($"qemu+ssh://{SshServer.PasswordUser}@{peers.Ssh.Host}:{peers.Ssh.Port}/system");
        return CommandRunnerFactory.Create(endpoint, new ProviderCredentials(credentials.Path, env, new SecretRedactor()), env, NullLogger.Instance, TimeProvider.System);
    }

    [Fact]
    public async Task RunAsync_LocaleIsC_SoMessagesAreStable()
    {
        await using var runner = Runners.Ssh(peers.Ssh);

        var result = await runner.RunAsync(["printenv", "LC_ALL"], null, CancellationToken.None);

        Assert.Equal("C\n", result.StandardOutput);
    }

    [Fact]
    public async Task RunAsync_WrongHostKey_HostKeyVerificationFailureNeverRetried()
    {
        await using var runner = Runners.Ssh(peers.Ssh, knownHosts: peers.Ssh.WrongKnownHosts);
        var watch = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<SshTransportException>(() => runner.RunAsync(["true"], null, CancellationToken.None));

        Assert.Equal(SshFailure.HostKeyVerification, e.Failure);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"a host key failure must not be retried (took {watch.Elapsed})");
    }

    [Fact]
    public void Create_NoKnownHosts_FailedPreconditionNamingTheFix()
    {
        using var credentials = new CredentialsDirectory(new Dictionary<string, string> { ["ssh-privatekey"] = peers.Ssh.ClientPrivateKey });
        var environment = ProviderEnvironment.Empty;
        var endpoint = LibvirtEndpoint.Parse($"qemu+ssh://{peers.Ssh.User}@{peers.Ssh.Host}:{peers.Ssh.Port}/system");

        var e = Assert.Throws<ProviderException>(() => CommandRunnerFactory.Create(
            endpoint, new ProviderCredentials(credentials.Path, environment, new SecretRedactor()), environment, NullLogger.Instance, TimeProvider.System));

        Assert.Equal(StatusCode.FailedPrecondition, e.Code);
        Assert.Contains("known_hosts", e.Message, StringComparison.Ordinal);
        Assert.Contains(LibvirtTransportEnvironment.InsecureSkipHostKeyVerification, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NoCredential_FailedPrecondition()
    {
        using var credentials = new CredentialsDirectory(new Dictionary<string, string> { ["known_hosts"] = peers.Ssh.KnownHosts });
        var environment = ProviderEnvironment.Empty;
        var endpoint = LibvirtEndpoint.Parse($"qemu+ssh://{peers.Ssh.User}@{peers.Ssh.Host}:{peers.Ssh.Port}/system");

        var e = Assert.Throws<ProviderException>(() => CommandRunnerFactory.Create(
            endpoint, new ProviderCredentials(credentials.Path, environment, new SecretRedactor()), environment, NullLogger.Instance, TimeProvider.System));

        Assert.Equal(StatusCode.FailedPrecondition, e.Code);
        Assert.Contains("ssh-privatekey", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EscapeHatch_AcceptsUnknownKeyIntoEphemeralFile()
    {
        await using var runner = Runners.Ssh(
            peers.Ssh,
            knownHosts: string.Empty,
            environment: new Dictionary<string, string> { [LibvirtTransportEnvironment.InsecureSkipHostKeyVerification] = "TRUE" });
        var settings = ((SshCommandRunner)runner).Settings;

        var result = await runner.RunAsync(["echo", "ok"], null, CancellationToken.None);

        Assert.Equal("ok\n", result.StandardOutput);
        Assert.True(settings.InsecureSkipHostKeyVerification);
        Assert.Contains($"[{peers.Ssh.Host}]:{peers.Ssh.Port}", await File.ReadAllTextAsync(settings.KnownHostsFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runner_KeyFile_Is0600InPrivate0700DirectoryRemovedOnDispose()
    {
        var runner = (SshCommandRunner)Runners.Ssh(peers.Ssh);
        var directory = runner.Settings.PrivateDirectory!;
        try
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(runner.Settings.IdentityFile!));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
            Assert.True(directory.StartsWith("/dev/shm/", StringComparison.Ordinal) || directory.StartsWith(Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") ?? "/nonexistent", StringComparison.Ordinal));
        }
        finally
        {
            await runner.DisposeAsync();
        }

        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task RunAsync_Multiplexing_OneMasterSocketReusedAndEndedOnDispose()
    {
        var runner = (SshCommandRunner)Runners.Ssh(peers.Ssh);
        string socket;
        try
        {
            await runner.RunAsync(["true"], null, CancellationToken.None);
            var sockets = Directory.GetFiles(runner.Settings.ControlDirectory!, "cm-*");
            socket = Assert.Single(sockets);

            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(0, (await runner.RunAsync(["true"], null, CancellationToken.None)).ExitCode);
            }

            Assert.Single(Directory.GetFiles(runner.Settings.ControlDirectory!, "cm-*"));
        }
        finally
        {
            await runner.DisposeAsync();
        }

        Assert.False(File.Exists(socket));
    }

    [Fact]
    public async Task RunAsync_DisableMultiplexing_NoControlSocket()
    {
        await using var runner = Runners.Ssh(
            peers.Ssh, environment: new Dictionary<string, string> { [LibvirtTransportEnvironment.DisableMultiplexing] = "true" });

        var result = await runner.RunAsync(["echo", "plain"], null, CancellationToken.None);

        Assert.Equal("plain\n", result.StandardOutput);
        Assert.Null(((SshCommandRunner)runner).Settings.ControlDirectory);
    }

    [Fact]
    public async Task RunAsync_ManyAtOnce_NeverMoreThanTheCap()
    {
        await using var runner = Runners.Ssh(
            peers.Ssh, environment: new Dictionary<string, string> { [LibvirtTransportEnvironment.MaxConcurrentCommands] = "2" });
        var ssh = (SshCommandRunner)runner;
        var maxSeen = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                maxSeen = Math.Max(maxSeen, ssh.Running);
                await Task.Delay(5);
            }
        });

        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => runner.RunAsync(["sleep", "0.4"], null, CancellationToken.None)));
        await sampling.CancelAsync();
        await sampler;

        Assert.All(results, r => Assert.Equal(0, r.ExitCode));
        Assert.Equal(2, maxSeen);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.2), $"6 commands of 0.4 s two at a time take ≥ 1.2 s, took {watch.Elapsed}");
    }

    [Fact]
    public async Task RunAsync_SshdDownThenUp_TransientFailureRetried()
    {
        await using var runner = Runners.Ssh(peers.Ssh, environment: new Dictionary<string, string> { [LibvirtTransportEnvironment.DisableMultiplexing] = "true" });
        await peers.Ssh.StopAsync();
        try
        {
            var run = runner.RunAsync(["echo", "back"], null, CancellationToken.None);
            await Task.Delay(TimeSpan.FromMilliseconds(400));
            await peers.Ssh.StartAgainAsync();

            var result = await run;

            Assert.Equal("back\n", result.StandardOutput);
        }
        finally
        {
            if (peers.Ssh.ProcessId is null)
            {
                await peers.Ssh.StartAgainAsync();
            }
        }
    }

    [Fact]
    public async Task RunAsync_NothingListening_UnreachableAfterRetries()
    {
        var port = VirtRigaud.TestPeers.FreePorts.Take(1)[0];
        var template = (SshCommandRunner)Runners.Ssh(peers.Ssh);
        await template.DisposeAsync();
        var settings = template.Settings with
        {
            Port = port,
            RetryDelay = TimeSpan.FromMilliseconds(50),
            ControlDirectory = null,
            PrivateDirectory = null,
        };
        await using var runner = new SshCommandRunner(settings, NullLogger.Instance, TimeProvider.System);

        var e = await Assert.ThrowsAsync<SshTransportException>(() => runner.RunAsync(["true"], null, CancellationToken.None));

        Assert.Equal(SshFailure.Unreachable, e.Failure);
        Assert.Contains("Connection refused", e.Message, StringComparison.Ordinal);
    }
}
