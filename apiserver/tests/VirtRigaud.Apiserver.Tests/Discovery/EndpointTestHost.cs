using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using VirtRigaud.Apiserver.Discovery;
using VirtRigaud.Apiserver.Health;
using VirtRigaud.Apiserver.OpenApi;
using VirtRigaud.Apiserver.Registry;
using VirtRigaud.Storage;

namespace VirtRigaud.Apiserver.Tests.Discovery;

/// <summary>
/// A minimal web application on <c>http://127.0.0.1:&lt;free port&gt;</c> that maps only the discovery, OpenAPI and
/// health endpoints (no security stages), for testing them in isolation. It serves <see cref="ApiCatalog.GroupOnly"/>
/// unless <c>configure</c> registers another catalog.
/// </summary>
internal sealed class EndpointTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EndpointTestHost(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<EndpointTestHost> StartAsync(IStorage? storage = null, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(storage ?? new RevisionOnlyStorage());
        builder.Services.AddApiHealth();
        configure?.Invoke(builder.Services);
        builder.Services.TryAddSingleton(ApiCatalog.GroupOnly);
        var app = builder.Build();
        app.MapDiscoveryEndpoints();
        app.MapOpenApiEndpoints();
        app.MapHealthEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EndpointTestHost(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
