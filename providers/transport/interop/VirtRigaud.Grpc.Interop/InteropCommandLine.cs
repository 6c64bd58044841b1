using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;

namespace VirtRigaud.Grpc.Interop;

/// <summary>
/// The interop program's command line:
/// <code>
/// server --port N [--tls] [--ca-out FILE]
/// client --host H --port N [--tls [--ca FILE] [--cert FILE --key FILE] [--server-host-override NAME]] [--timeout S] --cases a,b|all
/// </code>
/// The server prints <c>listening 127.0.0.1:PORT</c> once it listens and runs until interrupted. The client prints one
/// line per case (<c>PASS name (12 ms)</c> / <c>FAIL name: reason</c>) and exits 1 when a case failed.
/// </summary>
public static class InteropCommandLine
{
    /// <summary>Where <c>server --tls</c> writes its CA certificate unless <c>--ca-out</c> says otherwise.</summary>
    public const string DefaultCaOut = ".virtrigaud/interop-ca.crt";

    private const int DefaultCallTimeoutSeconds = 30;

    /// <summary>The root command with the <c>server</c> and <c>client</c> subcommands.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("gRPC interop test server and client (grpc.testing.TestService, doc/interop-test-descriptions.md) on the VirtRigaud transport.");
        root.Add(ServerCommand());
        root.Add(ClientCommand());
        return root;
    }

    private static Command ServerCommand()
    {
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0 picks a free one).", Required = true };
        var tls = new Option<bool>("--tls") { Description = "Serve TLS with a new certificate for localhost and 127.0.0.1." };
        var caOut = new Option<string>("--ca-out")
        {
            Description = "With --tls: where to write the PEM certificate of the CA that issued the server certificate.",
            DefaultValueFactory = _ => DefaultCaOut,
        };
        var command = new Command("server", "Serve grpc.testing.TestService until interrupted.") { port, tls, caOut };
        command.SetAction((result, cancellationToken) => RunServerAsync(
            result.GetValue(port), result.GetValue(tls) ? result.GetValue(caOut) : null, cancellationToken));
        return command;
    }

    private static Command ClientCommand()
    {
        var host = new Option<string>("--host") { Description = "Server host name or address.", Required = true };
        var port = new Option<int>("--port") { Description = "Server port.", Required = true };
        var tls = new Option<bool>("--tls") { Description = "Connect with TLS (default: h2c, HTTP/2 with prior knowledge)." };
        var ca = new Option<string?>("--ca") { Description = "With --tls: PEM CA certificate(s) the server must chain to (default: the system roots)." };
        var cert = new Option<string?>("--cert") { Description = "With --tls: PEM client certificate, for servers that require one." };
        var key = new Option<string?>("--key") { Description = "With --tls: PEM private key of --cert." };
        var hostOverride = new Option<string?>("--server-host-override")
        {
            Description = "With --tls: the name the server certificate must carry (default: --host).",
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Deadline of every call, in seconds.",
            DefaultValueFactory = _ => DefaultCallTimeoutSeconds,
        };
        timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError("--timeout must be positive");
            }
        });
        var cases = new Option<string>("--cases")
        {
            Description = $"Comma-separated case names, or all: {string.Join(", ", InteropClient.CaseNames)}.",
            Required = true,
        };
        var command = new Command("client", "Run named interop cases against a grpc.testing.TestService server.")
        {
            host, port, tls, ca, cert, key, hostOverride, timeout, cases,
        };
        command.Validators.Add(result =>
        {
            var names = ParseCases(result.GetValue(cases) ?? "");
            var unknown = names.Except(InteropClient.CaseNames, StringComparer.Ordinal).ToList();
            if (names.Count == 0 || unknown.Count > 0)
            {
                result.AddError($"unknown case(s) {string.Join(", ", unknown)}; known: {string.Join(", ", InteropClient.CaseNames)}, all");
            }

            if (result.GetValue(cert) is null != result.GetValue(key) is null)
            {
                result.AddError("--cert and --key go together");
            }

            if (!result.GetValue(tls) && (result.GetValue(ca) ?? result.GetValue(cert) ?? result.GetValue(hostOverride)) is not null)
            {
                result.AddError("--ca, --cert, --key and --server-host-override need --tls");
            }
        });
        command.SetAction((result, cancellationToken) =>
        {
            var target = new InteropTarget(result.GetValue(host)!, result.GetValue(port))
            {
                Tls = result.GetValue(tls),
                CaPath = result.GetValue(ca),
                CertificatePath = result.GetValue(cert),
                KeyPath = result.GetValue(key),
                ServerHostOverride = result.GetValue(hostOverride),
            };
            return RunClientAsync(target, ParseCases(result.GetValue(cases)!), TimeSpan.FromSeconds(result.GetValue(timeout)), cancellationToken);
        });
        return command;
    }

    private static List<string> ParseCases(string value) =>
        value.Trim() == "all"
            ? [.. InteropClient.CaseNames]
            : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static async Task<int> RunServerAsync(int port, string? caOut, CancellationToken cancellationToken)
    {
        // Ctrl+C and SIGTERM end the wait, so that the server stops and the TLS directory is removed rather than the
        // process dying with its files left behind.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var credentials = caOut is null ? null : InteropServerCredentials.Create(caOut);
        var options = new InteropServerOptions
        {
            Address = IPAddress.Loopback,
            Port = port,
            Tls = credentials?.Reloader,
            ConsoleLogging = true,
        };
        await using var server = await InteropServer.StartAsync(options, stop.Token).ConfigureAwait(false);
        var mode = credentials is null ? "h2c" : $"TLS, certificate for localhost and 127.0.0.1, CA certificate in {Path.GetFullPath(caOut!)}";
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"listening 127.0.0.1:{server.Port} ({mode})"));
        Console.Out.Flush();
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Interrupted: stop serving.
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        return 0;
    }

    private static async Task<int> RunClientAsync(InteropTarget target, IReadOnlyList<string> cases, TimeSpan callTimeout, CancellationToken cancellationToken)
    {
        using var channel = target.CreateChannel();
        var client = new InteropClient(channel.CreateCallInvoker(), callTimeout);
        var failed = await client.RunCasesAsync(cases, Console.Out, cancellationToken).ConfigureAwait(false);
        return failed == 0 ? 0 : 1;
    }
}
