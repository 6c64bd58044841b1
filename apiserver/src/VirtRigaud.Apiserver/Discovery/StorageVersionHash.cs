using System.Security.Cryptography;
using System.Text;

namespace VirtRigaud.Apiserver.Discovery;

/// <summary>
/// The <c>storageVersionHash</c> of legacy discovery, computed as kube-apiserver does
/// (k8s.io/apiserver/pkg/endpoints/discovery.StorageVersionHash): standard base64 of the first 8 bytes of the SHA-256 of
/// <c>"group/version/kind"</c> of the storage version. Storage migration tools compare it across servers.
/// </summary>
public static class StorageVersionHash
{
    /// <summary>The hash of a storage group/version/kind. Pure.</summary>
    public static string Compute(string group, string version, string kind)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(group + "/" + version + "/" + kind));
        return Convert.ToBase64String(digest, 0, 8);
    }
}
