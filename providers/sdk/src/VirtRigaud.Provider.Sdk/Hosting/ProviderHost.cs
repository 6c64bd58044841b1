using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using VirtRigaud.Provider.Sdk.Credentials;
using VirtRigaud.Provider.Sdk.Security;

namespace VirtRigaud.Provider.Sdk.Hosting;

/// <summary>
/// Runs a provider implementation as a process; a provider's whole <c>Program.cs</c> is
/// <code>return await ProviderHost.RunAsync(args, services => services.AddSingleton&lt;ProviderServiceBase, MyProvider&gt;());</code>
/// Flags are upstream's (<c>--port</c> 9443, <c>--health-port</c> 8080) plus the directories and the bind address;
/// the environment supplies the rest (<see cref="ProviderEnvironmentVariables"/>). The process runs until SIGTERM or
/// SIGINT, drains (<see cref="ProviderServer"/>) and exits 0; other exit codes are in <see cref="ProviderExitCodes"/>.
/// A refusal or usage error prints one line, <c>&lt;program&gt;: &lt;reason&gt;</c>, on standard error.
/// </summary>
public static class ProviderHost
{
    /// <summary>Parses <paramref name="args"/> and this process's environment, then runs the provider until SIGTERM or SIGINT.</summary>
    /// <returns>The exit code (<see cref="ProviderExitCodes"/>).</returns>
    public static Task<int> RunAsync(string[] args, Action<IServiceCollection> configureServices) =>
        RunAsync(args, configureServices, ProviderEnvironment.FromProcess(), Console.Out, Console.Error, CancellationToken.None);

    /// <summary>
    /// As <see cref="RunAsync(string[], Action{IServiceCollection})"/> with the environment and the output streams
    /// given; <paramref name="cancellationToken"/> acts as SIGTERM. For tests and embedding.
    /// </summary>
    public static async Task<int> RunAsync(
        string[] args,
        Action<IServiceCollection> configureServices,
        ProviderEnvironment environment,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        // The binary's name (virtrigaud-provider-libvirt), also under `dotnet provider.dll`.
        var program = Path.GetFileNameWithoutExtension(Environment.ProcessPath) is { Length: > 0 } name && name != "dotnet"
            ? name
            : System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name ?? "virtrigaud-provider";
        var root = CreateCommand(program, (options, token) => ServeAsync(options, configureServices, environment, output, error, program, token), environment, error);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync($"{program}: {problem.Message}").ConfigureAwait(false);
            }

            await error.WriteLineAsync($"Run '{program} --help' for the flags.").ConfigureAwait(false);
            return ProviderExitCodes.Usage;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null }, stop.Token).ConfigureAwait(false);
    }

    /// <summary>The command line: flags, their defaults, and the action that runs <paramref name="run"/> with the options built from flags and environment.</summary>
    internal static RootCommand CreateCommand(
        string program,
        Func<ProviderRuntimeOptions, CancellationToken, Task<int>> run,
        ProviderEnvironment environment,
        TextWriter error)
    {
        var defaults = new ProviderRuntimeOptions();
        var port = PortOption("--port", "gRPC port.", defaults.Port);
        var healthPort = PortOption("--health-port", "HTTP port of /healthz, /readyz, /health and /metrics.", defaults.HealthPort);
        var credentialsDir = new Option<string>("--credentials-dir")
        {
            Description = "Directory of the mounted credentials Secret (one file per key).",
            DefaultValueFactory = _ => ProviderCredentials.DefaultDirectory,
        };
        var tlsDir = new Option<string>("--tls-dir")
        {
            Description = "Directory of the mounted TLS Secret (tls.crt, tls.key, ca.crt); without it the provider refuses to start unless VIRTRIGAUD_PROVIDER_INSECURE=true.",
            DefaultValueFactory = _ => ProviderTls.DefaultDirectory,
        };
        var bindAddress = new Option<string>("--bind-address") { Description = "IP address both ports listen on.", DefaultValueFactory = _ => defaults.BindAddress };
        var root = new RootCommand($"{program}: a VirtRigaud provider (provider.v1 gRPC). Environment: PROVIDER_TYPE, PROVIDER_ENDPOINT, PROVIDER_NAMESPACE, PROVIDER_NAME, "
            + "TLS_ENABLED, TLS_INSECURE_SKIP_VERIFY, LOG_LEVEL (debug|info|warn|error), LOG_FORMAT (text|json), PROVIDER_DEFAULT_{DATASTORE,STORAGE_POD,CLUSTER,FOLDER}, "
            + "VIRTRIGAUD_PROVIDER_ALLOWED_SANS, VIRTRIGAUD_PROVIDER_INSECURE.")
        {
            port, healthPort, credentialsDir, tlsDir, bindAddress,
        };
        root.SetAction(async (result, cancellationToken) =>
        {
            var errors = new List<string>();
            var options = ProviderConfiguration.ApplyEnvironment(
                defaults with
                {
                    Port = result.GetValue(port),
                    HealthPort = result.GetValue(healthPort),
                    CredentialsDirectory = result.GetValue(credentialsDir)!,
                    TlsDirectory = result.GetValue(tlsDir)!,
                    BindAddress = result.GetValue(bindAddress)!,
                },
                environment,
                errors);
            if (errors.Count > 0)
            {
                foreach (var problem in errors)
                {
                    await error.WriteLineAsync($"{program}: {problem}").ConfigureAwait(false);
                }

                return ProviderExitCodes.Usage;
            }

            return await run(options, cancellationToken).ConfigureAwait(false);
        });
        return root;
    }

    private static Option<int> PortOption(string name, string description, int defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 65535)
            {
                return value;
            }

            result.AddError($"{name} {text} is not a port number (0-65535)");
            return defaultValue;
        },
    };

    private static async Task<int> ServeAsync(
        ProviderRuntimeOptions options,
        Action<IServiceCollection> configureServices,
        ProviderEnvironment environment,
        TextWriter output,
        TextWriter error,
        string program,
        CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        ProviderServer server;
        try
        {
            server = await ProviderServer.StartAsync(options, configureServices, new ProviderStartOptions { Environment = environment, LogOutput = output }, stop.Token)
                .ConfigureAwait(false);
        }
        catch (ProviderStartupException e)
        {
            await error.WriteLineAsync($"{program}: {e.Message}").ConfigureAwait(false);
            return e.ExitCode;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await error.WriteLineAsync($"{program}: interrupted while starting").ConfigureAwait(false);
            return ProviderExitCodes.Failure;
        }

        await using (server.ConfigureAwait(false))
        {
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // SIGTERM or SIGINT: drain in order.
            }

            await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return ProviderExitCodes.Success;

        void Stop(PosixSignalContext context)
        {
            // Keep the process alive: the server drains and RunAsync returns the exit code.
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
