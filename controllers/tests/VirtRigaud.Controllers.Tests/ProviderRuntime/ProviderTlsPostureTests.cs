using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Controllers.ProviderRuntime;

namespace VirtRigaud.Controllers.Tests.ProviderRuntime;

public sealed class ProviderTlsPostureTests
{
    private static ProviderSpec Spec(ProviderRuntimeMode mode, ProviderTlsSpec? tls) => new()
    {
        Type = ProviderType.Mock,
        Endpoint = "https://mock.virtrigaud.invalid",
        CredentialSecretRef = new ObjectRef { Name = "c" },
        Runtime = new ProviderRuntimeSpec { Mode = mode, Service = new ProviderServiceSpec { Tls = tls } },
    };

    public static TheoryData<ProviderRuntimeMode, string, bool, bool, string> Table => new()
    {
        // mode, tls block, proceed, enabled, reason
        { ProviderRuntimeMode.Remote, "absent", false, false, ProviderConditions.ReasonTlsBlockMissing },
        { ProviderRuntimeMode.Remote, "disabled", true, false, ProviderConditions.ReasonTlsExplicitlyDisabled },
        { ProviderRuntimeMode.Remote, "enabled", false, true, ProviderConditions.ReasonTlsSecretRefMissing },
        { ProviderRuntimeMode.Remote, "enabled+secret", true, true, ProviderConditions.ReasonTlsEnabled },
        { ProviderRuntimeMode.External, "absent", false, false, ProviderConditions.ReasonTlsBlockMissing },
        { ProviderRuntimeMode.External, "enabled", false, true, ProviderConditions.ReasonTlsSecretRefMissing },
        { ProviderRuntimeMode.External, "enabled+secret", true, true, ProviderConditions.ReasonTlsEnabled },
        { ProviderRuntimeMode.Local, "absent", false, false, ProviderConditions.ReasonTlsBlockMissing },
        { ProviderRuntimeMode.Local, "disabled", true, false, ProviderConditions.ReasonTlsExplicitlyDisabled },
        { ProviderRuntimeMode.Local, "enabled", true, true, ProviderConditions.ReasonTlsEnabled },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Evaluate_ModeAndTlsBlock_UpstreamGate(ProviderRuntimeMode mode, string block, bool proceed, bool enabled, string reason)
    {
        var tls = block switch
        {
            "absent" => null,
            "disabled" => new ProviderTlsSpec { Enabled = false },
            "enabled" => new ProviderTlsSpec { Enabled = true },
            _ => new ProviderTlsSpec { Enabled = true, SecretRef = new Api.Machinery.Core.LocalObjectReference { Name = "tls" } },
        };

        var posture = ProviderTlsPosture.Evaluate(Spec(mode, tls));

        Assert.Equal((proceed, enabled, reason), (posture.Proceed, posture.Enabled, posture.Reason));
        Assert.False(string.IsNullOrWhiteSpace(posture.Message));
        Assert.Equal(block == "enabled+secret" ? "tls" : null, posture.SecretName);
    }

    [Fact]
    public void Evaluate_EnabledDefaulted_TreatedAsEnabled() =>
        Assert.Equal(ProviderConditions.ReasonTlsSecretRefMissing, ProviderTlsPosture.Evaluate(Spec(ProviderRuntimeMode.Remote, new ProviderTlsSpec())).Reason);
}
