using VirtRigaud.Grpc;

namespace VirtRigaud.Etcd;

/// <summary>
/// Turns etcd's gRPC failures into the typed exceptions callers branch on.
/// </summary>
/// <remarks>
/// etcd identifies its errors by the status detail text (its rpctypes package maps errors by description, and etcd's
/// own client compares them the same way); two different errors share OutOfRange, so the code alone cannot tell a
/// compacted revision from a future one. The texts below are etcd's wire contract, unchanged since v3.0.
/// <list type="table">
///   <listheader><term>status / detail</term><description>exception</description></listheader>
///   <item><term>OutOfRange "...required revision has been compacted"</term><description><see cref="EtcdCompactedException"/></description></item>
///   <item><term>OutOfRange "...required revision is a future revision"</term><description><see cref="EtcdFutureRevisionException"/></description></item>
///   <item><term>Unauthenticated, PermissionDenied, auth InvalidArgument/FailedPrecondition texts</term><description><see cref="EtcdAuthenticationException"/></description></item>
///   <item><term>Unavailable</term><description><see cref="EtcdUnavailableException"/></description></item>
///   <item><term>Cancelled by the caller's token</term><description><see cref="OperationCanceledException"/></description></item>
/// </list>
/// </remarks>
internal static class EtcdErrors
{
    public const string Compacted = "etcdserver: mvcc: required revision has been compacted";
    public const string FutureRevision = "etcdserver: mvcc: required revision is a future revision";
    public const string InvalidAuthToken = "etcdserver: invalid auth token";
    public const string AuthOldRevision = "etcdserver: revision of auth store is old";
    public const string PermissionDenied = "etcdserver: permission denied";
    private const string AuthFailed = "etcdserver: authentication failed, invalid user ID or password";
    private const string UserEmpty = "etcdserver: user name is empty";
    private const string AuthNotEnabled = "etcdserver: authentication is not enabled";

    /// <summary>The token was issued by a member that forgot it (restart, TTL) or before an auth change: authenticate again.</summary>
    public static bool IsStaleToken(RpcException e) =>
        (e.StatusCode == StatusCode.Unauthenticated && e.Status.Detail == InvalidAuthToken) ||
        (e.StatusCode == StatusCode.InvalidArgument && e.Status.Detail == AuthOldRevision);

    /// <summary>
    /// A watch create refused for authentication. etcd puts the Go text of the gRPC error in cancel_reason
    /// (<c>rpc error: code = Unauthenticated desc = etcdserver: invalid auth token</c>), so the etcd error is its end.
    /// </summary>
    public static bool IsAuthCancelReason(string reason) =>
        reason.EndsWith(InvalidAuthToken, StringComparison.Ordinal) ||
        reason.EndsWith(PermissionDenied, StringComparison.Ordinal) ||
        reason.EndsWith(AuthOldRevision, StringComparison.Ordinal);

    public static Exception Map(RpcException e, CancellationToken cancellationToken)
    {
        if (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException("the etcd call was cancelled", e, cancellationToken);
        }

        var detail = e.Status.Detail;
        return e.StatusCode switch
        {
            StatusCode.OutOfRange when detail == Compacted => new EtcdCompactedException(detail, 0, e),
            StatusCode.OutOfRange when detail == FutureRevision => new EtcdFutureRevisionException(detail, e),
            StatusCode.Unauthenticated or StatusCode.PermissionDenied => new EtcdAuthenticationException(e.StatusCode, detail, e),
            StatusCode.InvalidArgument or StatusCode.FailedPrecondition when detail is AuthFailed or UserEmpty or AuthNotEnabled or AuthOldRevision
                => new EtcdAuthenticationException(e.StatusCode, detail, e),
            StatusCode.Unavailable => new EtcdUnavailableException(detail, e),
            _ => new EtcdException(e.StatusCode, detail.Length == 0 ? e.Message : detail, e),
        };
    }

    /// <summary>The failure of a watch that etcd cancelled with a reason (its create was refused, or it was dropped).</summary>
    public static Exception WatchCancelled(long compactRevision, string reason)
    {
        if (compactRevision > 0)
        {
            return new EtcdCompactedException($"{Compacted} (watch cancelled; oldest available revision {compactRevision})", compactRevision);
        }

        if (IsAuthCancelReason(reason))
        {
            return new EtcdAuthenticationException(StatusCode.PermissionDenied, reason);
        }

        return new EtcdException(StatusCode.Cancelled, reason.Length == 0 ? "etcd cancelled the watch" : reason);
    }
}
