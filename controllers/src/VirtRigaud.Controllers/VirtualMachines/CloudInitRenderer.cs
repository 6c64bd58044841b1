using System.Text;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Models.CoreV1;

namespace VirtRigaud.Controllers.VirtualMachines;

/// <summary>
/// Upstream's cloud-init merge rules (API-REFERENCE §3.2), byte for byte:
/// <code>
/// document    parts, in order                                         combined
/// user-data   inline, Secret key userdata|user-data|cloud-init|       1 part: as is; 2 parts: MIME multipart/mixed,
///             cloud-config (the first present)                        boundary VIRTRIGAUD_CLOUD_INIT_BOUNDARY,
///                                                                     each part text/cloud-config; charset="utf-8"
/// meta-data   inline, Secret key metadata|meta-data|meta_data         parts joined with "\n"
/// </code>
/// An empty inline string is no part. A referenced Secret without any accepted key is an error naming the keys.
/// Pure and thread-safe: the caller fetches the Secrets (from the VM's namespace) and passes them in.
/// </summary>
public static class CloudInitRenderer
{
    /// <summary>The MIME boundary upstream uses.</summary>
    public const string Boundary = "VIRTRIGAUD_CLOUD_INIT_BOUNDARY";

    /// <summary>Secret keys read for user-data, in order of preference.</summary>
    public static readonly IReadOnlyList<string> UserDataKeys = ["userdata", "user-data", "cloud-init", "cloud-config"];

    /// <summary>Secret keys read for meta-data, in order of preference.</summary>
    public static readonly IReadOnlyList<string> MetaDataKeys = ["metadata", "meta-data", "meta_data"];

    /// <summary>
    /// Renders both documents. <paramref name="userDataSecret"/> / <paramref name="metaDataSecret"/> are the Secrets
    /// named by the respective <c>secretRef</c> (null when there is none).
    /// </summary>
    /// <exception cref="CloudInitException">A referenced Secret has no accepted key.</exception>
    public static CloudInitDocuments Render(CloudInitConfig? userData, Secret? userDataSecret, CloudInitConfig? metaData, Secret? metaDataSecret) => new()
    {
        UserData = RenderUserData(userData?.Inline, userDataSecret),
        MetaData = RenderMetaData(metaData?.Inline, metaDataSecret),
    };

    /// <summary>The user-data document from an inline part and a Secret part (either may be absent).</summary>
    /// <exception cref="CloudInitException">The Secret has no accepted key.</exception>
    public static string RenderUserData(string? inline, Secret? secret)
    {
        var parts = new List<string>(2);
        if (!string.IsNullOrEmpty(inline))
        {
            parts.Add(inline);
        }

        if (secret is not null)
        {
            parts.Add(Extract(secret, UserDataKeys, "cloud-init"));
        }

        return parts.Count switch
        {
            0 => "",
            1 => parts[0],
            _ => Multipart(parts),
        };
    }

    /// <summary>The meta-data document from an inline part and a Secret part (either may be absent).</summary>
    /// <exception cref="CloudInitException">The Secret has no accepted key.</exception>
    public static string RenderMetaData(string? inline, Secret? secret)
    {
        var parts = new List<string>(2);
        if (!string.IsNullOrEmpty(inline))
        {
            parts.Add(inline);
        }

        if (secret is not null)
        {
            parts.Add(Extract(secret, MetaDataKeys, "metadata"));
        }

        return string.Join('\n', parts);
    }

    /// <summary>Combines cloud-config documents into one MIME multipart/mixed document, as upstream writes it.</summary>
    public static string Multipart(IReadOnlyList<string> parts)
    {
        var builder = new StringBuilder();
        builder.Append("Content-Type: multipart/mixed; boundary=\"").Append(Boundary).Append("\"\n");
        builder.Append("MIME-Version: 1.0\n");
        foreach (var part in parts)
        {
            builder.Append("\n--").Append(Boundary).Append('\n');
            builder.Append("Content-Type: text/cloud-config; charset=\"utf-8\"\n");
            builder.Append('\n');
            builder.Append(part);
            builder.Append('\n');
        }

        builder.Append("\n--").Append(Boundary).Append("--\n");
        return builder.ToString();
    }

    private static string Extract(Secret secret, IReadOnlyList<string> keys, string what)
    {
        foreach (var key in keys)
        {
            if (secret.Data is { } data && data.TryGetValue(key, out var value))
            {
                return Encoding.UTF8.GetString(value);
            }
        }

        throw new CloudInitException($"secret \"{secret.Metadata.Name}\" contains no recognised {what} key; accepted keys: {string.Join(", ", keys)}");
    }
}
