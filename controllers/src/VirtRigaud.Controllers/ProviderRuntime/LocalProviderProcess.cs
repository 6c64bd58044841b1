using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using VirtRigaud.Client.Events;
using VirtRigaud.Controllers.Providers;

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>
/// One Local provider: a child process kept running from one <see cref="LocalLaunchSpec"/>. Its loop starts the binary
/// on fresh loopback ports, waits for <c>/healthz</c>, waits for the exit, and starts it again after a
/// <see cref="RestartBackoff"/> delay — until <see cref="StopAsync"/> (SIGTERM, then SIGKILL after the grace period).
/// Every state change updates <see cref="Status"/> and calls the change callback (which enqueues the Provider).
/// </summary>
/// <remarks>
/// Files: <c>&lt;instance&gt;/tls/</c> holds the server certificate, key and CA (TLS) or nothing (plaintext), and the
/// credentials live in a fresh private temporary directory, removed on stop. Thread-safe.
/// </remarks>
internal sealed class LocalProviderProcess
{
    /// <summary>How long one <c>/healthz</c> request may take while the process starts.</summary>
    public static readonly TimeSpan HealthRequestTimeout = TimeSpan.FromSeconds(2);

    // Variables a provider reads for its own configuration: never inherited from the manager's environment, so a
    // manager started with VIRTRIGAUD_PROVIDER_INSECURE=true (or a hypervisor password) does not leak it to children.
    private static readonly string[] FilteredPrefixes = ["PROVIDER_", "VIRTRIGAUD_", "TLS_", "LOG_", "LIBVIRT_", "PVE_", "PROXMOX_"];

    private readonly LocalProviderOptions _options;
    private readonly LocalProcessLauncher _launcher;
    private readonly LocalCertificateAuthority _ca;
    private readonly ProviderTlsMaterial? _clientTls;
    private readonly HttpClient _http;
    private readonly EventRecorder _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action _changed;
    private readonly RestartBackoff _backoff;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly string _instanceDirectory;
    private readonly string _tlsDirectory;
    private OutputTail _stderr;
    private string? _credentialsDirectory;
    private string _credentialsFingerprint = "";
    private Process? _process;
    private Task _loop = Task.CompletedTask;
    private volatile LocalProcessStatus _status;
    private int _restarts;

    public LocalProviderProcess(
        LocalLaunchSpec spec,
        LocalProviderOptions options,
        LocalProcessLauncher launcher,
        LocalCertificateAuthority ca,
        ProviderTlsMaterial? clientTls,
        HttpClient http,
        EventRecorder events,
        TimeProvider time,
        ILogger logger,
        Action changed)
    {
        Spec = spec;
        _options = options;
        _launcher = launcher;
        _ca = ca;
        _clientTls = clientTls;
        _http = http;
        _events = events;
        _time = time;
        _logger = logger;
        _changed = changed;
        _backoff = new RestartBackoff(options);
        _stderr = new OutputTail(options.StderrTailLines, Secrets(spec));
        _instanceDirectory = LocalProviderBinaries.InstanceDirectory(options, spec.Key.Namespace, spec.Key.Name);
        _tlsDirectory = Path.Combine(_instanceDirectory, "tls");
        RestartFingerprint = spec.RestartFingerprint();
        _status = new LocalProcessStatus { State = LocalProcessState.Starting, Message = "starting", Tls = clientTls };
    }

    /// <summary>What the process was started from.</summary>
    public LocalLaunchSpec Spec { get; private set; }

    /// <summary>The spec's restart fingerprint.</summary>
    public string RestartFingerprint { get; }

    /// <summary>The current state.</summary>
    public LocalProcessStatus Status => _status;

    /// <summary>Prepares the directories and starts the loop. Call once.</summary>
    /// <exception cref="IOException">A directory or file could not be written.</exception>
    public void Start()
    {
        PrivateDirectory.Create(_instanceDirectory);
        PrivateDirectory.Create(_tlsDirectory);
        _credentialsDirectory = Directory.CreateTempSubdirectory("virtrigaud-provider-credentials-").FullName;
        PrivateDirectory.Create(_credentialsDirectory);
        WriteCredentials(Spec);
        _loop = Task.Run(() => LoopAsync(_stop.Token));
    }

    /// <summary>Takes a new spec with the same restart fingerprint: rewrites the credential files if they changed.</summary>
    public void Update(LocalLaunchSpec spec)
    {
        lock (_gate)
        {
            Spec = spec;
            if (spec.CredentialsFingerprint() != _credentialsFingerprint)
            {
                WriteCredentials(spec);
                _stderr = new OutputTail(_options.StderrTailLines, Secrets(spec));
            }
        }
    }

    /// <summary>Stops the process for good: SIGTERM, SIGKILL after the grace period, credentials removed. Idempotent.</summary>
    public async Task StopAsync()
    {
        Process? process;
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                process = null;
            }
            else
            {
                _stop.Cancel();
                process = _process;
            }
        }

        if (process is not null)
        {
            await TerminateAsync(process).ConfigureAwait(false);
        }

        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (_credentialsDirectory is { } credentials && Directory.Exists(credentials))
        {
            Directory.Delete(credentials, recursive: true);
        }

        _status = _status with { State = LocalProcessState.Stopped, ProcessId = null, Message = "stopped" };
    }

    private async Task LoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var ports = LoopbackPorts.Take(2);
            var endpoint = $"127.0.0.1:{ports[0].ToString(CultureInfo.InvariantCulture)}";
            var started = _time.GetTimestamp();
            int exitCode;
            string reason;
            try
            {
                var (code, why) = await RunOnceAsync(ports[0], ports[1], endpoint, stopping).ConfigureAwait(false);
                (exitCode, reason) = (code, why);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Win32Exception or IOException or UnauthorizedAccessException)
            {
                // The binary could not be executed (permissions, format) or a file could not be written.
                (exitCode, reason) = (-1, $"could not start {Spec.Command.Binary}: {e.Message}");
            }

            if (stopping.IsCancellationRequested)
            {
                return;
            }

            var ranFor = _time.GetElapsedTime(started);
            var delay = _backoff.Next(ranFor);
            var restarts = Interlocked.Increment(ref _restarts);
            var tail = _stderr.Text();
            var message = $"{reason}; restarting in {Seconds(delay)} (restart {restarts})" + (tail.Length > 0 ? $"; last stderr: {tail}" : "");
            _status = _status with { State = LocalProcessState.BackingOff, ProcessId = null, LastExitCode = exitCode, Restarts = restarts, Message = message };
            ProviderRuntimeLog.ProcessExited(_logger, Spec.Key.Namespace, Spec.Key.Name, exitCode, delay);
            _events.Event(Spec.Owner, EventTypes.Warning, ProviderConditions.EventProcessExited, message);
            _changed();
            await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the process once; returns its exit code and a sentence saying how it ended.</summary>
    private async Task<(int ExitCode, string Reason)> RunOnceAsync(int grpcPort, int healthPort, string endpoint, CancellationToken stopping)
    {
        PrepareTlsDirectory();
        var start = StartInfo(grpcPort, healthPort);
        _stderr.Clear();
        var process = await _launcher.StartAsync(start).ConfigureAwait(false);
        lock (_gate)
        {
            if (stopping.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                process.Dispose();
                throw new OperationCanceledException(stopping);
            }

            _process = process;
        }

        try
        {
            var tail = _stderr;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { } line)
                {
                    ProviderRuntimeLog.ProcessOutput(_logger, Spec.Key.Namespace, Spec.Key.Name, tail.Mask(line));
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is { } line)
                {
                    tail.Add(line);
                    ProviderRuntimeLog.ProcessError(_logger, Spec.Key.Namespace, Spec.Key.Name, tail.Mask(line));
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var pid = process.Id;
            ProviderRuntimeLog.ProcessStarted(_logger, Spec.Key.Namespace, Spec.Key.Name, pid, endpoint, _launcher.ParentDeathSignal);
            _status = _status with
            {
                State = LocalProcessState.Starting,
                Endpoint = endpoint,
                ProcessId = pid,
                Restarts = _restarts,
                Message = $"started {Path.GetFileName(Spec.Command.Binary)} (pid {pid}) on {endpoint}; waiting for /healthz",
            };
            _events.Event(Spec.Owner, EventTypes.Normal, ProviderConditions.EventProcessStarted, $"started {Path.GetFileName(Spec.Command.Binary)} (pid {pid}) on {endpoint}");
            _changed();

            if (await WaitHealthyAsync(process, healthPort, stopping).ConfigureAwait(false))
            {
                _status = _status with { State = LocalProcessState.Running, Message = $"pid {pid} serving on {endpoint}" + (_restarts > 0 ? $" (restarts: {_restarts})" : "") };
                _changed();
            }
            else if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(stopping).ConfigureAwait(false);
                return (process.ExitCode, $"pid {pid} did not answer /healthz within {Seconds(_options.StartupTimeout)} and was killed");
            }

            await process.WaitForExitAsync(stopping).ConfigureAwait(false);
            return (process.ExitCode, $"pid {pid} exited with code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}");
        }
        finally
        {
            lock (_gate)
            {
                if (ReferenceEquals(_process, process) && !stopping.IsCancellationRequested)
                {
                    _process = null;
                    process.Dispose();
                }
            }
        }
    }

    private async Task<bool> WaitHealthyAsync(Process process, int healthPort, CancellationToken stopping)
    {
        var url = new Uri($"http://127.0.0.1:{healthPort.ToString(CultureInfo.InvariantCulture)}/healthz");
        var deadline = _time.GetTimestamp();
        while (_time.GetElapsedTime(deadline) < _options.StartupTimeout)
        {
            if (process.HasExited)
            {
                return false;
            }

            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(stopping))
            {
                attempt.CancelAfter(HealthRequestTimeout);
                try
                {
                    using var response = await _http.GetAsync(url, attempt.Token).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return true;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    // This attempt timed out; try again.
                }
            }

            await Task.Delay(_options.StartupProbeInterval, _time, stopping).ConfigureAwait(false);
        }

        return false;
    }

    private async Task TerminateAsync(Process process)
    {
        try
        {
            if (process.HasExited)
            {
                return;
            }

            ProviderRuntimeLog.ProcessStopping(_logger, Spec.Key.Namespace, Spec.Key.Name);
            PosixSignals.Send(process.Id, PosixSignals.SigTerm);
            using var grace = new CancellationTokenSource(_options.StopGracePeriod, _time);
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // The process object no longer refers to a running process.
        }
        finally
        {
            lock (_gate)
            {
                _process = null;
            }

            process.Dispose();
        }
    }

    private ProcessStartInfo StartInfo(int grpcPort, int healthPort)
    {
        var start = new ProcessStartInfo(Spec.Command.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _instanceDirectory,
        };
        foreach (var argument in Spec.Command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add($"--port={grpcPort.ToString(CultureInfo.InvariantCulture)}");
        start.ArgumentList.Add($"--health-port={healthPort.ToString(CultureInfo.InvariantCulture)}");
        start.ArgumentList.Add("--bind-address=127.0.0.1");
        start.ArgumentList.Add($"--credentials-dir={_credentialsDirectory}");
        start.ArgumentList.Add($"--tls-dir={_tlsDirectory}");
        foreach (var name in start.Environment.Keys.Where(k => FilteredPrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))).ToList())
        {
            start.Environment.Remove(name);
        }

        if (Spec.Command.DotnetRoot is { } dotnetRoot && !(start.Environment.TryGetValue("DOTNET_ROOT", out var inherited) && !string.IsNullOrEmpty(inherited)))
        {
            // An apphost finds the runtime only in default locations or through DOTNET_ROOT: give it the manager's.
            start.Environment["DOTNET_ROOT"] = dotnetRoot;
        }

        if (Spec.Tls)
        {
            // Only the manager's client certificate is accepted; the Provider's own env may still override it.
            start.Environment["VIRTRIGAUD_PROVIDER_ALLOWED_SANS"] = LocalCertificateAuthority.ManagerIdentity;
        }

        foreach (var (name, value) in Spec.Environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private void PrepareTlsDirectory()
    {
        foreach (var file in ProviderRuntimeNames.TlsSecretKeys)
        {
            File.Delete(Path.Combine(_tlsDirectory, file));
        }

        if (!Spec.Tls)
        {
            return;
        }

        // A fresh server certificate per start; the CA (which also verifies the manager's client certificate) is stable.
        var (certificate, key) = _ca.IssueServer($"virtrigaud-provider-{Spec.Key.Namespace}-{Spec.Key.Name}");
        PrivateDirectory.WriteFile(Path.Combine(_tlsDirectory, "tls.key"), key);
        PrivateDirectory.WriteFile(Path.Combine(_tlsDirectory, "tls.crt"), certificate);
        PrivateDirectory.WriteFile(Path.Combine(_tlsDirectory, "ca.crt"), _ca.CaPem);
    }

    private void WriteCredentials(LocalLaunchSpec spec)
    {
        var directory = _credentialsDirectory!;
        foreach (var stale in Directory.GetFiles(directory).Where(f => !spec.Credentials.ContainsKey(Path.GetFileName(f))))
        {
            File.Delete(stale);
        }

        foreach (var (key, value) in spec.Credentials)
        {
            // Secret keys are validated by the API server ([-._a-zA-Z0-9]+); still, never write outside the directory.
            if (key is "." or ".." || key.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            PrivateDirectory.WriteFile(Path.Combine(directory, key), value);
        }

        _credentialsFingerprint = spec.CredentialsFingerprint();
    }

    private static List<string> Secrets(LocalLaunchSpec spec) =>
        [.. spec.Credentials.Values.Select(v => System.Text.Encoding.UTF8.GetString(v))];

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
