using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;

namespace VirtRigaud.Provider.Conformance.Cli;

/// <summary>
/// The command line of <c>virtrigaud-provider-conformance</c>:
/// <code>
/// virtrigaud-provider-conformance --address HOST:PORT (--tls --ca F [--cert F --key F] [--server-name N] | --insecure)
///     [--cases a,b|all] [--inputs inputs.json] [--junit report.xml] [--prefix P] [--task-timeout S] [--case-timeout S] [--keep]
/// virtrigaud-provider-conformance --list
/// </code>
/// Prints one line per case (<c>PASS</c>/<c>FAIL</c>/<c>SKIP</c>) and a summary. Exit codes: 0 every case passed or was
/// honestly skipped, 1 a case failed, 2 nothing ran (the command line, the inputs or the TLS files are unusable, or
/// the provider cannot be reached or refuses the client), 130 interrupted (the running case cleaned up first).
/// </summary>
public static class ConformanceCommandLine
{
    public const int ExitPassed = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;

    /// <summary>Interrupted (SIGINT/SIGTERM) after the running case's cleanup: 128 + SIGINT, as shells report it.</summary>
    public const int ExitInterrupted = 130;

    /// <summary>Parses <paramref name="args"/> and runs; never throws for bad input (exit code 2 with the reason on <paramref name="error"/>).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = Create();
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync($"virtrigaud-provider-conformance: {parseError.Message}".AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            await error.WriteLineAsync("run with --help for usage".AsMemory(), cancellationToken).ConfigureAwait(false);
            return ExitUsage;
        }

        // On SIGINT/SIGTERM the running case still deletes what it made, within its cleanup bound.
        var invocation = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = ConformanceRunnerOptions.DefaultCleanupTimeout };
        return await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The root command (for help text and tests).</summary>
    public static RootCommand Create()
    {
        var address = new Option<string?>("--address") { Description = "The provider's gRPC endpoint, host:port ([v6]:port for IPv6)." };
        var tls = new Option<bool>("--tls") { Description = "Connect with TLS 1.3 (mutual TLS with --cert/--key), trusting only --ca." };
        var ca = new Option<string?>("--ca") { Description = "With --tls: PEM CA certificate(s) the provider's certificate must chain to (its ca.crt)." };
        var cert = new Option<string?>("--cert") { Description = "With --tls: PEM client certificate (providers require one; the manager uses the provider Secret's tls.crt)." };
        var key = new Option<string?>("--key") { Description = "With --tls: PEM private key of --cert." };
        var serverName = new Option<string?>("--server-name")
        {
            Description = "With --tls: the name the provider's certificate must carry, also sent as SNI (the manager uses virtrigaud-provider-<ns>-<name>.<ns>.svc.cluster.local). Default: the --address host.",
        };
        var insecure = new Option<bool>("--insecure") { Description = "Connect in plaintext (h2c), for providers started with VIRTRIGAUD_PROVIDER_INSECURE=true." };
        var cases = new Option<string>("--cases")
        {
            Description = $"Comma-separated case names, or all: {string.Join(", ", ConformanceCases.Names)}.",
            DefaultValueFactory = _ => "all",
        };
        var inputs = new Option<string?>("--inputs") { Description = "JSON file of provider-specific inputs (images, class, networks, disk URLs); see the README." };
        var junit = new Option<string?>("--junit") { Description = "Write a JUnit XML report to this file." };
        var prefix = new Option<string?>("--prefix") { Description = "Prefix of every name the run creates (default vrc- and 6 random hex digits)." };
        var taskTimeout = PositiveSeconds("--task-timeout", "How long one provider task may run, in seconds.", ConformanceRunnerOptions.DefaultTaskTimeout);
        var caseTimeout = PositiveSeconds("--case-timeout", "How long one case may run, in seconds.", ConformanceRunnerOptions.DefaultCaseTimeout);
        var keep = new Option<bool>("--keep") { Description = "Do not delete what the cases created (to inspect a failure)." };
        var list = new Option<bool>("--list") { Description = "List the cases and what each checks, then exit." };

        var root = new RootCommand(
            "Runs the VirtRigaud provider conformance cases against a provider.v1 gRPC endpoint. Exit code 0: every case passed or was honestly skipped; 1: a case failed; 2: usage, inputs or TLS files.")
        {
            address, tls, ca, cert, key, serverName, insecure, cases, inputs, junit, prefix, taskTimeout, caseTimeout, keep, list,
        };
        root.Validators.Add(result =>
        {
            if (result.GetValue(list))
            {
                return;
            }

            if (result.GetValue(address) is not { } given)
            {
                result.AddError("--address is required");
            }
            else
            {
                try
                {
                    ProviderTarget.ParseAddress(given);
                }
                catch (FormatException e)
                {
                    result.AddError(e.Message);
                }
            }

            var useTls = result.GetValue(tls);
            if (useTls == result.GetValue(insecure))
            {
                result.AddError("give exactly one of --tls (with --ca) and --insecure");
            }

            if (useTls && result.GetValue(ca) is null)
            {
                result.AddError("--tls needs --ca: the provider's certificate is verified against that CA only, never the system roots");
            }

            if (result.GetValue(cert) is null != result.GetValue(key) is null)
            {
                result.AddError("--cert and --key go together");
            }

            if (!useTls && (result.GetValue(ca) ?? result.GetValue(cert) ?? result.GetValue(key) ?? result.GetValue(serverName)) is not null)
            {
                result.AddError("--ca, --cert, --key and --server-name need --tls");
            }

            try
            {
                ConformanceCases.ParseSelection(result.GetValue(cases) ?? "all");
            }
            catch (ArgumentException e)
            {
                result.AddError(e.Message);
            }

            try
            {
                new ConformanceRunnerOptions { RunPrefix = result.GetValue(prefix) }.Validate();
            }
            catch (ArgumentException e)
            {
                result.AddError(e.Message);
            }
        });

        root.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            if (result.GetValue(list))
            {
                await ListAsync(output, cancellationToken).ConfigureAwait(false);
                return ExitPassed;
            }

            var (host, port) = ProviderTarget.ParseAddress(result.GetValue(address)!);
            var target = new ProviderTarget
            {
                Host = host,
                Port = port,
                Tls = result.GetValue(tls),
                CaPath = result.GetValue(ca),
                CertificatePath = result.GetValue(cert),
                KeyPath = result.GetValue(key),
                ServerName = result.GetValue(serverName),
            };
            var options = new ConformanceRunnerOptions
            {
                RunPrefix = result.GetValue(prefix),
                TaskTimeout = TimeSpan.FromSeconds(result.GetValue(taskTimeout)),
                CaseTimeout = TimeSpan.FromSeconds(result.GetValue(caseTimeout)),
                KeepResources = result.GetValue(keep),
            };
            return await RunCasesAsync(
                target, ConformanceCases.ParseSelection(result.GetValue(cases) ?? "all"), result.GetValue(inputs), result.GetValue(junit), options, output, error, cancellationToken)
                .ConfigureAwait(false);
        });
        return root;
    }

    private static Option<int> PositiveSeconds(string name, string description, TimeSpan defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => (int)defaultValue.TotalSeconds };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError($"{name} must be a positive number of seconds");
            }
        });
        return option;
    }

    private static async Task ListAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var width = ConformanceCases.Names.Max(n => n.Length);
        foreach (var conformanceCase in ConformanceCases.All)
        {
            await output.WriteLineAsync($"{conformanceCase.Name.PadRight(width)}  {conformanceCase.Description}".AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> RunCasesAsync(
        ProviderTarget target,
        IReadOnlyList<string> cases,
        string? inputsPath,
        string? junitPath,
        ConformanceRunnerOptions options,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        ConformanceFixture fixture;
        ProviderChannel channel;
        try
        {
            fixture = inputsPath is null ? ConformanceFixture.Default : await ConformanceFixture.LoadAsync(inputsPath, cancellationToken).ConfigureAwait(false);
            channel = target.CreateChannel();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or CryptographicException or ArgumentException)
        {
            await error.WriteLineAsync($"virtrigaud-provider-conformance: {e.Message}".AsMemory(), cancellationToken).ConfigureAwait(false);
            return ExitUsage;
        }

        using (channel)
        {
            // Fail fast rather than wait for a provider that is not there: a conformance run is started by hand or by CI
            // against a provider that should already be up (the manager waits; we do not).
            var invoker = channel.Channel.CreateCallInvoker();
            var client = new ProviderClient(invoker, new ProviderClientOptions { WaitForReady = false });
            var mode = target.Tls ? (target.CertificatePath is null ? "TLS" : "mutual TLS") : "h2c";
            try
            {
                await client.ValidateAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Unauthenticated or StatusCode.PermissionDenied)
            {
                await error.WriteLineAsync(
                    $"virtrigaud-provider-conformance: cannot use the provider at {target.Display} ({mode}): {e.StatusCode} {e.Status.Detail}".AsMemory(), cancellationToken)
                    .ConfigureAwait(false);
                return ExitUsage;
            }
            catch (RpcException)
            {
                // Any other answer means the provider is there; the validate case reports what is wrong with it.
            }

            var runner = new ConformanceRunner(client, fixture, options, invoker);
            await output.WriteLineAsync(
                string.Create(CultureInfo.InvariantCulture, $"provider {target.Display} ({mode}), {cases.Count} case(s), names prefixed {runner.RunPrefix}-").AsMemory(),
                cancellationToken).ConfigureAwait(false);
            ConformanceReport report;
            try
            {
                report = await runner.RunAsync(cases, target.Display, output, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await error.WriteLineAsync("virtrigaud-provider-conformance: interrupted; the running case cleaned up".AsMemory(), CancellationToken.None).ConfigureAwait(false);
                return ExitInterrupted;
            }

            await output.WriteLineAsync(report.FormatSummary().AsMemory(), cancellationToken).ConfigureAwait(false);
            if (junitPath is not null)
            {
                await JUnitReportWriter.WriteFileAsync(report, junitPath, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"JUnit report: {Path.GetFullPath(junitPath)}".AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            return report.Failed == 0 ? ExitPassed : ExitFailed;
        }
    }
}
