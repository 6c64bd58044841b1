using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace VirtRigaud.Provider.Mock.Faults;

/// <summary>
/// Keeps <see cref="FaultInjector"/> in step with the fault file (<c>--faults-file</c>): read at start (an invalid
/// file then stops the start), then polled every <see cref="FaultsFileOptions.ReloadInterval"/> by content, which also
/// catches a Kubernetes ConfigMap update (a symlink swap that file-system watchers miss). A changed file that does not
/// validate is logged and ignored: the previous configuration stays in force. A missing file means the inline
/// configuration (<c>--faults</c>), or none. Runs on the host's lifetime; thread-safe.
/// </summary>
public sealed class FaultsFileWatcher(FaultsFileOptions options, FaultInjector faults, TimeProvider time, ILogger<FaultsFileWatcher> logger) : BackgroundService
{
    private string? _lastDigest;

    /// <summary>Applies the file (or the inline configuration) once, then starts polling.</summary>
    /// <exception cref="InvalidOperationException">The file or the inline configuration is invalid at start.</exception>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Poll(throwOnInvalid: true))
        {
            ApplyInline();
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Re-reads the file now (tests and the poll loop). Returns whether a file was present. Mutates the injector when the content changed.</summary>
    public bool Poll(bool throwOnInvalid = false)
    {
        if (options.Path is not { Length: > 0 } path)
        {
            return false;
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            if (_lastDigest is not null)
            {
                // The file went away: back to the inline configuration.
                _lastDigest = null;
                ApplyInline();
            }

            return false;
        }
        catch (IOException e)
        {
            MockLog.FaultsRejected(logger, path, e.Message);
            return true;
        }

        var digest = Convert.ToHexString(SHA256.HashData(content));
        if (digest == _lastDigest)
        {
            return true;
        }

        _lastDigest = digest;
        try
        {
            Apply(MockFaultConfiguration.Parse(System.Text.Encoding.UTF8.GetString(content)), path);
        }
        catch (FormatException e)
        {
            if (throwOnInvalid)
            {
                throw new InvalidOperationException($"fault file {path}: {e.Message}", e);
            }

            MockLog.FaultsRejected(logger, path, e.Message);
        }

        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Path is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.ReloadInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Poll();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }

    private void ApplyInline()
    {
        if (options.Inline is { } inline)
        {
            Apply(inline, "--faults");
        }
        else if (faults.Configuration != MockFaultConfiguration.None)
        {
            Apply(MockFaultConfiguration.None, "(no fault file)");
        }
    }

    private void Apply(MockFaultConfiguration configuration, string source)
    {
        faults.Configure(configuration);
        MockLog.FaultsApplied(logger, source, configuration.Down, configuration.Rpcs?.Count ?? 0, configuration.Tasks?.Count ?? 0);
    }
}
