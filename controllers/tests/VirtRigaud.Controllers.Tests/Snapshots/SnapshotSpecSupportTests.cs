using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Controllers.Snapshots;

namespace VirtRigaud.Controllers.Tests.Snapshots;

public sealed class SnapshotSpecSupportTests
{
    private static VMSnapshotSpec Spec(SnapshotConfig? config = null, SnapshotSchedule? schedule = null) => new()
    {
        VMRef = new LocalObjectReference { Name = "web" },
        SnapshotConfig = config,
        Schedule = schedule,
    };

    [Fact]
    public void Refusals_ApiDefaults_None()
    {
        var defaults = new SnapshotConfig
        {
            IncludeMemory = true,
            Quiesce = true,
            Type = SnapshotType.Standard,
            Compression = false,
            Encryption = new SnapshotEncryption { Enabled = false },
            ConsistencyLevel = "FilesystemConsistent",
        };

        Assert.Empty(SnapshotSpecSupport.Refusals(Spec(defaults, new SnapshotSchedule { Enabled = false })));
        Assert.Empty(SnapshotSpecSupport.Refusals(Spec(schedule: new SnapshotSchedule { Enabled = true, Suspend = true, CronSpec = "@daily" })));
    }

    [Theory]
    [InlineData("quiesce", "spec.snapshotConfig.quiesce")]
    [InlineData("type", "spec.snapshotConfig.type")]
    [InlineData("compression", "spec.snapshotConfig.compression")]
    [InlineData("encryption", "spec.snapshotConfig.encryption.enabled")]
    [InlineData("consistency", "spec.snapshotConfig.consistencyLevel")]
    [InlineData("schedule", "spec.schedule.enabled")]
    public void Refusals_NonDefaultWireLessField_NamesTheField(string what, string field)
    {
        var spec = what switch
        {
            "quiesce" => Spec(new SnapshotConfig { Quiesce = false }),
            "type" => Spec(new SnapshotConfig { Type = SnapshotType.Crash }),
            "compression" => Spec(new SnapshotConfig { Compression = true }),
            "encryption" => Spec(new SnapshotConfig { Encryption = new SnapshotEncryption { Enabled = true } }),
            "consistency" => Spec(new SnapshotConfig { ConsistencyLevel = "ApplicationConsistent" }),
            _ => Spec(schedule: new SnapshotSchedule { Enabled = true, CronSpec = "@hourly" }),
        };

        var refusal = Assert.Single(SnapshotSpecSupport.Refusals(spec));
        Assert.StartsWith(field + ":", refusal, StringComparison.Ordinal);
    }
}
