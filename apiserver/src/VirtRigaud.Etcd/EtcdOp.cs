using Google.Protobuf;
using VirtRigaud.Etcd.Protocol;

namespace VirtRigaud.Etcd;

/// <summary>The operations of a transaction's then/else branches.</summary>
public static class EtcdOp
{
    public static RequestOp Range(RangeRequest request) => new() { RequestRange = request };

    /// <summary>Reads one key.</summary>
    public static RequestOp Get(ByteString key) => Range(new RangeRequest { Key = key });

    public static RequestOp Put(PutRequest request) => new() { RequestPut = request };

    /// <summary>Writes one key, optionally attached to a lease.</summary>
    public static RequestOp Put(ByteString key, ByteString value, long lease = 0) => Put(new PutRequest { Key = key, Value = value, Lease = lease });

    public static RequestOp Delete(DeleteRangeRequest request) => new() { RequestDeleteRange = request };

    /// <summary>Deletes one key, returning its last value when <paramref name="prevKv"/>.</summary>
    public static RequestOp Delete(ByteString key, bool prevKv = false) => Delete(new DeleteRangeRequest { Key = key, PrevKv = prevKv });

    public static RequestOp Txn(TxnRequest request) => new() { RequestTxn = request };
}
