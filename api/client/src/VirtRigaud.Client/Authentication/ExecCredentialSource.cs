using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using VirtRigaud.Client.Configuration;

namespace VirtRigaud.Client.Authentication;

/// <summary>
/// Runs an exec credential plugin (client.authentication.k8s.io v1 or v1beta1) and caches its credential until the
/// plugin's <c>expirationTimestamp</c> (for ever when it gives none); a 401 drops the cache so the plugin runs again.
/// The plugin gets the client's environment plus <see cref="ExecConfig.Env"/> and <c>KUBERNETES_EXEC_INFO</c>
/// (<c>spec.interactive: false</c>, and the cluster when <c>provideClusterInfo</c>), an empty stdin, and
/// <see cref="PluginTimeout"/> to answer. Concurrent callers share one run. Thread-safe. Neither the token nor the key
/// is ever logged or put in an exception message.
/// </summary>
internal sealed class ExecCredentialSource : IBearerTokenSource, IDisposable
{
    /// <summary>How long a plugin may run before it is killed (client-go has no limit; a hung plugin would hang every request).</summary>
    public static readonly TimeSpan PluginTimeout = TimeSpan.FromMinutes(2);

    public const string ExecInfoVariable = "KUBERNETES_EXEC_INFO";
    public const string V1 = "client.authentication.k8s.io/v1";
    public const string V1Beta1 = "client.authentication.k8s.io/v1beta1";

    // The part of a failing plugin's stderr kept in the error message (diagnostics, not credentials).
    private const int StderrExcerptLength = 512;

    private readonly ExecConfig _exec;
    private readonly ExecCluster? _cluster;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Credential? _cached;

    /// <exception cref="KubeconfigException">The plugin's configuration is invalid (API version, interactive mode).</exception>
    public ExecCredentialSource(ExecConfig exec, ExecCluster? cluster, TimeProvider time, ILogger logger)
    {
        if (exec.ApiVersion is not (V1 or V1Beta1))
        {
            throw new KubeconfigException($"exec plugin: invalid apiVersion \"{exec.ApiVersion}\" (supported: {V1}, {V1Beta1})");
        }

        if (exec.ApiVersion == V1 && string.IsNullOrEmpty(exec.InteractiveMode))
        {
            throw new KubeconfigException($"exec plugin {exec.Command}: interactiveMode must be specified for {V1}");
        }

        if (exec.InteractiveMode is { Length: > 0 } mode && mode is not (ExecInteractiveMode.Never or ExecInteractiveMode.IfAvailable or ExecInteractiveMode.Always))
        {
            throw new KubeconfigException($"exec plugin {exec.Command}: invalid interactiveMode \"{mode}\" (Never, IfAvailable or Always)");
        }

        if (exec.InteractiveMode == ExecInteractiveMode.Always)
        {
            throw new KubeconfigException($"exec plugin {exec.Command}: interactiveMode Always needs a terminal, which this client never provides");
        }

        _exec = exec;
        _cluster = exec.ProvideClusterInfo == true ? cluster : null;
        _time = time;
        _logger = logger;
    }

    /// <summary>The client certificate of the current credential, if the plugin returned one (read at TLS handshakes).</summary>
    public X509Certificate2? CurrentClientCertificate => _cached?.Certificate;

    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) =>
        (await GetCredentialAsync(cancellationToken).ConfigureAwait(false)).Token;

    public bool Invalidate()
    {
        _cached = null;
        return true;
    }

    /// <summary>The cached credential if still valid, else a fresh one from the plugin.</summary>
    /// <exception cref="KubeconfigException">The plugin is missing, fails, times out or prints an invalid credential.</exception>
    public async ValueTask<Credential> GetCredentialAsync(CancellationToken cancellationToken)
    {
        var cached = _cached;
        if (IsValid(cached))
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cached = _cached;
            if (IsValid(cached))
            {
                return cached;
            }

            var fresh = await RunAsync(cancellationToken).ConfigureAwait(false);
            _cached = fresh;
            return fresh;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private bool IsValid([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] Credential? credential) =>
        credential is not null && (credential.Expiration is null || _time.GetUtcNow() < credential.Expiration);

    private async Task<Credential> RunAsync(CancellationToken cancellationToken)
    {
        ClientLog.ExecPluginRunning(_logger, _exec.Command);
        var start = new ProcessStartInfo(_exec.Command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in _exec.Args ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in _exec.Env ?? [])
        {
            start.Environment[variable.Name] = variable.Value;
        }

        var info = new ExecCredential
        {
            ApiVersion = _exec.ApiVersion,
            Kind = "ExecCredential",
            Spec = new ExecCredentialSpec { Interactive = false, Cluster = _cluster },
        };
        start.Environment[ExecInfoVariable] = JsonSerializer.Serialize(info, ExecCredentialJsonContext.Default.ExecCredential);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            var hint = string.IsNullOrEmpty(_exec.InstallHint) ? "" : Environment.NewLine + Environment.NewLine + _exec.InstallHint;
            throw new KubeconfigException($"exec: executable {_exec.Command} not found: {e.Message}{hint}", e);
        }

        // Non-interactive: the plugin reads EOF from stdin.
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(PluginTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var stdout = process.StandardOutput.ReadToEndAsync(linked.Token);
        var stderr = process.StandardError.ReadToEndAsync(linked.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new KubeconfigException($"exec plugin {_exec.Command} did not finish within {PluginTimeout}");
            }

            throw;
        }

        if (process.ExitCode != 0)
        {
            var excerpt = stderr.Result.Trim();
            if (excerpt.Length > StderrExcerptLength)
            {
                excerpt = excerpt[..StderrExcerptLength] + "…";
            }

            throw new KubeconfigException(string.Create(CultureInfo.InvariantCulture,
                $"exec plugin {_exec.Command} failed with exit code {process.ExitCode}{(excerpt.Length == 0 ? "" : ": " + excerpt)}"));
        }

        return Parse(stdout.Result);
    }

    private Credential Parse(string output)
    {
        ExecCredential? credential;
        try
        {
            credential = JsonSerializer.Deserialize(output, ExecCredentialJsonContext.Default.ExecCredential);
        }
        catch (JsonException e)
        {
            // The JSON error names a position, never the content.
            throw new KubeconfigException($"exec plugin {_exec.Command}: cannot decode its output as an ExecCredential: {e.Message}", e);
        }

        if (credential is null || credential.Kind != "ExecCredential")
        {
            throw new KubeconfigException($"exec plugin {_exec.Command}: the output is not an ExecCredential");
        }

        if (credential.ApiVersion != _exec.ApiVersion)
        {
            throw new KubeconfigException($"exec plugin is configured to use API version {_exec.ApiVersion}, plugin returned version {credential.ApiVersion}");
        }

        var status = credential.Status ?? throw new KubeconfigException($"exec plugin {_exec.Command} didn't return a status field");
        var hasCertificate = !string.IsNullOrEmpty(status.ClientCertificateData);
        var hasKey = !string.IsNullOrEmpty(status.ClientKeyData);
        if (string.IsNullOrEmpty(status.Token) && !hasCertificate)
        {
            throw new KubeconfigException($"exec plugin {_exec.Command} didn't return a token or cert/key pair");
        }

        if (hasCertificate != hasKey)
        {
            throw new KubeconfigException($"exec plugin {_exec.Command}: clientCertificateData and clientKeyData must both be set or both be unset");
        }

        var certificate = hasCertificate
            ? KubernetesClientConfiguration.LoadClientCertificatePem(status.ClientCertificateData!, status.ClientKeyData!, $"exec plugin {_exec.Command}")
            : null;
        ClientLog.ExecPluginCredential(_logger, _exec.Command, status.ExpirationTimestamp);
        return new Credential(string.IsNullOrEmpty(status.Token) ? null : status.Token, certificate, status.ExpirationTimestamp);
    }

    /// <summary>A plugin's credential. Secret: not printed.</summary>
    internal sealed record Credential(string? Token, X509Certificate2? Certificate, DateTimeOffset? Expiration)
    {
        public override string ToString() => $"Credential {{ Expiration = {Expiration:O} }}";
    }
}
