using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Apiserver.Http;
using VirtRigaud.Apiserver.Registry;
using VirtRigaud.Apiserver.Security;
using VirtRigaud.Grpc;
using VirtRigaud.Grpc.Security;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.V1;
using Status = VirtRigaud.Api.Machinery.Status;
using StatusCode = VirtRigaud.Grpc.StatusCode;

namespace VirtRigaud.Apiserver.ConsoleStreaming;

/// <summary>
/// Opens a VirtualMachine's serial console on its provider: resolves the VM's Provider from this server's store, dials
/// the provider's <c>status.runtime.endpoint</c> (mTLS or h2c as the Provider says) and runs ConsoleStream's open. Every
/// way this can fail before a WebSocket exists becomes a Kubernetes Status (the table below). Thread-safe singleton.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>failure</term><description>answer (why)</description></listheader>
/// <item><term>VM without <c>status.id</c>; Provider missing; provider says NOT_FOUND</term><description>404 NotFound: there is no machine to attach to</description></item>
/// <item><term>provider says FAILED_PRECONDITION (VM powered off)</term><description>400 BadRequest, as kube-apiserver answers an attach to a pod that is not running</description></item>
/// <item><term>provider says UNIMPLEMENTED</term><description>501 NotImplemented: the request is valid, this backend lacks the feature (gRPC's own HTTP mapping); the plain GET still returns <c>status.consoleURL</c></description></item>
/// <item><term>no endpoint yet, provider unreachable, slow to attach, refusing our certificate; no client TLS material</term><description>503 ServiceUnavailable (with Retry-After when retrying can help): the backend cannot serve now</description></item>
/// <item><term>anything else the provider answers</term><description>500 InternalError naming the gRPC code</description></item>
/// </list>
/// <para>
/// TLS: a Provider with <c>spec.runtime.service.tls.enabled: false</c> is dialled in plaintext (h2c). Otherwise TLS 1.3
/// with a client certificate: the Provider's TLS Secret (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>, the same one the
/// manager uses) when this server stores it (standalone core API) and the mode is not Local; else the material of
/// <see cref="ConsoleStreamOptions.ProviderClientTlsDirectory"/> (Local providers: the manager's loopback CA). The name
/// verified (and SNI) is the endpoint's host: for Remote the Service name
/// <c>virtrigaud-provider-&lt;ns&gt;-&lt;name&gt;.&lt;ns&gt;.svc.cluster.local</c>, as upstream's manager verifies.
/// </para>
/// </remarks>
internal sealed class ProviderConsoleConnector : IDisposable
{
    /// <summary>Retry hint, in seconds, of a 503 whose cause is likely to pass (provider restarting or not up yet).</summary>
    private const int RetryAfterSeconds = 5;

    private readonly ConsoleStreamOptions _options;
    private readonly ResourceStoreRegistry _registry;
    private readonly ProviderClientMaterial _clientMaterial;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ProviderConsoleConnector(ConsoleStreamOptions options, ResourceStoreRegistry registry, ProviderClientMaterial clientMaterial, TimeProvider time, ILogger<ProviderConsoleConnector> logger)
    {
        _options = options;
        _registry = registry;
        _clientMaterial = clientMaterial;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Opens the serial console of <paramref name="vm"/> (as just read from the store). The caller owns and disposes the
    /// result. <paramref name="cancellationToken"/> bounds the opening only.
    /// </summary>
    /// <exception cref="StatusException">The console cannot be opened (see the type's remarks).</exception>
    public async Task<ProviderConsoleConnection> OpenAsync(JsonObject vm, UserInfo user, CancellationToken cancellationToken)
    {
        var vmNamespace = ObjectJson.Namespace(vm);
        var vmName = ObjectJson.Name(vm);
        var what = $"VirtualMachine {vmNamespace}/{vmName}";
        var vmId = Text(vm["status"]?["id"]);
        if (vmId.Length == 0)
        {
            throw Failure(StatusCodes.Status404NotFound, StatusReasons.NotFound, $"{what} has no serial console yet: it has not been created on its provider (status.id is empty)");
        }

        var providerName = Text(vm["spec"]?["providerRef"]?["name"]);
        var providerNamespace = Text(vm["spec"]?["providerRef"]?["namespace"]) is { Length: > 0 } ns ? ns : vmNamespace;
        var provider = await ReadProviderAsync(user, providerNamespace, providerName, what, cancellationToken).ConfigureAwait(false);
        var providerKey = $"{providerNamespace}/{providerName}";
        var endpoint = Text(provider["status"]?["runtime"]?["endpoint"]);
        if (endpoint.Length == 0)
        {
            throw Unavailable($"Provider {providerKey} of {what} is not running: it reports no endpoint (status.runtime.endpoint)", retry: true);
        }

        if (!Uri.TryCreate("http://" + endpoint, UriKind.Absolute, out var plain) || plain.AbsolutePath != "/" || plain.Port <= 0)
        {
            throw StatusException.InternalError($"Provider {providerKey} reports an endpoint that is not host:port: {endpoint}");
        }

        var tls = provider["spec"]?["runtime"]?["service"]?["tls"] as JsonObject;
        var ssl = IsFalse(tls?["enabled"]) ? null : await ClientTlsAsync(provider, providerKey, plain.DnsSafeHost, tls, user, cancellationToken).ConfigureAwait(false);
        var address = new Uri((ssl is null ? "http://" : "https://") + endpoint);
        var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            SslOptions = ssl,
            ConnectTimeout = _options.ProviderConnectTimeout,
            TimeProvider = _time,
        });
        try
        {
            var client = new ProviderClient(channel, new ProviderClientOptions
            {
                // Fail at once when the provider is down: the user waits at a terminal, not a controller.
                WaitForReady = false,
                TimeProvider = _time,
                Deadlines = new ProviderCallDeadlines { ConsoleStream = _options.MaxSessionDuration },
            });
            using var openTimeout = new CancellationTokenSource(_options.OpenTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(openTimeout.Token, cancellationToken);
            ConsoleOpenResult opened;
            try
            {
                opened = await client.OpenConsoleAsync(vmId, ConsoleKind.Serial, null, linked.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (openTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested && e is RpcException or OperationCanceledException)
            {
                throw Unavailable($"Provider {providerKey} did not attach to the serial console of {what} within {_options.OpenTimeout}", retry: true);
            }
            catch (RpcException) when (cancellationToken.IsCancellationRequested)
            {
                // The caller gave up (client gone, server draining): not the provider's answer.
                throw new OperationCanceledException(cancellationToken);
            }
            catch (RpcException e)
            {
                ConsoleLog.ProviderRefused(_logger, vmNamespace, vmName, providerKey, e.StatusCode.ToString(), e.Status.Detail);
                throw ToStatus(e, providerKey, what, vmId);
            }

            if (!opened.IsSupported)
            {
                throw Failure(StatusCodes.Status501NotImplemented, "NotImplemented",
                    $"Provider {providerKey} does not stream serial consoles ({opened.UnsupportedReason}); GET without a WebSocket upgrade returns the console URL it reports");
            }

            return new ProviderConsoleConnection(channel, opened.Session, providerKey);
        }
        catch
        {
            channel.Dispose();
            throw;
        }
    }

    /// <summary>Closes the client TLS material's file watchers.</summary>
    public void Dispose() => _clientMaterial.Dispose();

    private async Task<JsonObject> ReadProviderAsync(UserInfo user, string ns, string name, string what, CancellationToken cancellationToken)
    {
        var providers = _registry.Find("providers") ?? throw new InvalidOperationException("the providers resource is not served");
        if (name.Length == 0)
        {
            throw Failure(StatusCodes.Status404NotFound, StatusReasons.NotFound, $"{what} names no Provider (spec.providerRef.name)");
        }

        try
        {
            // The server reads on the user's behalf: being allowed to open a VM's console does not need read access to
            // Providers, as attaching to a pod does not need read access to its node.
            return await providers.GetAsync(WriteOptionsParser.ReadScope(user, ns), name, null, cancellationToken).ConfigureAwait(false);
        }
        catch (StatusException e) when (e.Code == StatusCodes.Status404NotFound)
        {
            throw Failure(StatusCodes.Status404NotFound, StatusReasons.NotFound, $"{what} refers to Provider {ns}/{name}, which does not exist");
        }
    }

    private async Task<SslClientAuthenticationOptions> ClientTlsAsync(JsonObject provider, string providerKey, string host, JsonObject? tls, UserInfo user, CancellationToken cancellationToken)
    {
        var mode = Text(provider["spec"]?["runtime"]?["mode"]);
        var secretName = Text(tls?["secretRef"]?["name"]);
        SslClientAuthenticationOptions options;
        if (mode != "Local" && secretName.Length > 0
            && await ReadSecretMaterialAsync(user, ObjectJson.Namespace(provider), secretName, cancellationToken).ConfigureAwait(false) is { } secret)
        {
            options = GrpcTls.ClientOptions(null, secret.Authorities, host, _logger);
            options.ClientCertificateContext = SslStreamCertificateContext.Create(secret.Certificate, null);
        }
        else if (_clientMaterial.TryGet(out var problem) is { } material)
        {
            options = GrpcTls.ClientOptions(material, host);
        }
        else
        {
            throw Unavailable(
                $"Provider {providerKey} requires TLS, and this API server has no client certificate for it: "
                + (secretName.Length > 0 && mode != "Local" ? $"its TLS Secret {secretName} is not stored here and " : "")
                + problem, retry: _clientMaterial.Directory is not null);
        }

        if (tls?["insecureSkipVerify"] is JsonValue skip && skip.GetValueKind() == JsonValueKind.True)
        {
            ConsoleLog.InsecureSkipVerify(_logger, providerKey);
            options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }

        return options;
    }

    /// <summary>The Provider's TLS Secret from this server's store, or null when it is not served here, absent or incomplete.</summary>
    private async Task<(X509Certificate2 Certificate, X509Certificate2Collection Authorities)?> ReadSecretMaterialAsync(
        UserInfo user, string ns, string name, CancellationToken cancellationToken)
    {
        if (_registry.Find("", "v1", "secrets") is not { } secrets)
        {
            return null;
        }

        JsonObject secret;
        try
        {
            secret = await secrets.GetAsync(WriteOptionsParser.ReadScope(user, ns), name, null, cancellationToken).ConfigureAwait(false);
        }
        catch (StatusException e) when (e.Code == StatusCodes.Status404NotFound)
        {
            return null;
        }

        if (Pem(secret, "tls.crt") is not { } certificate || Pem(secret, "tls.key") is not { } key || Pem(secret, "ca.crt") is not { } ca)
        {
            return null;
        }

        try
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPem(ca);
            return authorities.Count == 0 ? null : (X509Certificate2.CreateFromPem(certificate, key), authorities);
        }
        catch (CryptographicException)
        {
            // Never echo the key material; the name of the Secret is enough to go and look.
            throw StatusException.InternalError($"the TLS Secret {ns}/{name} does not hold a usable certificate, key and CA");
        }
    }

    private static string? Pem(JsonObject secret, string key)
    {
        if (secret["data"]?[key] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            var bytes = Convert.FromBase64String(value.GetValue<string>());
            return bytes.Length == 0 ? null : Encoding.UTF8.GetString(bytes);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static StatusException ToStatus(RpcException e, string provider, string what, string vmId) => e.StatusCode switch
    {
        StatusCode.NotFound => Failure(StatusCodes.Status404NotFound, StatusReasons.NotFound, $"Provider {provider} has no machine {vmId} ({what}'s status.id): {e.Status.Detail}"),
        StatusCode.FailedPrecondition => StatusException.BadRequest($"cannot attach to the serial console of {what}: {e.Status.Detail}"),
        StatusCode.Unimplemented => Failure(StatusCodes.Status501NotImplemented, "NotImplemented", $"Provider {provider} does not stream serial consoles: {e.Status.Detail}"),
        StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted =>
            Unavailable($"Provider {provider} is unreachable: {e.StatusCode}: {e.Status.Detail}", retry: true),
        StatusCode.Unauthenticated or StatusCode.PermissionDenied =>
            Unavailable($"Provider {provider} refused this API server's client certificate ({e.StatusCode}: {e.Status.Detail}); check --provider-client-tls-dir", retry: false),
        _ => StatusException.InternalError($"Provider {provider} answered {e.StatusCode}: {e.Status.Detail}"),
    };

    private static StatusException Unavailable(string message, bool retry)
    {
        var status = StatusException.ServiceUnavailable(message).Status;
        return new StatusException(retry ? status with { Details = new StatusDetails { RetryAfterSeconds = RetryAfterSeconds } } : status);
    }

    private static StatusException Failure(int code, string reason, string message) => new(new Status
    {
        StatusValue = Status.Failure,
        Code = code,
        Reason = reason,
        Message = message,
    });

    private static bool IsFalse(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.False;

    private static string Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "";
}
