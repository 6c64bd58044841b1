using System.Diagnostics.CodeAnalysis;

namespace VirtRigaud.Provider.Mock.DiskImages;

/// <summary>The wire names of <see cref="DiskImageFormat"/> (<c>qcow2</c>, <c>raw</c>), as the contract spells them. Pure; thread-safe.</summary>
public static class DiskImageFormats
{
    /// <summary>The contract's name of <paramref name="format"/>.</summary>
    public static string Name(DiskImageFormat format) => format switch
    {
        DiskImageFormat.Qcow2 => "qcow2",
        DiskImageFormat.Raw => "raw",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>Parses a contract format name, case-insensitively; <c>false</c> for anything the mock does not write.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out DiskImageFormat? format)
    {
        format = name?.Trim().ToLowerInvariant() switch
        {
            "qcow2" => DiskImageFormat.Qcow2,
            "raw" or "img" => DiskImageFormat.Raw,
            _ => null,
        };
        return format is not null;
    }
}
