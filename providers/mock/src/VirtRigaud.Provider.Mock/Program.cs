using VirtRigaud.Provider.Mock.Hosting;
using VirtRigaud.Provider.Sdk.Hosting;

// The mock's flags first; every other token goes to the SDK's command line, which owns the process from there.
var environment = ProviderEnvironment.FromProcess();
var mock = MockCommandLine.Parse(args, environment);
if (mock.HelpCommand is { } help)
{
    await help.Parse(["--help"]).InvokeAsync().ConfigureAwait(false);
    return await ProviderHost.RunAsync(["--help"], _ => { }, environment, Console.Out, Console.Error, CancellationToken.None).ConfigureAwait(false);
}

if (mock.Errors.Count > 0)
{
    foreach (var error in mock.Errors)
    {
        await Console.Error.WriteLineAsync($"virtrigaud-provider-mock: {error}").ConfigureAwait(false);
    }

    return ProviderExitCodes.Usage;
}

return await ProviderHost.RunAsync(mock.RemainingArgs, services => services.AddMockProvider(mock.Settings), environment, Console.Out, Console.Error, CancellationToken.None)
    .ConfigureAwait(false);
