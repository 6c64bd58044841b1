using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1.Tests;

public sealed class ProviderRuntimeModeValidationTests
{
    private static FieldErrorList Validate(ProviderRuntimeSpec runtime, ProviderType type = ProviderType.Libvirt)
    {
        var provider = new V1Beta1.Provider
        {
            Metadata = new ObjectMeta { Name = "p", Namespace = "default" },
            Spec = new ProviderSpec
            {
                Type = type,
                Endpoint = "qemu:///system",
                CredentialSecretRef = new ObjectRef { Name = "creds" },
                Runtime = runtime with { Service = new ProviderServiceSpec { Tls = new ProviderTlsSpec { Enabled = false } } },
            },
        };
        var errors = new FieldErrorList();
        ProviderValidation.Validate(provider, errors);
        return errors;
    }

    [Fact]
    public void Validate_RemoteWithoutImage_ImageRequired()
    {
        var error = FieldErrorAssert.Single(Validate(new ProviderRuntimeSpec { Mode = ProviderRuntimeMode.Remote }), FieldErrorType.Required, "spec.runtime.image");

        Assert.Contains("Remote mode", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ModeAbsentWithoutImage_TreatedAsRemote() =>
        FieldErrorAssert.Single(Validate(new ProviderRuntimeSpec()), FieldErrorType.Required, "spec.runtime.image");

    [Fact]
    public void Validate_RemoteWithEndpoint_EndpointForbidden() =>
        FieldErrorAssert.Single(Validate(new ProviderRuntimeSpec { Image = "provider:v1", Endpoint = "10.0.0.1:9443" }), FieldErrorType.Forbidden, "spec.runtime.endpoint");

    [Fact]
    public void Validate_LocalMockWithoutImage_NoErrors() =>
        Assert.Empty(Validate(new ProviderRuntimeSpec { Mode = ProviderRuntimeMode.Local }, ProviderType.Mock));

    [Theory]
    [InlineData("provider:v1", null, "spec.runtime.image")]
    [InlineData(null, "127.0.0.1:9443", "spec.runtime.endpoint")]
    public void Validate_LocalWithRemoteOrExternalField_Forbidden(string? image, string? endpoint, string field) =>
        FieldErrorAssert.Single(Validate(new ProviderRuntimeSpec { Mode = ProviderRuntimeMode.Local, Image = image, Endpoint = endpoint }), FieldErrorType.Forbidden, field);

    [Theory]
    [InlineData("127.0.0.1:9443")]
    [InlineData("provider.example.com:9443")]
    [InlineData("[::1]:9443")]
    public void Validate_ExternalWithHostPort_NoErrors(string endpoint) =>
        Assert.Empty(Validate(new ProviderRuntimeSpec { Mode = ProviderRuntimeMode.External, Endpoint = endpoint }));

    [Fact]
    public void Validate_ExternalWithoutEndpoint_EndpointRequired() =>
        FieldErrorAssert.Single(Validate(new ProviderRuntimeSpec { Mode = ProviderRuntimeMode.External }), FieldErrorType.Required, "spec.runtime.endpoint");

    [Theory]
    [InlineData("provider.example.com")]
    [InlineData("https://provider.example.com:9443")]
    [InlineData("provider.example.com:0")]
    [InlineData("provider.example.com:70000")]
    [InlineData("Provider_Bad:9443")]
    [InlineData("[not-ipv6]:9443")]
    public void Validate_ExternalWithBadEndpoint_Invalid(string endpoint) =>
        FieldErrorAssert.Single(Validate(new ProviderRuntimeSpec { Mode = ProviderRuntimeMode.External, Endpoint = endpoint }), FieldErrorType.Invalid, "spec.runtime.endpoint");

    [Fact]
    public void Validate_ExternalWithImage_ImageForbidden() =>
        FieldErrorAssert.Single(Validate(new ProviderRuntimeSpec { Mode = ProviderRuntimeMode.External, Endpoint = "127.0.0.1:9443", Image = "provider:v1" }), FieldErrorType.Forbidden, "spec.runtime.image");

    [Fact]
    public void Serialize_MockLocal_WritesLowercaseTypeAndMode()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new ProviderRuntimeSpec { Mode = ProviderRuntimeMode.Local }, V1Beta1JsonContext.Default.ProviderRuntimeSpec);

        Assert.Equal("{\"mode\":\"Local\"}", json);
        Assert.Equal("\"mock\"", System.Text.Json.JsonSerializer.Serialize(ProviderType.Mock, V1Beta1JsonContext.Default.ProviderType));
    }

    private static FieldErrorList ValidateAsIs(ProviderRuntimeSpec runtime)
    {
        var provider = new V1Beta1.Provider
        {
            Metadata = new ObjectMeta { Name = "p", Namespace = "default" },
            Spec = new ProviderSpec { Type = ProviderType.Mock, Endpoint = "https://mock.virtrigaud.invalid", CredentialSecretRef = new ObjectRef { Name = "creds" }, Runtime = runtime },
        };
        var errors = new FieldErrorList();
        ProviderValidation.Validate(provider, errors);
        return errors;
    }

    [Fact]
    public void Validate_LocalWithTlsSecretRef_SecretRefForbidden()
    {
        var runtime = new ProviderRuntimeSpec
        {
            Mode = ProviderRuntimeMode.Local,
            Service = new ProviderServiceSpec { Tls = new ProviderTlsSpec { Enabled = true, SecretRef = new Machinery.Core.LocalObjectReference { Name = "tls" } } },
        };

        var error = FieldErrorAssert.Single(ValidateAsIs(runtime), FieldErrorType.Forbidden, "spec.runtime.service.tls.secretRef");

        Assert.Contains("loopback certificates", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LocalWithTlsEnabledNoSecretRef_NoErrors() =>
        Assert.Empty(ValidateAsIs(new ProviderRuntimeSpec { Mode = ProviderRuntimeMode.Local, Service = new ProviderServiceSpec { Port = 9443, Tls = new ProviderTlsSpec { Enabled = true } }, Replicas = 1, ImagePullPolicy = "IfNotPresent" }));

    public static TheoryData<ProviderRuntimeMode, string> PodOnlyFields => new()
    {
        { ProviderRuntimeMode.Local, "spec.runtime.replicas" },
        { ProviderRuntimeMode.Local, "spec.runtime.service.port" },
        { ProviderRuntimeMode.Local, "spec.runtime.imagePullPolicy" },
        { ProviderRuntimeMode.Local, "spec.runtime.resources" },
        { ProviderRuntimeMode.Local, "spec.runtime.nodeSelector" },
        { ProviderRuntimeMode.Local, "spec.runtime.securityContext" },
        { ProviderRuntimeMode.Local, "spec.runtime.livenessProbe" },
        { ProviderRuntimeMode.External, "spec.runtime.replicas" },
        { ProviderRuntimeMode.External, "spec.runtime.tolerations" },
        { ProviderRuntimeMode.External, "spec.runtime.readinessProbe" },
        { ProviderRuntimeMode.External, "spec.runtime.env" },
        { ProviderRuntimeMode.External, "spec.runtime.logLevel" },
    };

    [Theory]
    [MemberData(nameof(PodOnlyFields))]
    public void Validate_RemoteOnlyFieldInLocalOrExternal_Forbidden(ProviderRuntimeMode mode, string field)
    {
        var runtime = new ProviderRuntimeSpec
        {
            Mode = mode,
            Endpoint = mode == ProviderRuntimeMode.External ? "127.0.0.1:9443" : null,
            Service = new ProviderServiceSpec { Tls = new ProviderTlsSpec { Enabled = false } },
        };
        runtime = field switch
        {
            "spec.runtime.replicas" => runtime with { Replicas = 2 },
            "spec.runtime.service.port" => runtime with { Service = runtime.Service! with { Port = 10443 } },
            "spec.runtime.imagePullPolicy" => runtime with { ImagePullPolicy = "Always" },
            "spec.runtime.resources" => runtime with { Resources = new Machinery.Core.ResourceRequirements() },
            "spec.runtime.nodeSelector" => runtime with { NodeSelector = new Dictionary<string, string> { ["a"] = "b" } },
            "spec.runtime.securityContext" => runtime with { SecurityContext = new Machinery.Core.SecurityContext() },
            "spec.runtime.livenessProbe" => runtime with { LivenessProbe = new Machinery.Core.Probe() },
            "spec.runtime.tolerations" => runtime with { Tolerations = [new Machinery.Core.Toleration { Key = "k" }] },
            "spec.runtime.readinessProbe" => runtime with { ReadinessProbe = new Machinery.Core.Probe() },
            "spec.runtime.env" => runtime with { Env = [new Machinery.Core.EnvVar { Name = "A", Value = "b" }] },
            _ => runtime with { LogLevel = "debug" },
        };

        FieldErrorAssert.Single(ValidateAsIs(runtime), FieldErrorType.Forbidden, field);
    }

    [Fact]
    public void Validate_LocalWithEnvAndLogLevel_Accepted() =>
        Assert.Empty(ValidateAsIs(new ProviderRuntimeSpec
        {
            Mode = ProviderRuntimeMode.Local,
            Service = new ProviderServiceSpec { Tls = new ProviderTlsSpec { Enabled = false } },
            Env = [new Machinery.Core.EnvVar { Name = "VIRTRIGAUD_MOCK_TEMPLATES", Value = "ubuntu" }],
            LogLevel = "debug",
        }));
}
