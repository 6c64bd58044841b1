using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1.Tests;

public sealed class VMImageValidationTests
{
    private const string Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static FieldErrorList Validate(ImageSource source, ImagePrepare? prepare = null)
    {
        var image = new V1Beta1.VMImage
        {
            Metadata = new ObjectMeta { Name = "ubuntu-24-04", Namespace = "images" },
            Spec = new VMImageSpec { Source = source, Prepare = prepare },
        };
        var errors = new FieldErrorList();
        VMImageValidation.Validate(image, errors);
        return errors;
    }


    private static ImageSource Source(string name) => name switch
    {
        "vsphere" => new ImageSource { VSphere = new VSphereImageSource { TemplateName = "ubuntu-24.04-template" } },
        "libvirt" => new ImageSource { Libvirt = new LibvirtImageSource { Url = "https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img" } },
        "http" => new ImageSource { Http = new HTTPImageSource { Url = "https://images.example.com/rocky-9.qcow2" } },
        "registry" => new ImageSource { Registry = new RegistryImageSource { Image = "quay.io/containerdisks/fedora:40" } },
        "dataVolume" => new ImageSource { DataVolume = new DataVolumeImageSource { Name = "fedora-40" } },
        "proxmox" => new ImageSource { Proxmox = new ProxmoxImageSource { TemplateID = 9000 } },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static ImageSource HttpSource(HTTPImageSource http) => new() { Http = http };

    private static HTTPImageSource Http() => new() { Url = "https://images.example.com/rocky-9.qcow2" };

    [Theory]
    [InlineData("vsphere")]
    [InlineData("libvirt")]
    [InlineData("http")]
    [InlineData("registry")]
    [InlineData("dataVolume")]
    [InlineData("proxmox")]
    public void Validate_ExactlyOneSource_NoErrors(string source)
    {
        Assert.Empty(Validate(Source(source)));
    }

    [Fact]
    public void Validate_NoSource_RequiredOnSource()
    {
        var errors = Validate(new ImageSource());

        FieldErrorAssert.Single(errors, FieldErrorType.Required, "spec.source");
        Assert.Contains("exactly one of vsphere, libvirt, http, registry, dataVolume or proxmox", errors[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TwoSources_ForbiddenOnTheSecond()
    {
        var source = Source("libvirt") with { Http = Http() };

        var errors = Validate(source);

        FieldErrorAssert.Single(errors, FieldErrorType.Forbidden, "spec.source.http");
        Assert.Equal(
            "spec.source.http: Forbidden: may not be set together with spec.source.libvirt: an image has exactly one source",
            errors[0].ToString());
    }

    [Fact]
    public void Validate_ThreeSources_ForbiddenOnEachExtraOne()
    {
        var source = Source("vsphere") with { Registry = Source("registry").Registry, Proxmox = Source("proxmox").Proxmox };

        var errors = Validate(source);

        Assert.Equal(new[] { "spec.source.registry", "spec.source.proxmox" }, errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Equal(FieldErrorType.Forbidden, e.Type));
    }

    [Theory]
    [InlineData("tmpl", false, null, true)]
    [InlineData(null, true, null, true)]
    [InlineData(null, false, "https://images.example.com/photon.ova", true)]
    [InlineData(null, false, null, false)]
    public void Validate_VSphereSource_NeedsTemplateLibraryItemOrOva(string? template, bool library, string? ova, bool valid)
    {
        var vsphere = new VSphereImageSource
        {
            TemplateName = template,
            ContentLibrary = library ? new ContentLibraryRef { Library = "golden", Item = "ubuntu-24.04" } : null,
            OvaURL = ova,
        };

        var errors = Validate(new ImageSource { VSphere = vsphere });

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            FieldErrorAssert.Single(errors, FieldErrorType.Required, "spec.source.vsphere");
        }
    }

    [Theory]
    [InlineData("/var/lib/libvirt/images/base.qcow2", null, true)]
    [InlineData(null, "ftp://mirror.example.com/base.qcow2", true)]
    [InlineData(null, null, false)]
    public void Validate_LibvirtSource_NeedsPathOrUrl(string? path, string? url, bool valid)
    {
        var errors = Validate(new ImageSource { Libvirt = new LibvirtImageSource { Path = path, Url = url } });

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            FieldErrorAssert.Single(errors, FieldErrorType.Required, "spec.source.libvirt");
        }
    }

    [Theory]
    [InlineData(9000L, null, true)]
    [InlineData(null, "debian-12-template", true)]
    [InlineData(null, null, false)]
    public void Validate_ProxmoxSource_NeedsTemplateIdOrName(long? id, string? name, bool valid)
    {
        var errors = Validate(new ImageSource { Proxmox = new ProxmoxImageSource { TemplateID = id, TemplateName = name, Node = "pve1" } });

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            FieldErrorAssert.Single(errors, FieldErrorType.Required, "spec.source.proxmox");
        }
    }

    [Theory]
    [InlineData(Sha256, null, true)] // defaulted type is sha256
    [InlineData(Sha256, ChecksumType.Sha256, true)]
    [InlineData("sha256:" + Sha256, ChecksumType.Sha256, true)]
    [InlineData("9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08", ChecksumType.Sha256, true)]
    [InlineData("d41d8cd98f00b204e9800998ecf8427e", ChecksumType.Md5, true)]
    [InlineData("da39a3ee5e6b4b0d3255bfef95601890afd80709", ChecksumType.Sha1, true)]
    [InlineData("d41d8cd98f00b204e9800998ecf8427e", ChecksumType.Sha256, false)] // an md5 digest declared as sha256
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e", ChecksumType.Sha256, false)]
    [InlineData("zz86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", ChecksumType.Sha256, false)]
    public void Validate_Checksum_MustMatchChecksumType(string checksum, ChecksumType? type, bool valid)
    {
        var libvirt = new LibvirtImageSource { Url = "https://example.com/a.qcow2", Checksum = checksum, ChecksumType = type };

        var errors = Validate(new ImageSource { Libvirt = libvirt });

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.source.libvirt.checksum");
        }
    }

    [Fact]
    public void Validate_VSphereAndHttpChecksums_AreCheckedToo()
    {
        var vsphere = Validate(new ImageSource { VSphere = new VSphereImageSource { OvaURL = "https://example.com/a.ova", Checksum = "abc" } });
        var http = Validate(HttpSource(Http() with { Checksum = "abc", ChecksumType = ChecksumType.Sha512 }));

        FieldErrorAssert.Single(vsphere, FieldErrorType.Invalid, "spec.source.vsphere.checksum");
        FieldErrorAssert.Single(http, FieldErrorType.Invalid, "spec.source.http.checksum");
    }

    [Fact]
    public void Validate_OneHttpAuthenticationMethod_NoErrors()
    {
        var auth = new ImageHTTPAuthentication { Bearer = new ImageBearerAuth { SecretRef = new LocalObjectReference { Name = "token" } } };

        Assert.Empty(Validate(HttpSource(Http() with { Authentication = auth })));
    }

    [Fact]
    public void Validate_TwoHttpAuthenticationMethods_ForbiddenOnTheSecond()
    {
        var auth = new ImageHTTPAuthentication
        {
            BasicAuth = new ImageBasicAuth { SecretRef = new LocalObjectReference { Name = "creds" } },
            ClientCert = new ImageClientCertAuth { SecretRef = new LocalObjectReference { Name = "client-tls" } },
        };

        var errors = Validate(HttpSource(Http() with { Authentication = auth }));

        FieldErrorAssert.Single(errors, FieldErrorType.Forbidden, "spec.source.http.authentication.clientCert");
        Assert.Equal(
            "spec.source.http.authentication.clientCert: Forbidden: may not be set together with spec.source.http.authentication.basicAuth",
            errors[0].ToString());
    }

    [Theory]
    [InlineData("X-Api-Version", true)]
    [InlineData("Accept", true)]
    [InlineData("X Api", false)]
    [InlineData("X-Api:", false)]
    public void Validate_HttpHeaderName_MustBeAToken(string name, bool valid)
    {
        var errors = Validate(HttpSource(Http() with { Headers = new Dictionary<string, string> { [name] = "1" } }));

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            FieldErrorAssert.Single(errors, FieldErrorType.Invalid, $"spec.source.http.headers[{name}]");
        }
    }

    [Theory]
    [InlineData("45m", true)]
    [InlineData("0", false)]
    [InlineData("-5m", false)]
    public void Validate_Timeouts_MustBePositive(string timeout, bool valid)
    {
        var http = Validate(HttpSource(Http() with { Timeout = Duration.Parse(timeout) }));
        var prepare = Validate(Source("http"), new ImagePrepare { Timeout = Duration.Parse(timeout) });

        if (valid)
        {
            Assert.Empty(http);
            Assert.Empty(prepare);
        }
        else
        {
            FieldErrorAssert.Single(http, FieldErrorType.Invalid, "spec.source.http.timeout");
            FieldErrorAssert.Single(prepare, FieldErrorType.Invalid, "spec.prepare.timeout");
        }
    }

    [Theory]
    [InlineData(true, DiskType.Thin, true)]
    [InlineData(false, DiskType.Thick, true)]
    [InlineData(false, DiskType.EagerZeroedThick, true)]
    [InlineData(null, DiskType.Thick, true)]
    [InlineData(true, DiskType.EagerZeroedThick, false)]
    [InlineData(false, DiskType.Thin, false)]
    public void Validate_ThinProvisionedAndDiskType_MustAgree(bool? thin, DiskType diskType, bool valid)
    {
        var prepare = new ImagePrepare
        {
            Storage = new ImageStorage { VSphere = new VSphereImageStorage { ThinProvisioned = thin, DiskType = diskType } },
        };

        var errors = Validate(Source("vsphere"), prepare);

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.prepare.storage.vsphere.diskType");
        }
    }
}
