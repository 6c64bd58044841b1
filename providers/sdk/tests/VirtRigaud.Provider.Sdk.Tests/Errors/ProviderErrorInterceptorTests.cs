using VirtRigaud.Grpc;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.Sdk.Tests.Testing;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Sdk.Tests.Errors;

public sealed class ProviderErrorInterceptorTests
{
    [Fact]
    public void ToRpcException_NotFound_KeepsCodeAndUpstreamWording()
    {
        var rpc = ProviderErrorInterceptor.ToRpcException(ProviderErrors.NotFound("vm", "web-1"));

        Assert.Equal(StatusCode.NotFound, rpc.StatusCode);
        Assert.Equal("vm \"web-1\" not found", rpc.Status.Detail);
        Assert.Empty(rpc.Trailers);
    }

    [Fact]
    public void ToRpcException_RetryAfter_RoundsUpSecondsAndCarriesRetryInfo()
    {
        var rpc = ProviderErrorInterceptor.ToRpcException(ProviderErrors.RateLimited(TimeSpan.FromSeconds(90.5)));

        Assert.Equal(StatusCode.ResourceExhausted, rpc.StatusCode);
        Assert.Equal("rate limit exceeded", rpc.Status.Detail);
        Assert.Equal("91", rpc.Trailers.GetValue(ProviderErrorInterceptor.RetryAfterTrailer));
        Assert.NotNull(rpc.Trailers.GetValueBytes(ProviderErrorInterceptor.StatusDetailsTrailer));
        Assert.Equal(TimeSpan.FromSeconds(90.5), ProviderErrorInterceptor.GetRetryAfter(rpc));
    }

    [Fact]
    public void ToRpcException_StatusDetails_AreAGoogleRpcStatusWithTheSameCodeAndMessage()
    {
        var rpc = ProviderErrorInterceptor.ToRpcException(ProviderErrors.Unavailable("vCenter is in maintenance", retryAfter: TimeSpan.FromMinutes(5)));

        var details = Sdk.Errors.Rpc.Status.Parser.ParseFrom(rpc.Trailers.GetValueBytes(ProviderErrorInterceptor.StatusDetailsTrailer));
        Assert.Equal((int)StatusCode.Unavailable, details.Code);
        Assert.Equal("vCenter is in maintenance", details.Message);
        var retry = Assert.Single(details.Details);
        Assert.Equal("type.googleapis.com/google.rpc.RetryInfo", retry.TypeUrl);
        Assert.Equal(TimeSpan.FromMinutes(5), Sdk.Errors.Rpc.RetryInfo.Parser.ParseFrom(retry.Value).RetryDelay.ToTimeSpan());
    }

    [Fact]
    public void GetRetryAfter_PlainTrailerOnly_ReadsSeconds()
    {
        var rpc = new RpcException(new Status(StatusCode.ResourceExhausted, "busy"), new Metadata().Add("retry-after", "30"));

        Assert.Equal(TimeSpan.FromSeconds(30), ProviderErrorInterceptor.GetRetryAfter(rpc));
        Assert.Null(ProviderErrorInterceptor.GetRetryAfter(new RpcException(new Status(StatusCode.ResourceExhausted, "busy"))));
    }

    [Fact]
    public void ProviderException_WithOk_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProviderException(StatusCode.OK, "fine"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProviderException(StatusCode.Unavailable, "x", retryAfter: TimeSpan.FromSeconds(-1)));
    }

    [Theory]
    [InlineData(StatusCode.Unavailable, true)]
    [InlineData(StatusCode.ResourceExhausted, true)]
    [InlineData(StatusCode.DeadlineExceeded, true)]
    [InlineData(StatusCode.Aborted, true)]
    [InlineData(StatusCode.NotFound, false)]
    [InlineData(StatusCode.InvalidArgument, false)]
    [InlineData(StatusCode.FailedPrecondition, false)]
    public void IsRetryable_ByCode_MatchesUpstream(StatusCode code, bool retryable) =>
        Assert.Equal(retryable, new ProviderException(code, "x").IsRetryable);

    [Theory]
    [InlineData("missing", StatusCode.NotFound, "vm \"missing\" not found")]
    [InlineData("", StatusCode.InvalidArgument, "id is empty")]
    [InlineData("busy", StatusCode.ResourceExhausted, "rate limit exceeded")]
    [InlineData("rpc", StatusCode.Aborted, "chosen by the handler")]
    public async Task Call_HandlerThrows_ClientGetsTheMappedStatus(string id, StatusCode code, string detail)
    {
        await using var provider = await InProcessProvider.StartAsync();

        var e = await Assert.ThrowsAsync<RpcException>(() => provider.Client.DescribeAsync(new DescribeRequest { Id = id }));

        Assert.Equal(code, e.StatusCode);
        Assert.Equal(detail, e.Status.Detail);
    }

    [Fact]
    public async Task Call_RateLimited_RetryDelayCrossesTheWire()
    {
        await using var provider = await InProcessProvider.StartAsync();

        var e = await Assert.ThrowsAsync<RpcException>(() => provider.Client.DescribeAsync(new DescribeRequest { Id = "busy" }));

        Assert.Equal("91", e.Trailers.GetValue("retry-after"));
        Assert.Equal(TimeSpan.FromSeconds(90.5), ProviderErrorInterceptor.GetRetryAfter(e));
    }

    [Fact]
    public async Task Call_UnexpectedException_InternalWithReferenceAndDetailsOnlyInTheLog()
    {
        await using var provider = await InProcessProvider.StartAsync();

        var e = await Assert.ThrowsAsync<RpcException>(() => provider.Client.DescribeAsync(new DescribeRequest { Id = "bug" }));

        Assert.Equal(StatusCode.Internal, e.StatusCode);
        Assert.DoesNotContain("s3cr3t", e.Status.Detail, StringComparison.Ordinal);
        var reference = System.Text.RegularExpressions.Regex.Match(e.Status.Detail, "reference ([0-9a-f]{12})").Groups[1].Value;
        Assert.NotEmpty(reference);
        Assert.Contains(reference, provider.Log, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: parser broke on token s3cr3t-internal-detail", provider.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_MethodNotOverridden_Unimplemented()
    {
        await using var provider = await InProcessProvider.StartAsync();

        var e = await Assert.ThrowsAsync<RpcException>(() => provider.Client.SnapshotCreateAsync(new SnapshotCreateRequest { VmId = "a", NameHint = "s" }));

        Assert.Equal(StatusCode.Unimplemented, e.StatusCode);
    }
}
