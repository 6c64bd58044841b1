using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Controllers.Clones;

namespace VirtRigaud.Controllers.Tests.Clones;

public sealed class CloneSpecSupportTests
{
    private static VMCloneSpec Spec(CloneSource? source = null, CloneOptions? options = null) => new()
    {
        Source = source ?? new CloneSource { VmRef = new LocalObjectReference { Name = "web" } },
        Target = new VMCloneTarget { Name = "web-copy" },
        Options = options,
    };

    [Fact]
    public void Check_VmSourceWithApiDefaults_Accepted()
    {
        var defaults = new CloneOptions
        {
            Type = CloneType.LinkedClone,
            PowerOn = true,
            IncludeSnapshots = false,
            Parallel = false,
            Storage = new CloneStorageOptions { PreferThinProvisioning = true, EnableCompression = false },
            Performance = new ClonePerformanceOptions { Priority = "Normal", IoThrottling = false, ConcurrentDisks = 2 },
        };

        Assert.Null(CloneSpecSupport.Check(Spec(options: defaults)));
    }

    [Theory]
    [InlineData("snapshotRef")]
    [InlineData("templateRef")]
    [InlineData("imageRef")]
    public void Check_NonVmSource_UnsupportedSourceNamingIt(string kind)
    {
        var source = kind switch
        {
            "snapshotRef" => new CloneSource { SnapshotRef = new LocalObjectReference { Name = "s" } },
            "templateRef" => new CloneSource { TemplateRef = new ObjectRef { Name = "t" } },
            _ => new CloneSource { ImageRef = new ObjectRef { Name = "i" } },
        };

        var refusal = CloneSpecSupport.Check(Spec(source));

        Assert.Equal(VMCloneConventions.ReasonUnsupportedSource, refusal!.Reason);
        Assert.StartsWith($"spec.source.{kind}:", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EveryUnsupportedOption_NamedInOneMessage()
    {
        var options = new CloneOptions
        {
            Type = CloneType.InstantClone,
            IncludeSnapshots = true,
            Parallel = true,
            Storage = new CloneStorageOptions { PreferThinProvisioning = false, Datastore = "ds1", Folder = "f", DiskFormat = DiskType.Thick },
            Performance = new ClonePerformanceOptions { Priority = "High", MaxIops = 500, ConcurrentDisks = 4 },
        };

        var refusal = CloneSpecSupport.Check(Spec(options: options));

        Assert.Equal(VMCloneConventions.ReasonUnsupported, refusal!.Reason);
        foreach (var field in new[]
        {
            "spec.options.type", "spec.options.includeSnapshots", "spec.options.parallel", "spec.options.storage.preferThinProvisioning",
            "spec.options.storage.datastore", "spec.options.storage.folder", "spec.options.storage.diskFormat", "spec.options.performance.priority",
            "spec.options.performance.maxIOPS", "spec.options.performance.concurrentDisks",
        })
        {
            Assert.Contains(field, refusal.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CheckNetworks_SameNicsWithNewAddress_Accepted()
    {
        IReadOnlyList<VMNetworkRef> source = [new VMNetworkRef { Name = "eth0", NetworkRef = new ObjectRef { Name = "lan" } }];
        IReadOnlyList<VMNetworkRef> target = [new VMNetworkRef { Name = "eth0", IpAddress = "10.0.0.5" }];

        Assert.Null(CloneSpecSupport.CheckNetworks(target, source));
        Assert.Null(CloneSpecSupport.CheckNetworks(null, source));
    }

    [Fact]
    public void CheckNetworks_UnknownNicOrOtherNetwork_Refused()
    {
        IReadOnlyList<VMNetworkRef> source = [new VMNetworkRef { Name = "eth0", NetworkRef = new ObjectRef { Name = "lan" } }];

        var unknown = CloneSpecSupport.CheckNetworks([new VMNetworkRef { Name = "eth1" }], source);
        var moved = CloneSpecSupport.CheckNetworks([new VMNetworkRef { Name = "eth0", NetworkRef = new ObjectRef { Name = "dmz" } }], source);

        Assert.StartsWith("spec.target.networks[0]:", unknown!.Message, StringComparison.Ordinal);
        Assert.StartsWith("spec.target.networks[0].networkRef:", moved!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, 1, 300)]
    [InlineData(null, null, 3, 1200)]
    [InlineData("10s", 3, 1, 10)]
    [InlineData("10s", 3, 3, 90)]
    [InlineData("10s", 1, 4, 10)]
    public void RetryDelay_DelayTimesMultiplierToTheRetry(string? delay, int? multiplier, int retry, int expectedSeconds)
    {
        var policy = delay is null && multiplier is null ? null : new CloneRetryPolicy { RetryDelay = delay is null ? null : Duration.Parse(delay), BackoffMultiplier = multiplier };

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), CloneSpecSupport.RetryDelay(policy, retry));
    }
}
