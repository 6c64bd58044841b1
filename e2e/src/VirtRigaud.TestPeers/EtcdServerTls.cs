namespace VirtRigaud.TestPeers;

/// <summary>TLS files of an etcd client port (PEM; the key unencrypted, PKCS#8 or PKCS#1).</summary>
/// <param name="CertFile">The server certificate (<c>--cert-file</c>); it must name 127.0.0.1 as an IP SAN.</param>
/// <param name="KeyFile">Its private key (<c>--key-file</c>).</param>
/// <param name="TrustedCaFile">The CA client certificates must chain to (<c>--trusted-ca-file</c>).</param>
/// <param name="ClientCertAuth">Require a client certificate (<c>--client-cert-auth</c>).</param>
/// <param name="ClientCertFile">A client certificate etcdctl uses (for <see cref="EtcdServer.EnableAuthAsync"/>).</param>
/// <param name="ClientKeyFile">The key of <paramref name="ClientCertFile"/>.</param>
public sealed record EtcdServerTls(string CertFile, string KeyFile, string TrustedCaFile, bool ClientCertAuth, string? ClientCertFile = null, string? ClientKeyFile = null);
