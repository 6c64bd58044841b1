using System.Globalization;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace VirtRigaud.Provider.Libvirt.Transport;

/// <summary>
/// Runs commands on the libvirt host with the OpenSSH client as a process, the way libvirt's own ssh transport does
/// (ARCHITECTURE §3, API-REFERENCE §6.4):
/// <list type="bullet">
/// <item>host key verified against the Secret's known_hosts (<c>StrictHostKeyChecking=yes</c>,
/// <c>UserKnownHostsFile</c>, no global file, no ~/.ssh/config); the explicit escape hatch accepts new keys into an
/// ephemeral file and warns each time;</item>
/// <item>key authentication (<c>IdentitiesOnly</c>, key file 0600 in a memory-backed folder) or password through
/// <c>sshpass -e</c> (environment variable, never an argument);</item>
/// <item>ControlMaster multiplexing with the sockets in a private folder;</item>
/// <item>the remote command is one line of single-quoted words (<see cref="ShellQuoting"/>), prefixed with
/// <c>env LC_ALL=C</c>;</item>
/// <item>connect failures that are transient are retried (Polly, exponential from <see cref="SshSettings.RetryDelay"/>);</item>
/// <item>a semaphore caps concurrent remote commands.</item>
/// </list>
/// Thread-safe. <see cref="DisposeAsync"/> ends the master connection (<c>ssh -O exit</c>), so no ssh process outlives it.
/// </summary>
internal sealed partial class SshCommandRunner : ICommandRunner
{
    private readonly SshSettings _settings;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    private readonly ResiliencePipeline _retry;
    private int _disposed;

    public SshCommandRunner(SshSettings settings, ILogger logger, TimeProvider time)
    {
        _settings = settings;
        _logger = logger;
        _slots = new SemaphoreSlim(settings.MaxConcurrentCommands, settings.MaxConcurrentCommands);
        _retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<SshTransportException>(e => e.Failure == SshFailure.Unreachable),
                MaxRetryAttempts = Math.Max(1, settings.RetryAttempts),
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                OnRetry = args =>
                {
                    Log.SshRetry(_logger, _settings.Host, _settings.Port, args.AttemptNumber + 1, args.Outcome.Exception?.Message ?? string.Empty);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <inheritdoc />
    public bool IsRemote => true;

    /// <summary>The settings in use.</summary>
    public SshSettings Settings => _settings;

    /// <summary>Commands running right now (for tests of the cap).</summary>
    public int Running => _settings.MaxConcurrentCommands - _slots.CurrentCount;

    /// <inheritdoc />
    public async Task<CommandResult> RunAsync(IReadOnlyList<string> arguments, ReadOnlyMemory<byte>? standardInput, CancellationToken cancellationToken)
    {
        var remote = "env LC_ALL=C " + ShellQuoting.Join(arguments);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _retry.ExecuteAsync(
                async ct =>
                {
                    if (_settings.InsecureSkipHostKeyVerification)
                    {
                        Log.InsecureHostKey(_logger, _settings.Host, _settings.Port);
                    }

                    var (executable, argv, environment) = BuildCommand(remote, terminal: false);
                    var result = await ProcessRunner.RunAsync(executable, argv, environment, standardInput, ct).ConfigureAwait(false);
                    return Classify(result);
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <inheritdoc />
    public async Task<CommandResult> RunStreamingAsync(
        IReadOnlyList<string> arguments,
        Func<Stream, CancellationToken, Task>? writeInput,
        Func<Stream, CancellationToken, Task>? readOutput,
        CancellationToken cancellationToken)
    {
        var (executable, argv, environment) = BuildCommand("env LC_ALL=C " + ShellQuoting.Join(arguments), terminal: false);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_settings.InsecureSkipHostKeyVerification)
            {
                Log.InsecureHostKey(_logger, _settings.Host, _settings.Port);
            }

            // ssh passes the bytes through unchanged: -T allocates no terminal, so nothing is translated.
            return Classify(await ProcessRunner.RunStreamingAsync(executable, argv, environment, writeInput, readOutput, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// <c>ssh -tt</c>: the host allocates a pseudo-terminal for the command even though our standard input is a pipe;
    /// ssh's escape character is off so every byte reaches the command. Shares the master connection.
    /// </summary>
    public TerminalProcess StartWithTerminal(IReadOnlyList<string> arguments)
    {
        var (executable, argv, environment) = BuildCommand("env LC_ALL=C " + ShellQuoting.Join(arguments), terminal: true);
        return TerminalProcess.Start(executable, argv, environment);
    }

    /// <summary>Ends the master connection (when multiplexing) so no ssh process stays behind.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_settings.ControlDirectory is not null)
        {
            var argv = new List<string>(CommonOptions()) { "-O", "exit", _settings.Host };
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await ProcessRunner.RunAsync(_settings.SshExecutable, argv, new Dictionary<string, string>(), null, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _slots.Dispose();
        if (_settings.PrivateDirectory is { } directory)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }

    /// <summary>
    /// Sorts ssh's exit 255 by its diagnostic. ssh reports every failure of its own with exit 255 and a message on
    /// standard error; that message is the only signal it gives, so reading it is unavoidable here (a command that
    /// itself exits 255 without an ssh diagnostic stays an ordinary result).
    /// </summary>
    internal static CommandResult Classify(CommandResult result)
    {
        if (result.ExitCode != 255)
        {
            return result;
        }

        var error = result.StandardError;
        var failure =
            Contains(error, "Host key verification failed", "REMOTE HOST IDENTIFICATION HAS CHANGED", "host key is known", "No matching host key") ? SshFailure.HostKeyVerification
            : Contains(error, "Permission denied", "Too many authentication failures", "no more authentication methods") ? SshFailure.Authentication
            : Contains(
                error,
                "Connection refused",
                "Connection reset",
                "Connection timed out",
                "Operation timed out",
                "No route to host",
                "Network is unreachable",
                "kex_exchange_identification",
                "Connection closed by",
                "banner exchange",
                "Could not resolve hostname",
                "Temporary failure in name resolution",
                "Broken pipe") ? SshFailure.Unreachable
            : (SshFailure?)null;
        return failure is { } f ? throw new SshTransportException(f, error.Trim()) : result;
    }

    private static bool Contains(string text, params string[] needles) => needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase));

    private (string Executable, List<string> Arguments, Dictionary<string, string> Environment) BuildCommand(string remote, bool terminal)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var argv = new List<string>();
        string executable;
        if (_settings.Password is { } password)
        {
            executable = _settings.SshpassExecutable;
            environment["SSHPASS"] = password.RevealString();
            argv.Add("-e");
            argv.Add(_settings.SshExecutable);
        }
        else
        {
            executable = _settings.SshExecutable;
        }

        argv.AddRange(CommonOptions());
        argv.AddRange(terminal ? ["-tt", "-e", "none"] : ["-T"]);
        argv.Add("--");
        argv.Add(_settings.Host);
        argv.Add(remote);
        return (executable, argv, environment);
    }

    private List<string> CommonOptions()
    {
        var options = new List<string>
        {
            "-F", "/dev/null",
            "-p", _settings.Port.ToString(CultureInfo.InvariantCulture),
            "-l", _settings.User,
            "-o", $"UserKnownHostsFile={_settings.KnownHostsFile}",
            "-o", "GlobalKnownHostsFile=/dev/null",
            "-o", $"StrictHostKeyChecking={(_settings.InsecureSkipHostKeyVerification ? "accept-new" : "yes")}",
            "-o", "CheckHostIP=no",
            "-o", "UpdateHostKeys=no",
            "-o", $"ConnectTimeout={(int)Math.Ceiling(_settings.ConnectTimeout.TotalSeconds)}",
            "-o", "ServerAliveInterval=15",
            "-o", "ServerAliveCountMax=3",
            "-o", "LogLevel=ERROR",
        };
        if (_settings.Password is null)
        {
            options.AddRange(["-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "PreferredAuthentications=publickey", "-o", "PasswordAuthentication=no"]);
            if (_settings.IdentityFile is { } key)
            {
                options.AddRange(["-i", key]);
            }
        }
        else
        {
            options.AddRange(["-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password,keyboard-interactive", "-o", "NumberOfPasswordPrompts=1"]);
        }

        if (_settings.ControlDirectory is { } control)
        {
            options.AddRange([
                "-o", "ControlMaster=auto",
                "-o", $"ControlPath={Path.Combine(control, "cm-%C")}",
                "-o", $"ControlPersist={(int)Math.Ceiling(_settings.ControlPersist.TotalSeconds)}s",
            ]);
        }
        else
        {
            options.AddRange(["-o", "ControlMaster=no", "-o", "ControlPath=none"]);
        }

        return options;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9101, Level = LogLevel.Warning,
            Message = "ssh to {Host}:{Port}: host key verification is OFF (LIBVIRT_INSECURE_SKIP_HOST_KEY_VERIFICATION=true); any key is accepted on first use")]
        public static partial void InsecureHostKey(ILogger logger, string host, int port);

        [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "ssh to {Host}:{Port} failed transiently, attempt {Attempt}: {Error}")]
        public static partial void SshRetry(ILogger logger, string host, int port, int attempt, string error);
    }
}
