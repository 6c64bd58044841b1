using System.Globalization;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Contract.Payloads;
using VirtRigaud.Provider.Mock.Tests.Testing;
using VirtRigaud.Provider.V1;
using VirtRigaud.TestPeers;

namespace VirtRigaud.Provider.Mock.Tests.Hosting;

public sealed class MockProcessTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("virtrigaud-mock-process-").FullName;

    [Fact]
    public async Task Process_RestartWithStateFile_KeepsItsVms()
    {
        var state = Path.Combine(_directory, "state.json");
        string id;
        var ports = FreePorts.Take(2);
        await using (var first = StartMock(ports, "--state-file", state, "--templates", "ubuntu"))
        {
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{ports[0]}");
            var client = new ProviderClient(channel);
            Assert.True((await client.ValidateAsync(new ProviderCallOptions { Timeout = Wait.Long })).Ok, first.Output);
            id = (await client.CreateAsync(new CreateRequest
            {
                Name = "survivor",
                ClassJson = ProviderPayloads.SerializeClass(new ClassPayload { Cpu = 2, MemoryMiB = 1024 }),
                ImageJson = ProviderPayloads.SerializeImage(new ImagePayload { TemplateName = "ubuntu" }),
            })).Id;
            await client.PowerAsync(new PowerRequest { Id = id, Op = PowerOp.On });

            Assert.Equal(0, await first.TerminateAsync());
        }

        ports = FreePorts.Take(2);
        await using var second = StartMock(ports, "--state-file", state);
        using var again = GrpcChannel.ForAddress($"http://127.0.0.1:{ports[0]}");
        var described = await new ProviderClient(again).DescribeAsync(new DescribeRequest { Id = id }, new ProviderCallOptions { Timeout = Wait.Long });

        Assert.True(described.Exists);
        Assert.Equal("On", described.PowerState);
    }

    [Theory]
    [InlineData("--task-duration", "whenever")]
    [InlineData("--disable-capabilities", "gravity")]
    [InlineData("--no-such-flag", "x")]
    public async Task Process_BadFlag_ExitsWithUsage(string flag, string value)
    {
        await using var mock = MockProcess.Start(flag, value, "--data-dir", Path.Combine(_directory, "data"));

        var code = await mock.WaitForExitAsync();

        Assert.Equal(2, code);
        Assert.Contains(flag.TrimStart('-'), mock.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_Help_ListsMockAndSdkFlags()
    {
        await using var mock = MockProcess.Start("--help");

        Assert.Equal(0, await mock.WaitForExitAsync());
        Assert.Contains("--state-file", mock.Output, StringComparison.Ordinal);
        Assert.Contains("--health-port", mock.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private MockProcess StartMock(int[] ports, params string[] extra) =>
        MockProcess.Start([
            "--port", ports[0].ToString(CultureInfo.InvariantCulture),
            "--health-port", ports[1].ToString(CultureInfo.InvariantCulture),
            "--bind-address", "127.0.0.1",
            "--tls-dir", Path.Combine(_directory, "no-tls"),
            "--credentials-dir", Path.Combine(_directory, "credentials"),
            "--data-dir", Path.Combine(_directory, "data"),
            .. extra,
        ]);
}
