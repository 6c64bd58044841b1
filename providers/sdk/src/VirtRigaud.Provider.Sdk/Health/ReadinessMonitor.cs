using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Sdk.Credentials;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.Sdk.Hosting;
using VirtRigaud.Provider.Sdk.Logging;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Sdk.Health;

/// <summary>
/// Keeps <see cref="ProviderLifecycle"/> readiness current by calling the implementation's Validate in-process,
/// at start and then every <see cref="ProviderRuntimeOptions.ReadinessInterval"/>, each bounded by
/// <see cref="ProviderRuntimeOptions.ReadinessTimeout"/>:
/// <code>
/// Validate                          ready   message
/// ok = true                         yes     ""
/// ok = false                        no      its message
/// UNIMPLEMENTED                     yes     "Validate is not implemented; ready once listening"
/// ProviderException / RpcException  no      its message
/// no answer within the timeout      no      "Validate did not answer within …"
/// anything else                     no      a generic message with a reference (the exception is logged)
/// </code>
/// Probes read the cached result, so kubelet and Prometheus never drive hypervisor traffic. Transitions are logged.
/// One loop per process; <see cref="RunAsync"/> ends when its token fires.
/// </summary>
internal sealed class ReadinessMonitor
{
    private readonly ProviderServiceBase _provider;
    private readonly ProviderLifecycle _lifecycle;
    private readonly ProviderRuntimeOptions _options;
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ReadinessMonitor(
        ProviderServiceBase provider,
        ProviderLifecycle lifecycle,
        ProviderRuntimeOptions options,
        SecretRedactor redactor,
        TimeProvider time,
        ILogger<ReadinessMonitor> logger)
    {
        _provider = provider;
        _lifecycle = lifecycle;
        _options = options;
        _redactor = redactor;
        _time = time;
        _logger = logger;
    }

    /// <summary>Checks now, then every interval until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await CheckAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(_options.ReadinessInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    /// <summary>Runs one check and records it in the lifecycle (mutates it).</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var (ready, message) = await ValidateAsync(cancellationToken).ConfigureAwait(false);
        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        message = _redactor.Redact(message);
        var changed = _lifecycle.RecordReadiness(ready, message, _time.GetUtcNow(), _time.GetElapsedTime(started));
        if (changed && ready)
        {
            ProviderSdkLog.Ready(_logger, message.Length == 0 ? "(Validate ok)" : $"({message})");
        }
        else if (changed)
        {
            ProviderSdkLog.NotReady(_logger, message);
        }
    }

    private async Task<(bool Ready, string Message)> ValidateAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ReadinessTimeout);
        var context = new InProcessCallContext(ProviderMethods.Validate.FullName, _time.GetUtcNow() + _options.ReadinessTimeout, timeout.Token);
        try
        {
            var response = await _provider.ValidateAsync(new ValidateRequest(), context).WaitAsync(timeout.Token).ConfigureAwait(false);
            return response.Ok ? (true, "") : (false, response.Message.Length > 0 ? response.Message : "Validate answered ok = false");
        }
        catch (Exception e) when (e is RpcException { StatusCode: StatusCode.Unimplemented } or ProviderException { Code: StatusCode.Unimplemented })
        {
            return (true, "Validate is not implemented; ready once listening");
        }
        catch (RpcException e)
        {
            return (false, $"Validate failed with {e.StatusCode}: {e.Status.Detail}");
        }
        catch (ProviderException e)
        {
            return (false, $"Validate failed with {e.Code}: {e.Message}");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (false, string.Create(CultureInfo.InvariantCulture, $"Validate did not answer within {_options.ReadinessTimeout.TotalSeconds:0.###} s"));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (false, "shutting down");
        }
        catch (Exception e)
        {
            var reference = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
            ProviderSdkLog.ReadinessCheckCrashed(_logger, reference, e);
            return (false, $"Validate failed unexpectedly (reference {reference}); the details are in the provider's log");
        }
    }
}
