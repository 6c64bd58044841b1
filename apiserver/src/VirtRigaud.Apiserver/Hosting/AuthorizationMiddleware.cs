using Microsoft.AspNetCore.Http.Features;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;
using VirtRigaud.Apiserver.Http;
using VirtRigaud.Apiserver.Security;

namespace VirtRigaud.Apiserver.Hosting;

/// <summary>
/// Asks the <see cref="IAuthorizer"/> whether the authenticated user may do what the request asks; anything but an
/// explicit allow is answered with 403 <c>Forbidden</c> in kube-apiserver's words, e.g.
/// <c>virtualmachines.infra.virtrigaud.io is forbidden: User "bob" cannot list resource "virtualmachines" in API group
/// "infra.virtrigaud.io" in the namespace "default"</c>.
/// </summary>
internal sealed class AuthorizationMiddleware
{
    private readonly RequestDelegate _next;
    private readonly IAuthorizer _authorizer;
    private readonly ILogger<AuthorizationMiddleware> _logger;

    public AuthorizationMiddleware(RequestDelegate next, IAuthorizer authorizer, ILogger<AuthorizationMiddleware> logger)
    {
        _next = next;
        _authorizer = authorizer;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Features.GetRequiredFeature<RequestContextFeature>();
        var attributes = Attributes(request.Info, request.User);
        var decision = await _authorizer.AuthorizeAsync(attributes, context.RequestAborted).ConfigureAwait(false);
        if (decision.Verdict == AuthorizationVerdict.Allow)
        {
            await _next(context).ConfigureAwait(false);
            return;
        }

        ApiServerLog.Forbidden(_logger, request.User.Name, attributes.Verb, attributes.Path);
        await ApiResponses.WriteStatusAsync(context, Forbidden(attributes, decision.Reason).Status, null, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The authorization attributes of a request (k8s.io/apiserver's <c>GetAuthorizerAttributes</c>); pure.</summary>
    public static AuthorizationAttributes Attributes(RequestInfo info, UserInfo user) => new()
    {
        User = user,
        Verb = info.Verb,
        IsResourceRequest = info.IsResourceRequest,
        Path = info.Path,
        ApiGroup = info.ApiGroup,
        ApiVersion = info.ApiVersion,
        Namespace = info.Namespace,
        Resource = info.Resource,
        Subresource = info.Subresource,
        Name = info.Name,
    };

    /// <summary>The 403 kube-apiserver sends (responsewriters.Forbidden): the message names user, verb and target.</summary>
    public static StatusException Forbidden(AuthorizationAttributes attributes, string reason)
    {
        string message;
        if (!attributes.IsResourceRequest)
        {
            message = $"User {Quote(attributes.User.Name)} cannot {attributes.Verb} path {Quote(attributes.Path)}";
        }
        else
        {
            var resource = attributes.Subresource.Length == 0 ? attributes.Resource : $"{attributes.Resource}/{attributes.Subresource}";
            message = attributes.Namespace.Length > 0
                ? $"User {Quote(attributes.User.Name)} cannot {attributes.Verb} resource {Quote(resource)} in API group {Quote(attributes.ApiGroup)} in the namespace {Quote(attributes.Namespace)}"
                : $"User {Quote(attributes.User.Name)} cannot {attributes.Verb} resource {Quote(resource)} in API group {Quote(attributes.ApiGroup)} at the cluster scope";
        }

        if (reason.Length > 0)
        {
            message = $"{message}: {reason}";
        }

        return attributes.IsResourceRequest
            ? StatusException.Forbidden(attributes.ApiGroup, attributes.Resource, attributes.Name, message)
            : StatusException.Forbidden("", "", "", message);
    }

    // Go's %q, as fmt.Sprintf("User %q cannot ...") writes it.
    private static string Quote(string value) => FieldError.Quote(value);
}
