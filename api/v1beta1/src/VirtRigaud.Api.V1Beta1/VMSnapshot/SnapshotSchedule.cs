using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Recurring snapshots, in the shape of a CronJob (declared upstream, not yet acted on).</summary>
public sealed record SnapshotSchedule
{
    [JsonPropertyName("enabled")]
    [Default(false)]
    public bool? Enabled { get; init; }

    /// <summary>
    /// A cron expression (5 to 7 numeric fields), a descriptor such as <c>@daily</c>, or <c>@every &lt;duration&gt;</c>.
    /// The pattern is upstream's, character for character: its alternatives are not grouped under the anchors, so it
    /// lets through more than it seems to; <see cref="VMSnapshotValidation"/> checks the expression properly.
    /// </summary>
    [JsonPropertyName("cronSpec")]
    [Pattern(@"^(@(annually|yearly|monthly|weekly|daily|hourly|reboot))|(@every (\d+(ns|us|µs|ms|s|m|h))+)|((((\d+,)+\d+|(\d+(\/|-)\d+)|\d+|\*) ?){5,7})$")]
    public string? CronSpec { get; init; }

    /// <summary>IANA time zone the schedule is evaluated in.</summary>
    [JsonPropertyName("timezone")]
    [Default("UTC")]
    public string? Timezone { get; init; }

    [JsonPropertyName("suspend")]
    [Default(false)]
    public bool? Suspend { get; init; }

    [JsonPropertyName("concurrencyPolicy")]
    [Enum("Allow", "Forbid", "Replace")]
    [Default("Forbid")]
    public string? ConcurrencyPolicy { get; init; }

    [JsonPropertyName("successfulJobsHistoryLimit")]
    [Minimum(0)]
    [Maximum(100)]
    [Default(3)]
    public int? SuccessfulJobsHistoryLimit { get; init; }

    [JsonPropertyName("failedJobsHistoryLimit")]
    [Minimum(0)]
    [Maximum(100)]
    [Default(1)]
    public int? FailedJobsHistoryLimit { get; init; }
}
