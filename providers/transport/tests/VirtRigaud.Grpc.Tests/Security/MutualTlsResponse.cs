namespace VirtRigaud.Grpc.Tests.Security;

/// <summary>What <see cref="MutualTlsClient"/> saw: the endpoint's answer and the server certificate's serial number.</summary>
internal sealed record MutualTlsResponse(string Body, string? ServerSerialNumber);
