using VirtRigaud.Grpc;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Mock.Tests.Testing;

/// <summary>Assertions on the status codes the model and the service fail with.</summary>
internal static class ProviderAssert
{
    /// <summary>Runs <paramref name="action"/> and checks that it fails with <paramref name="code"/>; returns the message.</summary>
    public static string Fails(StatusCode code, Action action)
    {
        var e = Assert.Throws<ProviderException>(action);
        Assert.True(e.Code == code, $"expected {code}, got {e.Code}: {e.Message}");
        return e.Message;
    }

    /// <summary>As <see cref="Fails(StatusCode, Action)"/> for an async operation.</summary>
    public static async Task<string> FailsAsync(StatusCode code, Func<Task> action)
    {
        var e = await Assert.ThrowsAsync<ProviderException>(action);
        Assert.True(e.Code == code, $"expected {code}, got {e.Code}: {e.Message}");
        return e.Message;
    }

    /// <summary>Checks that a client call failed with <paramref name="code"/>; returns the status detail.</summary>
    public static async Task<string> RpcFailsAsync(StatusCode code, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(e.StatusCode == code, $"expected {code}, got {e.StatusCode}: {e.Status.Detail}");
        return e.Status.Detail;
    }
}
