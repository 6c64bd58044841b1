using Microsoft.Extensions.Logging;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Sdk.Credentials;
using VirtRigaud.Provider.Sdk.Hosting;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Sdk.TestProvider;

/// <summary>
/// The process tests' provider. It behaves like a careless real one where that matters to the SDK:
/// <list type="table">
/// <item><term>Validate</term><description>reads the <c>password</c> credential and logs it twice by mistake (as a
/// <see cref="SecretValue"/> and revealed), then answers ok</description></item>
/// <item><term>Create named "leak"</term><description>throws an exception whose message quotes the password (the
/// caller must get INTERNAL without it, the log must mask it)</description></item>
/// <item><term>Power</term><description>logs "power started", then holds the call until the file named by
/// <c>TESTPROVIDER_GATE_FILE</c> exists: an in-flight call for the SIGTERM drain test</description></item>
/// </list>
/// </summary>
internal sealed partial class GateProvider : ProviderServiceBase
{
    /// <summary>How often Power looks for the gate file. The provider polls; the test never sleeps.</summary>
    private static readonly TimeSpan GatePollInterval = TimeSpan.FromMilliseconds(20);

    private readonly ProviderCredentials _credentials;
    private readonly ProviderEnvironment _environment;
    private readonly ILogger _logger;

    public GateProvider(ProviderCredentials credentials, ProviderEnvironment environment, ILogger<GateProvider> logger)
    {
        _credentials = credentials;
        _environment = environment;
        _logger = logger;
    }

    public override Task<ValidateResponse> ValidateAsync(ValidateRequest request, ServerCallContext context)
    {
        if (_credentials.TryGet("password", out var password))
        {
            LoggingIn(_logger, "admin", password);
            LoginFailedCarelessly(_logger, password.RevealString());
        }

        return Task.FromResult(new ValidateResponse { Ok = true });
    }

    public override Task<CreateResponse> CreateAsync(CreateRequest request, ServerCallContext context)
    {
        if (request.Name == "leak")
        {
            throw new InvalidOperationException($"hypervisor refused login admin:{_credentials.GetString("password")}");
        }

        return Task.FromResult(new CreateResponse { Id = request.Name });
    }

    public override async Task<TaskResponse> PowerAsync(PowerRequest request, ServerCallContext context)
    {
        PowerStarted(_logger, request.Id);
        var gate = _environment.Get("TESTPROVIDER_GATE_FILE") ?? throw new InvalidOperationException("TESTPROVIDER_GATE_FILE is not set");
        while (!File.Exists(gate))
        {
            await Task.Delay(GatePollInterval, context.CancellationToken);
        }

        PowerFinished(_logger, request.Id);
        return new TaskResponse();
    }

    [LoggerMessage(1, LogLevel.Information, "Logging in as {User} with password {Password}")]
    private static partial void LoggingIn(ILogger logger, string user, SecretValue password);

    [LoggerMessage(2, LogLevel.Warning, "Login failed; the password was {Password}")]
    private static partial void LoginFailedCarelessly(ILogger logger, string password);

    [LoggerMessage(3, LogLevel.Information, "power started for {Id}")]
    private static partial void PowerStarted(ILogger logger, string id);

    [LoggerMessage(4, LogLevel.Information, "power finished for {Id}")]
    private static partial void PowerFinished(ILogger logger, string id);
}
