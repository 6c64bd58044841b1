namespace VirtRigaud.Grpc.Security;

/// <summary>The raw bytes of the certificate, key and CA files as read in one pass, and their fingerprint.</summary>
internal sealed record PemFileContents(byte[] Certificate, byte[] Key, byte[]? Ca, byte[] Fingerprint);
