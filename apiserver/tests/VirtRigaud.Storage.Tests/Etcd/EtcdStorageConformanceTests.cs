using VirtRigaud.Storage.Tests.Conformance;

namespace VirtRigaud.Storage.Tests.Etcd;

/// <summary>The conformance suite against etcd: one etcd for the class, a fresh prefix per test.</summary>
public sealed class EtcdStorageConformanceTests(EtcdStorageFixture etcd) : StorageConformanceTests, IClassFixture<EtcdStorageFixture>
{
    protected override Task<IStorage> CreateStorageAsync() => Task.FromResult<IStorage>(etcd.CreateStorage());
}
