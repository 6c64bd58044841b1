using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Mock.Hosting;

namespace VirtRigaud.Provider.Conformance.Tests.Testing;

/// <summary>The mock provider (P3's <c>virtrigaud-provider-mock</c>) as the conformance tests start it, and inputs valid for it.</summary>
internal static class MockProviders
{
    /// <summary>How long each mock task runs when tasks are on: long enough that TaskStatus and WatchTask see a running task.</summary>
    public static readonly TimeSpan TaskDuration = TimeSpan.FromMilliseconds(40);

    /// <summary>The bytes of the image the image-prepare case imports (a small raw disk).</summary>
    private const int ImageBytes = 64 * 1024;

    /// <summary>Runner options for a fast local provider: the same cases, quicker polls.</summary>
    public static ConformanceRunnerOptions RunnerOptions => new()
    {
        InitialPollInterval = TimeSpan.FromMilliseconds(10),
        MaxPollInterval = TimeSpan.FromMilliseconds(200),
        TaskTimeout = Wait.Long,
        StateTimeout = Wait.Long,
        CaseTimeout = Wait.Run,
        ConsoleTimeout = Wait.Long,
    };

    /// <summary>The mock's settings with its files under <paramref name="directory"/>.</summary>
    public static MockProviderSettings Settings(string directory, TimeSpan taskDuration, IReadOnlyList<string> disabledCapabilities) => new()
    {
        DataDirectory = Path.Combine(directory, "data"),
        MigrationStorageRoot = Path.Combine(directory, "migration"),
        TaskDuration = taskDuration,
        GuestShutdownDuration = taskDuration,
        DisabledCapabilities = disabledCapabilities,
    };

    /// <summary>Starts the mock in-process (through the SDK host) with the given task duration and capabilities switched off.</summary>
    public static Task<InProcessProvider> StartAsync(TimeSpan taskDuration, params string[] disabledCapabilities) =>
        InProcessProvider.StartAsync((services, directory) => services.AddMockProvider(Settings(directory, taskDuration, disabledCapabilities)));

    /// <summary>
    /// Starts the mock in-process with its <see cref="ProviderServiceBase"/> replaced by <paramref name="wrap"/>(mock), so
    /// that a test provider can answer some RPCs itself and pass the rest on.
    /// </summary>
    public static Task<InProcessProvider> StartWrappedAsync(TimeSpan taskDuration, Func<ProviderServiceBase, ProviderServiceBase> wrap) =>
        InProcessProvider.StartAsync((services, directory) =>
        {
            services.AddMockProvider(Settings(directory, taskDuration, []));
            var mock = services.Single(d => d.ServiceType == typeof(ProviderServiceBase));
            services.Remove(mock);
            services.AddSingleton(sp => wrap((ProviderServiceBase)ActivatorUtilities.CreateInstance(sp, mock.ImplementationType!)));
        });

    /// <summary>
    /// Inputs for the mock: an image file to prepare (raw, with its SHA-256, and a copy of the spec with a wrong
    /// checksum) and disk URLs, all under <paramref name="directory"/>. Writes the image file.
    /// </summary>
    public static ConformanceFixture Inputs(string directory)
    {
        var images = Directory.CreateDirectory(Path.Combine(directory, "source-images")).FullName;
        var imagePath = Path.Combine(images, "base.raw");
        var bytes = new byte[ImageBytes];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i * 31 % 251);
        }

        File.WriteAllBytes(imagePath, bytes);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return new ConformanceFixture
        {
            ImagePrepare = new ConformanceImagePrepareInput
            {
                Image = ImageSpec(imagePath, checksum),
                MismatchedImage = ImageSpec(imagePath, new string('0', 64)),
            },
            DiskTransfer = new ConformanceDiskTransferInput
            {
                UrlTemplate = new Uri(Path.Combine(Directory.CreateDirectory(Path.Combine(directory, "transfers")).FullName, "{name}.{format}")).AbsoluteUri
                    .Replace("%7B", "{", StringComparison.Ordinal).Replace("%7D", "}", StringComparison.Ordinal),
            },
        };
    }

    private static JsonObject ImageSpec(string path, string checksum) => new()
    {
        ["source"] = new JsonObject
        {
            ["libvirt"] = new JsonObject { ["path"] = path, ["format"] = "raw", ["checksum"] = checksum, ["checksumType"] = "sha256" },
        },
    };
}
