using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VirtRigaud.Apiserver.Security.Certificates;

/// <summary>Reads and writes PEM certificates and keys. Writes are atomic (temporary file, then rename); key files are 0600.</summary>
internal static class PemFiles
{
    private const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PublicMode = PrivateMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Writes <paramref name="certificate"/> to <paramref name="certificatePath"/> and its private key to <paramref name="keyPath"/> (PKCS#8, 0600).</summary>
    public static void WritePair(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        WriteAtomically(keyPath, PrivateKeyPem(certificate), PrivateMode);
        WriteAtomically(certificatePath, certificate.ExportCertificatePem() + "\n", PublicMode);
    }

    /// <summary>The PKCS#8 PEM of the certificate's private key (ECDSA or RSA).</summary>
    public static string PrivateKeyPem(X509Certificate2 certificate)
    {
        using AsymmetricAlgorithm key = (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() ?? certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException($"certificate {certificate.Subject} has no private key");
        return key.ExportPkcs8PrivateKeyPem() + "\n";
    }

    /// <summary>
    /// Loads a certificate with its private key, or returns null when either file is missing or unreadable (the caller
    /// then generates a new pair; a corrupt file must not keep the server from starting with fresh credentials).
    /// </summary>
    public static X509Certificate2? TryLoadPair(string certificatePath, string keyPath)
    {
        if (!File.Exists(certificatePath) || !File.Exists(keyPath))
        {
            return null;
        }

        try
        {
            return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (Exception e) when (e is CryptographicException or IOException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Loads a certificate with its private key; throws with the file names when that fails (for user-supplied files).</summary>
    public static X509Certificate2 LoadPair(string certificatePath, string keyPath)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (Exception e) when (e is CryptographicException or IOException or ArgumentException)
        {
            throw new InvalidOperationException($"cannot load the certificate {certificatePath} with the key {keyPath}: {e.Message}", e);
        }
    }

    /// <summary>Every certificate in a PEM bundle; throws when the file holds none.</summary>
    public static X509Certificate2Collection LoadBundle(string path)
    {
        var bundle = new X509Certificate2Collection();
        try
        {
            bundle.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is CryptographicException or IOException)
        {
            throw new InvalidOperationException($"cannot read the certificate bundle {path}: {e.Message}", e);
        }

        return bundle.Count > 0 ? bundle : throw new InvalidOperationException($"{path} holds no PEM certificate");
    }

    /// <summary>Writes <paramref name="text"/> to a temporary file with <paramref name="mode"/> and renames it over <paramref name="path"/>.</summary>
    public static void WriteAtomically(string path, string text, UnixFileMode mode)
    {
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only when the file is new; a leftover temporary file keeps its old mode otherwise.
            File.SetUnixFileMode(temporary, mode);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Writes a private file (0600), such as a kubeconfig holding a client key.</summary>
    public static void WritePrivate(string path, string text) => WriteAtomically(path, text, PrivateMode);
}
