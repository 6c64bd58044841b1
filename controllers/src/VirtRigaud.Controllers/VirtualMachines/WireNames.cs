using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Controllers.VirtualMachines;

/// <summary>The wire names of v1beta1 enums (<c>thin</c>, <c>qcow2</c>, <c>sha256</c>, <c>vsphere</c>), read from the API contract so they never drift. Pure.</summary>
internal static class WireNames
{
    public static string Of(DiskType value) => Text(value, V1Beta1JsonContext.Default.DiskType);

    public static string Of(ImageFormat value) => Text(value, V1Beta1JsonContext.Default.ImageFormat);

    public static string Of(ChecksumType value) => Text(value, V1Beta1JsonContext.Default.ChecksumType);

    public static string Of(ProviderType value) => Text(value, V1Beta1JsonContext.Default.ProviderType);

    private static string Text<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToElement(value, typeInfo).GetString() ?? "";
}
