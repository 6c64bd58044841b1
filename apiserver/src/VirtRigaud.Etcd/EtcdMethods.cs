using VirtRigaud.Etcd.Protocol;
using VirtRigaud.Grpc;

namespace VirtRigaud.Etcd;

/// <summary>The etcd methods we call, built once from the generated service descriptors.</summary>
internal static class EtcdMethods
{
    private static readonly Google.Protobuf.Reflection.FileDescriptor File = RpcReflection.Descriptor;

    public static readonly Method<RangeRequest, RangeResponse> Range = Method<RangeRequest, RangeResponse>.Create(Service("KV"), "Range");
    public static readonly Method<PutRequest, PutResponse> Put = Method<PutRequest, PutResponse>.Create(Service("KV"), "Put");
    public static readonly Method<DeleteRangeRequest, DeleteRangeResponse> DeleteRange = Method<DeleteRangeRequest, DeleteRangeResponse>.Create(Service("KV"), "DeleteRange");
    public static readonly Method<TxnRequest, TxnResponse> Txn = Method<TxnRequest, TxnResponse>.Create(Service("KV"), "Txn");
    public static readonly Method<CompactionRequest, CompactionResponse> Compact = Method<CompactionRequest, CompactionResponse>.Create(Service("KV"), "Compact");
    public static readonly Method<WatchRequest, WatchResponse> Watch = Method<WatchRequest, WatchResponse>.Create(Service("Watch"), "Watch");
    public static readonly Method<LeaseGrantRequest, LeaseGrantResponse> LeaseGrant = Method<LeaseGrantRequest, LeaseGrantResponse>.Create(Service("Lease"), "LeaseGrant");
    public static readonly Method<LeaseRevokeRequest, LeaseRevokeResponse> LeaseRevoke = Method<LeaseRevokeRequest, LeaseRevokeResponse>.Create(Service("Lease"), "LeaseRevoke");
    public static readonly Method<LeaseKeepAliveRequest, LeaseKeepAliveResponse> LeaseKeepAlive = Method<LeaseKeepAliveRequest, LeaseKeepAliveResponse>.Create(Service("Lease"), "LeaseKeepAlive");
    public static readonly Method<LeaseTimeToLiveRequest, LeaseTimeToLiveResponse> LeaseTimeToLive = Method<LeaseTimeToLiveRequest, LeaseTimeToLiveResponse>.Create(Service("Lease"), "LeaseTimeToLive");
    public static readonly Method<StatusRequest, StatusResponse> Status = Method<StatusRequest, StatusResponse>.Create(Service("Maintenance"), "Status");
    public static readonly Method<AuthenticateRequest, AuthenticateResponse> Authenticate = Method<AuthenticateRequest, AuthenticateResponse>.Create(Service("Auth"), "Authenticate");

    private static Google.Protobuf.Reflection.ServiceDescriptor Service(string name) =>
        File.Services.Single(s => s.Name == name);
}
