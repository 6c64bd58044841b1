using VirtRigaud.Grpc;

namespace VirtRigaud.Provider.Contract.Tests.Client;

public sealed class ProviderRpcErrorsTests
{
    [Theory]
    [InlineData(StatusCode.NotFound, ProviderErrorKind.NotFound)]
    [InlineData(StatusCode.InvalidArgument, ProviderErrorKind.InvalidSpec)]
    [InlineData(StatusCode.Unavailable, ProviderErrorKind.Retryable)]
    [InlineData(StatusCode.DeadlineExceeded, ProviderErrorKind.Retryable)]
    [InlineData(StatusCode.Unimplemented, ProviderErrorKind.Unsupported)]
    [InlineData(StatusCode.FailedPrecondition, ProviderErrorKind.Other)]
    [InlineData(StatusCode.ResourceExhausted, ProviderErrorKind.Other)]
    [InlineData(StatusCode.Internal, ProviderErrorKind.Other)]
    [InlineData(StatusCode.Unknown, ProviderErrorKind.Other)]
    [InlineData(StatusCode.Cancelled, ProviderErrorKind.Other)]
    [InlineData(StatusCode.PermissionDenied, ProviderErrorKind.Other)]
    [InlineData(StatusCode.Unauthenticated, ProviderErrorKind.Other)]
    [InlineData(StatusCode.AlreadyExists, ProviderErrorKind.Other)]
    public void Classify_StatusCode_UpstreamKind(StatusCode code, ProviderErrorKind expected)
    {
        var error = new RpcException(new Status(code, "x"));

        Assert.Equal(expected, ProviderRpcErrors.Classify(code));
        Assert.Equal(expected, ProviderRpcErrors.Classify(error));
        Assert.Equal(expected, ProviderRpcErrors.Classify((Exception)error));
        Assert.Equal(expected == ProviderErrorKind.NotFound, ProviderRpcErrors.IsNotFound(error));
        Assert.Equal(expected == ProviderErrorKind.InvalidSpec, ProviderRpcErrors.IsInvalidSpec(error));
        Assert.Equal(expected == ProviderErrorKind.Retryable, ProviderRpcErrors.IsRetryable(error));
        Assert.Equal(expected == ProviderErrorKind.Unsupported, ProviderRpcErrors.IsUnsupported(error));
    }

    [Fact]
    public void Classify_NonRpcException_Other()
    {
        Assert.Equal(ProviderErrorKind.Other, ProviderRpcErrors.Classify(new InvalidOperationException("x")));
        Assert.False(ProviderRpcErrors.IsRetryable(new TimeoutException()));
    }
}
