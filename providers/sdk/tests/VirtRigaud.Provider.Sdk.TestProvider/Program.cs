using Microsoft.Extensions.DependencyInjection;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Sdk.Hosting;
using VirtRigaud.Provider.Sdk.TestProvider;

return await ProviderHost.RunAsync(args, services => services.AddSingleton<ProviderServiceBase, GateProvider>());
