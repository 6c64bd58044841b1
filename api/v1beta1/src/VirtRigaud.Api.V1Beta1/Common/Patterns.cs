namespace VirtRigaud.Api.V1Beta1;

/// <summary>Regular expressions shared by several fields, exactly as the upstream CRDs spell them.</summary>
public static class Patterns
{
    /// <summary>A DNS-1123 label (the upstream CRDs use it for names up to 253 characters too).</summary>
    public const string Dns1123Label = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /// <summary>A dotted-quad IPv4 address.</summary>
    public const string IPv4 = @"^((25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}(25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)$";

    /// <summary>An IPv4 network in CIDR notation.</summary>
    public const string IPv4Cidr = @"^((25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}(25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)/([0-9]|[1-2][0-9]|3[0-2])$";

    /// <summary>A MAC address with <c>:</c> or <c>-</c> separators.</summary>
    public const string MacAddress = "^([0-9A-Fa-f]{2}[:-]){5}([0-9A-Fa-f]{2})$";
}
