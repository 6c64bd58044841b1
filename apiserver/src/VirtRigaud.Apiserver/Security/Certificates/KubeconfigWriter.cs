using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace VirtRigaud.Apiserver.Security.Certificates;

/// <summary>
/// Writes the admin kubeconfig: one cluster <c>virtrigaud</c> (server URL and CA data), one user <c>admin</c> (client
/// certificate and key data), one context <c>virtrigaud</c>, which is current. The file is 0600 since it holds a key.
/// </summary>
/// <remarks>
/// Written as text rather than through a YAML serializer: every value is a base64 string, a URL or a fixed name, so
/// double-quoted scalars need no escaping beyond what <see cref="Quote"/> does.
/// </remarks>
internal static class KubeconfigWriter
{
    /// <summary>The name of the cluster and of the context.</summary>
    public const string ContextName = "virtrigaud";

    /// <summary>Writes (replacing) the kubeconfig at <paramref name="path"/>.</summary>
    public static void Write(string path, Uri server, string certificateAuthorityPem, X509Certificate2 clientCertificate, string user)
    {
        var text = new StringBuilder()
            .Append("apiVersion: v1\n")
            .Append("kind: Config\n")
            .Append("clusters:\n")
            .Append("- name: ").Append(Quote(ContextName)).Append('\n')
            .Append("  cluster:\n")
            .Append("    server: ").Append(Quote(server.GetLeftPart(UriPartial.Authority))).Append('\n')
            .Append("    certificate-authority-data: ").Append(Base64(certificateAuthorityPem)).Append('\n')
            .Append("users:\n")
            .Append("- name: ").Append(Quote(user)).Append('\n')
            .Append("  user:\n")
            .Append("    client-certificate-data: ").Append(Base64(clientCertificate.ExportCertificatePem() + "\n")).Append('\n')
            .Append("    client-key-data: ").Append(Base64(PemFiles.PrivateKeyPem(clientCertificate))).Append('\n')
            .Append("contexts:\n")
            .Append("- name: ").Append(Quote(ContextName)).Append('\n')
            .Append("  context:\n")
            .Append("    cluster: ").Append(Quote(ContextName)).Append('\n')
            .Append("    user: ").Append(Quote(user)).Append('\n')
            .Append("current-context: ").Append(Quote(ContextName)).Append('\n')
            .Append("preferences: {}\n");
        PemFiles.WritePrivate(path, text.ToString());
    }

    private static string Base64(string pem) => Convert.ToBase64String(Encoding.ASCII.GetBytes(pem));

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
