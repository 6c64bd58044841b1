using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// The rules for a <see cref="VMImage"/> that its OpenAPI schema cannot express. Runs after schema validation and
/// defaulting; never mutates the object.
/// </summary>
public static class VMImageValidation
{
    /// <summary>Appends every problem of <paramref name="obj"/> to <paramref name="errors"/>.</summary>
    public static void Validate(VMImage obj, FieldErrorList errors)
    {
        var spec = FieldPath.NewPath("spec");
        ValidateSource(obj.Spec.Source, spec.Child("source"), errors);
        ValidatePrepare(obj.Spec.Prepare, spec.Child("prepare"), errors);
    }

    private static void ValidateSource(ImageSource source, FieldPath path, FieldErrorList errors)
    {
        // Upstream's schema made every source optional and never said "one of". An image without a source cannot be
        // imported, and with two the controller picks one silently; both are refused here.
        var set = new List<string>();
        if (source.VSphere is not null) { set.Add("vsphere"); }
        if (source.Libvirt is not null) { set.Add("libvirt"); }
        if (source.Http is not null) { set.Add("http"); }
        if (source.Registry is not null) { set.Add("registry"); }
        if (source.DataVolume is not null) { set.Add("dataVolume"); }
        if (source.Proxmox is not null) { set.Add("proxmox"); }

        if (set.Count == 0)
        {
            errors.Add(FieldError.Required(path,
                "exactly one of vsphere, libvirt, http, registry, dataVolume or proxmox must be set: it says where the image comes from"));
        }

        for (var i = 1; i < set.Count; i++)
        {
            errors.Add(FieldError.Forbidden(path.Child(set[i]),
                $"may not be set together with {path.Child(set[0])}: an image has exactly one source"));
        }

        ValidateVSphere(source.VSphere, path.Child("vsphere"), errors);
        ValidateLibvirt(source.Libvirt, path.Child("libvirt"), errors);
        ValidateHttp(source.Http, path.Child("http"), errors);
        ValidateProxmox(source.Proxmox, path.Child("proxmox"), errors);
    }

    private static void ValidateVSphere(VSphereImageSource? vsphere, FieldPath path, FieldErrorList errors)
    {
        if (vsphere is null)
        {
            return;
        }

        if (vsphere.TemplateName is null && vsphere.ContentLibrary is null && vsphere.OvaURL is null)
        {
            errors.Add(FieldError.Required(path, "one of templateName, contentLibrary or ovaURL is required"));
        }

        ValidateChecksum(vsphere.Checksum, vsphere.ChecksumType, path, errors);
    }

    private static void ValidateLibvirt(LibvirtImageSource? libvirt, FieldPath path, FieldErrorList errors)
    {
        if (libvirt is null)
        {
            return;
        }

        if (libvirt.Path is null && libvirt.Url is null)
        {
            errors.Add(FieldError.Required(path, "one of path (a volume on the host) or url (a file to download) is required"));
        }

        ValidateChecksum(libvirt.Checksum, libvirt.ChecksumType, path, errors);
    }

    private static void ValidateHttp(HTTPImageSource? http, FieldPath path, FieldErrorList errors)
    {
        if (http is null)
        {
            return;
        }

        ValidateChecksum(http.Checksum, http.ChecksumType, path, errors);
        ValidatePositive(http.Timeout, path.Child("timeout"), errors);

        if (http.Headers is not null)
        {
            foreach (var name in http.Headers.Keys.Order(StringComparer.Ordinal))
            {
                if (!IsHttpToken(name))
                {
                    errors.Add(FieldError.Invalid(path.Child("headers").Key(name), name, "must be a valid HTTP header name (RFC 9110 token)"));
                }
            }
        }

        if (http.Authentication is { } auth)
        {
            // One request carries one Authorization header or one client certificate; two methods are ambiguous.
            var authPath = path.Child("authentication");
            var methods = new List<string>();
            if (auth.BasicAuth is not null) { methods.Add("basicAuth"); }
            if (auth.Bearer is not null) { methods.Add("bearer"); }
            if (auth.ClientCert is not null) { methods.Add("clientCert"); }
            for (var i = 1; i < methods.Count; i++)
            {
                errors.Add(FieldError.Forbidden(authPath.Child(methods[i]), $"may not be set together with {authPath.Child(methods[0])}"));
            }
        }
    }

    private static void ValidateProxmox(ProxmoxImageSource? proxmox, FieldPath path, FieldErrorList errors)
    {
        if (proxmox is { TemplateID: null, TemplateName: null })
        {
            errors.Add(FieldError.Required(path, "one of templateID or templateName is required"));
        }
    }

    private static void ValidatePrepare(ImagePrepare? prepare, FieldPath path, FieldErrorList errors)
    {
        if (prepare is null)
        {
            return;
        }

        ValidatePositive(prepare.Timeout, path.Child("timeout"), errors);

        // thinProvisioned and diskType say the same thing twice; contradicting values cannot both be honoured.
        if (prepare.Storage?.VSphere is { ThinProvisioned: { } thin, DiskType: { } diskType }
            && thin != (diskType == DiskType.Thin))
        {
            var wire = diskType switch
            {
                DiskType.Thin => "thin",
                DiskType.Thick => "thick",
                _ => "eagerzeroedthick",
            };
            errors.Add(FieldError.Invalid(path.Child("storage", "vsphere", "diskType"), wire,
                thin ? "must be \"thin\" when thinProvisioned is true" : "may not be \"thin\" when thinProvisioned is false"));
        }
    }

    private static void ValidateChecksum(string? checksum, ChecksumType? type, FieldPath sourcePath, FieldErrorList errors)
    {
        if (checksum is null)
        {
            return;
        }

        var algorithm = type ?? ChecksumType.Sha256;
        var (name, hexLength) = algorithm switch
        {
            ChecksumType.Md5 => ("md5", 32),
            ChecksumType.Sha1 => ("sha1", 40),
            ChecksumType.Sha256 => ("sha256", 64),
            _ => ("sha512", 128),
        };

        // "sha256:<hex>" (the OCI digest form) is accepted when the prefix names the same algorithm.
        var digest = checksum.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase) ? checksum[(name.Length + 1)..] : checksum;
        if (digest.Length != hexLength || !digest.All(char.IsAsciiHexDigit))
        {
            errors.Add(FieldError.Invalid(sourcePath.Child("checksum"), checksum,
                $"must be {hexLength} hexadecimal digits, a {name} digest (checksumType is {FieldError.Quote(name)})"));
        }
    }

    private static void ValidatePositive(Duration? duration, FieldPath path, FieldErrorList errors)
    {
        if (duration is { Nanoseconds: <= 0 } d)
        {
            errors.Add(FieldError.Invalid(path, d.ToString(), "must be greater than zero"));
        }
    }

    // RFC 9110 §5.6.2: token = 1*tchar.
    private static bool IsHttpToken(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
