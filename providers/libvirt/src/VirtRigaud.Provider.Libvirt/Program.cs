using VirtRigaud.Provider.Libvirt.Hosting;
using VirtRigaud.Provider.Sdk.Hosting;

// The SDK owns the command line, TLS, health and shutdown; the libvirt provider only adds its services.
return await ProviderHost.RunAsync(args, services => services.AddLibvirtProvider(), ProviderEnvironment.FromProcess(), Console.Out, Console.Error, CancellationToken.None)
    .ConfigureAwait(false);
