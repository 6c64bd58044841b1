using VirtRigaud.Apiserver.Http;
using VirtRigaud.Apiserver.Security;

namespace VirtRigaud.Apiserver.Hosting;

/// <summary>
/// What the hosting pipeline established about a request before any endpoint runs: the parsed
/// <see cref="RequestInfo"/> and the authenticated (and authorized) <see cref="UserInfo"/>. Set once with
/// <c>context.Features.Set</c> by the authentication stage; endpoints read it with
/// <c>context.Features.GetRequiredFeature&lt;RequestContextFeature&gt;()</c> and never change it.
/// </summary>
public sealed class RequestContextFeature
{
    /// <summary>The request's verb, namespace, resource, name and subresource.</summary>
    public required RequestInfo Info { get; init; }

    /// <summary>Who sent the request (<c>system:anonymous</c> when it carried no credentials and anonymous requests are on).</summary>
    public required UserInfo User { get; init; }
}
