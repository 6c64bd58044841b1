using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;
using Core = VirtRigaud.Api.Machinery.Core;

namespace VirtRigaud.Api.V1Beta1.Tests;

public sealed class ProviderValidationTests
{
    private const string Namespace = "virtrigaud-system";

    private static ProviderSpec ValidSpec(ProviderType type = ProviderType.Libvirt, string endpoint = "qemu+ssh://virt@kvm01.example.com/system") => new()
    {
        Type = type,
        Endpoint = endpoint,
        CredentialSecretRef = new ObjectRef { Name = "libvirt-credentials" },
        Runtime = new ProviderRuntimeSpec
        {
            Image = "ghcr.io/projectbeskar/virtrigaud/provider-libvirt:v0.3.11",
            Service = new ProviderServiceSpec
            {
                Port = 9443,
                Tls = new ProviderTlsSpec { Enabled = true, SecretRef = new Core.LocalObjectReference { Name = "libvirt-provider-tls" } },
            },
        },
    };

    private static FieldErrorList Validate(ProviderSpec spec, IReadOnlyDictionary<string, string>? annotations = null)
    {
        var provider = new V1Beta1.Provider
        {
            Metadata = new ObjectMeta { Name = "kvm01", Namespace = Namespace, Annotations = annotations },
            Spec = spec,
        };
        var errors = new FieldErrorList();
        ProviderValidation.Validate(provider, errors);
        return errors;
    }


    private static ProviderSpec WithRuntime(Func<ProviderRuntimeSpec, ProviderRuntimeSpec> change)
    {
        var spec = ValidSpec();
        return spec with { Runtime = change(spec.Runtime) };
    }

    [Theory]
    [InlineData(ProviderType.Libvirt, "qemu:///system")]
    [InlineData(ProviderType.Libvirt, "qemu+ssh://virt@kvm01.example.com/system")]
    [InlineData(ProviderType.Libvirt, "qemu+tcp://kvm01.example.com:16509/system")]
    [InlineData(ProviderType.Libvirt, "grpc://provider-libvirt:9443")]
    [InlineData(ProviderType.Qemu, "qemu+tls://kvm01.example.com/system")]
    [InlineData(ProviderType.VSphere, "https://vcenter.example.com/sdk")]
    [InlineData(ProviderType.VSphere, "tcp://vcenter.example.com:443")]
    [InlineData(ProviderType.Proxmox, "https://pve.example.com:8006")]
    [InlineData(ProviderType.Proxmox, "https://pve.example.com:8006/api2/json")]
    [InlineData(ProviderType.Firecracker, "http://firecracker.example.com:8080")]
    public void Validate_EndpointFitsType_NoErrors(ProviderType type, string endpoint)
    {
        Assert.Empty(Validate(ValidSpec(type, endpoint)));
    }

    [Theory]
    [InlineData(ProviderType.Libvirt, "https://kvm01.example.com", "a libvirt provider needs a libvirt URI")]
    [InlineData(ProviderType.Qemu, "http://kvm01.example.com:8080", "a qemu provider needs a libvirt URI")]
    [InlineData(ProviderType.VSphere, "qemu:///system", "a vsphere provider needs the URL of the vCenter or ESXi API")]
    [InlineData(ProviderType.Proxmox, "qemu+ssh://root@pve.example.com/system", "a proxmox provider needs the URL of the Proxmox VE API")]
    public void Validate_EndpointOfAnotherHypervisor_Invalid(ProviderType type, string endpoint, string detail)
    {
        var error = FieldErrorAssert.Single(Validate(ValidSpec(type, endpoint)), FieldErrorType.Invalid, "spec.endpoint");
        Assert.Equal(endpoint, error.BadValue);
        Assert.StartsWith(detail, error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(Namespace, true)]
    [InlineData("default", false)]
    public void Validate_CredentialSecretNamespace_MustBeTheProviders(string? secretNamespace, bool valid)
    {
        var spec = ValidSpec() with { CredentialSecretRef = new ObjectRef { Name = "libvirt-credentials", Namespace = secretNamespace } };

        var errors = Validate(spec);

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            var error = FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.credentialSecretRef.namespace");
            Assert.Equal(
                "spec.credentialSecretRef.namespace: Invalid value: \"default\": must be the Provider's namespace (\"virtrigaud-system\"): the Secret is mounted into the provider pod",
                error.ToString());
        }
    }

    [Fact]
    public void Validate_TlsSecretNameNotASubdomain_Invalid()
    {
        var spec = WithRuntime(r => r with
        {
            Service = new ProviderServiceSpec { Tls = new ProviderTlsSpec { SecretRef = new Core.LocalObjectReference { Name = "Provider_TLS" } } },
        });

        var error = FieldErrorAssert.Single(Validate(spec), FieldErrorType.Invalid, "spec.runtime.service.tls.secretRef.name");
        Assert.Equal("Provider_TLS", error.BadValue);
    }

    // The controller reports these as TLSConfigured=False (TLSBlockMissing / SecretRefMissing); admission accepts them.
    public static TheoryData<ProviderServiceSpec?> TlsLeftToTheController => new()
    {
        null,
        new ProviderServiceSpec { Port = 9443 },
        new ProviderServiceSpec { Tls = new ProviderTlsSpec { Enabled = true } },
        new ProviderServiceSpec { Tls = new ProviderTlsSpec { Enabled = true, SecretRef = new Core.LocalObjectReference { Name = "" } } },
        new ProviderServiceSpec { Tls = new ProviderTlsSpec { Enabled = false } },
    };

    [Theory]
    [MemberData(nameof(TlsLeftToTheController))]
    public void Validate_TlsWithoutSecret_NoErrors(ProviderServiceSpec? service)
    {
        Assert.Empty(Validate(WithRuntime(r => r with { Service = service })));
    }

    [Fact]
    public void Validate_InvalidNodeSelectorKey_InvalidOnNodeSelector()
    {
        var spec = WithRuntime(r => r with
        {
            NodeSelector = new Dictionary<string, string> { ["kubernetes.io/os"] = "linux", ["virt host"] = "true" },
        });

        var error = FieldErrorAssert.Single(Validate(spec), FieldErrorType.Invalid, "spec.runtime.nodeSelector");
        Assert.Equal("virt host", error.BadValue);
    }

    [Theory]
    [InlineData("30s", "10s", null)]
    [InlineData("30s", "30s", null)]
    [InlineData("0s", "10s", "spec.healthCheck.interval")]
    [InlineData("30s", "-1s", "spec.healthCheck.timeout")]
    [InlineData("10s", "30s", "spec.healthCheck.timeout")]
    public void Validate_HealthCheckTimes_PositiveAndTimeoutWithinInterval(string interval, string timeout, string? invalidField)
    {
        var spec = ValidSpec() with
        {
            HealthCheck = new ProviderHealthCheck { Enabled = true, Interval = Duration.Parse(interval), Timeout = Duration.Parse(timeout) },
        };

        var errors = Validate(spec);

        if (invalidField is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            FieldErrorAssert.Single(errors, FieldErrorType.Invalid, invalidField);
        }
    }

    [Fact]
    public void Validate_HealthCheckTimeoutBeyondInterval_MessageNamesTheInterval()
    {
        var spec = ValidSpec() with
        {
            HealthCheck = new ProviderHealthCheck { Interval = Duration.Parse("10s"), Timeout = Duration.Parse("1m") },
        };

        var error = Assert.Single(Validate(spec));
        Assert.Equal("spec.healthCheck.timeout: Invalid value: \"1m\": must not be greater than spec.healthCheck.interval (10s)", error.ToString());
    }

    [Theory]
    [InlineData("0s", "5m", "spec.connectionPooling.connectionTimeout")]
    [InlineData("30s", "-5m", "spec.connectionPooling.idleTimeout")]
    public void Validate_ConnectionPoolingTimeoutNotPositive_Invalid(string connectionTimeout, string idleTimeout, string field)
    {
        var spec = ValidSpec() with
        {
            ConnectionPooling = new ProviderConnectionPooling
            {
                ConnectionTimeout = Duration.Parse(connectionTimeout),
                IdleTimeout = Duration.Parse(idleTimeout),
            },
        };

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Invalid, field);
    }

    // After defaulting, `maxConnections: 3` alone meets the default maxIdleConnections of 5; that must stay valid.
    [Fact]
    public void Validate_FewerMaxConnectionsThanDefaultIdle_NoErrors()
    {
        var spec = ValidSpec() with { ConnectionPooling = new ProviderConnectionPooling { MaxConnections = 3, MaxIdleConnections = 5 } };

        Assert.Empty(Validate(spec));
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("{\"namePattern\": \"^prod-.*\", \"powerState\": \"On\"}")]
    [InlineData("{\"namePattern\": \"(?P<env>prod|stage)-web-[0-9]+\"}")]
    [InlineData("{\"namePattern\": \"\\\\p{Greek}+\"}")]
    [InlineData("{\"minCPU\": 2, \"maxCPU\": 8, \"minMemoryMiB\": 2048, \"maxMemoryMiB\": 16384}")]
    [InlineData("{\"minCPU\": 4, \"maxCPU\": 0}")]
    [InlineData("{\"NamePattern\": \"web\", \"owner\": \"team-a\", \"maxCPU\": null}")]
    public void Validate_AdoptFilter_NoErrors(string filter)
    {
        var annotations = new Dictionary<string, string> { [ProviderAnnotations.AdoptVMs] = "true", [ProviderAnnotations.AdoptFilter] = filter };

        Assert.Empty(Validate(ValidSpec(), annotations));
    }

    [Theory]
    [InlineData("namePattern=prod-.*", "must be a JSON object: ")]
    [InlineData("[\"prod\"]", "must be a JSON object such as")]
    [InlineData("{\"namePattern\": 42}", "namePattern must be a string")]
    [InlineData("{\"powerState\": true}", "powerState must be a string")]
    [InlineData("{\"namePattern\": \"prod-(web\"}", "namePattern is not a valid regular expression: ")]
    [InlineData("{\"namepattern\": \"[a-\"}", "namePattern is not a valid regular expression: ")]
    [InlineData("{\"namePattern\": \"^(?!test-).*\"}", "namePattern: Go regular expressions do not support lookahead or lookbehind")]
    [InlineData("{\"namePattern\": \"(web)-\\\\1\"}", "namePattern: Go regular expressions do not support backreferences")]
    [InlineData("{\"minCPU\": 2.5}", "minCPU must be a 32-bit integer")]
    [InlineData("{\"maxCPU\": 4294967296}", "maxCPU must be a 32-bit integer")]
    [InlineData("{\"minMemoryMiB\": \"2048\"}", "minMemoryMiB must be an integer")]
    [InlineData("{\"minCPU\": 8, \"maxCPU\": 4}", "minCPU must not be greater than maxCPU")]
    [InlineData("{\"minMemoryMiB\": 8192, \"maxMemoryMiB\": 4096}", "minMemoryMiB must not be greater than maxMemoryMiB")]
    public void Validate_BadAdoptFilter_InvalidOnTheAnnotation(string filter, string detail)
    {
        var annotations = new Dictionary<string, string> { [ProviderAnnotations.AdoptFilter] = filter };

        var error = FieldErrorAssert.Single(Validate(ValidSpec(), annotations), FieldErrorType.Invalid, "metadata.annotations[virtrigaud.io/adopt-filter]");
        Assert.Equal(filter, error.BadValue);
        Assert.StartsWith(detail, error.Detail, StringComparison.Ordinal);
    }
}
