using System.Globalization;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.V1;
using VirtRigaud.TestPeers;

namespace VirtRigaud.Provider.Libvirt.Tests.Hosting;

/// <summary>The <c>virtrigaud-provider-libvirt</c> binary as a process (h2c, libvirt's test driver): it serves, and stops cleanly on SIGTERM.</summary>
public sealed class ProviderProcessTests
{
    [Fact]
    public async Task Binary_TestDriverEndpoint_ValidatesListsAndStopsOnSigterm()
    {
        var ports = FreePorts.Take(2);
        var dll = Path.Combine(AppContext.BaseDirectory, "virtrigaud-provider-libvirt.dll");
        var process = PeerProcess.Start(
            "virtrigaud-provider-libvirt",
            "/usr/bin/dotnet",
            [dll, "--port", ports[0].ToString(CultureInfo.InvariantCulture), "--health-port", ports[1].ToString(CultureInfo.InvariantCulture), "--bind-address", "127.0.0.1"],
            new Dictionary<string, string>
            {
                ["VIRTRIGAUD_PROVIDER_INSECURE"] = "true",
                ["PROVIDER_ENDPOINT"] = "test:///default",
                ["PROVIDER_TYPE"] = "libvirt",
            });
        await using (process)
        {
            using var channel = GrpcChannel.ForAddress(new Uri($"http://127.0.0.1:{ports[0]}"));
            var client = new ProviderClient(channel);
            ValidateResponse? validate = null;
            for (var attempt = 0; attempt < 100 && validate is null; attempt++)
            {
                try
                {
                    validate = await client.ValidateAsync(new ProviderCallOptions { Timeout = TimeSpan.FromSeconds(2) });
                }
                catch (RpcException) when (!process.HasExited)
                {
                    await Task.Delay(200);
                }
            }

            Assert.True(validate?.Ok, $"{validate?.Message}\n{process.Log}");
            Assert.Contains("TEST", validate!.Message, StringComparison.Ordinal);
            var vms = await client.ListVMsAsync();
            Assert.Equal("On", Assert.Single(vms.Vms, v => v.Id == "test").PowerState);

            // SIGTERM: the SDK drains and exits 0 (a SIGKILL after the grace period would show as 137).
            await process.StopAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
        }
    }
}
