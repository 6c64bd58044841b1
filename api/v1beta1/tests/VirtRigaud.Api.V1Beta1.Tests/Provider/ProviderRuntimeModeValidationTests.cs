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

}
