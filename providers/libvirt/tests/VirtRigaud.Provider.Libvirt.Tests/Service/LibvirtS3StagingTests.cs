using System.Security.Cryptography;
using Amazon.S3.Model;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract.Payloads;
using VirtRigaud.Provider.Libvirt.Tests.Testing;
using VirtRigaud.Provider.V1;
using VirtRigaud.TestPeers;

namespace VirtRigaud.Provider.Libvirt.Tests.Service;

/// <summary>
/// ExportDisk/ImportDisk with the s3 backend, relayed through the provider as upstream does it, between a real libvirt
/// host (libvirtd + QEMU, over a real sshd or locally) and a real S3 implementation (Ceph RGW, which checks SigV4): the
/// staged object is checked with S3's own view of it and compared block for block with the VM's disk.
/// </summary>
[Collection(LibvirtCollection.Name)]
public sealed class LibvirtS3StagingTests(LibvirtPeers peers)
{
    private const string Bucket = "migrations";
    private const string QemuImg = "/usr/bin/qemu-img";
    private static readonly string Class = ProviderPayloads.SerializeClass(new ClassPayload { Cpu = 1, MemoryMiB = 64, DiskDefaults = new DiskDefaultsPayload { SizeGiB = 1 } });

    private static string Options(CephObjectGateway ceph, string? endpoint = null, string bucket = Bucket) =>
        ProviderPayloads.SerializeStorageOptions(new StorageOptionsPayload
        {
            Backend = "s3",
            Bucket = bucket,
            Endpoint = endpoint ?? ceph.Endpoint,
            Region = "us-east-1",
            Prefix = "team",
            UsePathStyle = true,
        });

    private static Dictionary<string, string> Credentials(string secret = CephObjectGateway.SecretKey) =>
        new() { ["accessKeyID"] = CephObjectGateway.AccessKey, ["secretAccessKey"] = secret };

    [Fact]
    public async Task ExportImport_S3OverSsh_StagedObjectIsTheDiskAndImportsBack()
    {
        await using var ceph = await CephObjectGateway.StartAsync();
        await ceph.CreateBucketAsync(Bucket);
        await using var host = await LibvirtProviderHost.StartSshAsync(peers);
        const string Name = "l1-s3";
        const string Key = "team/vmmigrations/default/m1/export.vmdk";
        var url = $"s3://{Bucket}/{Key}";
        await host.Client.CreateAsync(new CreateRequest { Name = Name, ClassJson = Class });
        var scratch = Directory.CreateTempSubdirectory("virtrigaud-s3-test-");
        try
        {
            // 40 MiB of data in the 1 GiB disk: the qcow2 export is three 16 MiB parts.
            var disk = (await host.Client.GetDiskInfoAsync(new GetDiskInfoRequest { VmId = Name })).Path;
            await ToolRunner.RunCheckedAsync("/usr/bin/qemu-io", ["-f", "qcow2", "-c", "write -P 0x5a 0 20M", "-c", "write -P 0xa5 100M 20M", disk]);

            var exported = await host.Client.ExportDiskAsync(new ExportDiskRequest
            {
                VmId = Name,
                DestinationUrl = url,
                Format = "qcow2",
                BackendType = "s3",
                TransferMode = "relay",
                StorageOptionsJson = Options(ceph),
                Credentials = { Credentials() },
            });

            using var s3 = ceph.CreateClient();
            var head = await s3.GetObjectMetadataAsync(Bucket, Key);
            var staged = Path.Combine(scratch.FullName, "export.qcow2");
            using (var body = await s3.GetObjectAsync(Bucket, Key))
            {
                await body.WriteResponseStreamToFileAsync(staged, false, CancellationToken.None);
            }

            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(staged))), exported.Checksum);
            Assert.Equal(head.ContentLength, exported.EstimatedSizeBytes);
            Assert.InRange(exported.EstimatedSizeBytes, 40L << 20, 48L << 20);
            Assert.EndsWith("-3\"", head.ETag, StringComparison.Ordinal);
            Assert.StartsWith($"export-{Name}-", exported.ExportId, StringComparison.Ordinal);
            await ToolRunner.RunCheckedAsync(QemuImg, ["check", "-q", "-f", "qcow2", staged]);
            await ToolRunner.RunCheckedAsync(QemuImg, ["compare", "-q", "-f", "qcow2", "-F", "qcow2", staged, disk]);
            Assert.Empty(Directory.GetFiles(Path.Combine(peers.Libvirt.ImagesDirectory, "staging")));
            Assert.Empty((await s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = Bucket })).MultipartUploads ?? []);

            var imported = await host.Client.ImportDiskAsync(new ImportDiskRequest
            {
                SourceUrl = url,
                TargetName = "l1-s3-imported",
                Format = "qcow2",
                VerifyChecksum = true,
                ExpectedChecksum = exported.Checksum,
                BackendType = "s3",
                StorageOptionsJson = Options(ceph),
                Credentials = { Credentials() },
            });

            Assert.Equal(Path.Combine(peers.Libvirt.ImagesDirectory, "imported", "l1-s3-imported.qcow2"), imported.Path);
            Assert.Equal(exported.Checksum, imported.Checksum);
            await ToolRunner.RunCheckedAsync(QemuImg, ["compare", "-q", "-f", "qcow2", "-F", "qcow2", imported.Path, disk]);
            Assert.False(File.Exists(imported.Path + ".download"));

            // Importing the same target again returns it without downloading.
            var again = await host.Client.ImportDiskAsync(new ImportDiskRequest
            {
                SourceUrl = url,
                TargetName = "l1-s3-imported",
                Format = "qcow2",
                BackendType = "s3",
                StorageOptionsJson = Options(ceph),
                Credentials = { Credentials() },
            });
            Assert.Equal(imported.Path, again.Path);
            Assert.Equal(string.Empty, again.Checksum);
        }
        finally
        {
            await host.Client.DeleteAsync(new DeleteRequest { Id = Name });
            File.Delete(Path.Combine(peers.Libvirt.ImagesDirectory, "imported", "l1-s3-imported.qcow2"));
            scratch.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ExportImport_S3Failures_PreciseCodesAndNothingHalfWritten()
    {
        await using var ceph = await CephObjectGateway.StartAsync();
        await ceph.CreateBucketAsync(Bucket);
        await using var host = await LibvirtProviderHost.StartAsync(
            $"qemu:///system?socket={peers.Libvirt.SocketPath}",
            new Dictionary<string, string>(),
            new Dictionary<string, string> { ["LIBVIRT_IMAGE_DIR"] = peers.Libvirt.ImagesDirectory, ["LIBVIRT_DOMAIN_TYPE"] = "qemu" });
        const string Name = "l1-s3-local";
        const string Wrong = "wrong-secret-0123456789abcdefghijklmnop";
        var imported = Path.Combine(peers.Libvirt.ImagesDirectory, "imported");
        await host.Client.CreateAsync(new CreateRequest { Name = Name, ClassJson = Class });
        try
        {
            ExportDiskRequest Export(string key, string? secret = null, string? endpoint = null, string mode = "", string bucket = Bucket) => new()
            {
                VmId = Name,
                DestinationUrl = $"s3://{bucket}/{key}",
                Format = "qcow2",
                BackendType = "s3",
                TransferMode = mode,
                StorageOptionsJson = Options(ceph, endpoint, bucket),
                Credentials = { Credentials(secret ?? CephObjectGateway.SecretKey) },
            };

            ImportDiskRequest Import(string key, string target, string? expected = null) => new()
            {
                SourceUrl = $"s3://{Bucket}/{key}",
                TargetName = target,
                Format = "qcow2",
                VerifyChecksum = expected is not null,
                ExpectedChecksum = expected ?? string.Empty,
                BackendType = "s3",
                StorageOptionsJson = Options(ceph),
                Credentials = { Credentials() },
            };

            // Locally (qemu:///system) the same relay works without ssh.
            var exported = await host.Client.ExportDiskAsync(Export("local/export.vmdk"));
            var good = await host.Client.ImportDiskAsync(Import("local/export.vmdk", "l1-s3-local-good", exported.Checksum));
            Assert.Equal(exported.Checksum, good.Checksum);

            var mismatch = await Assert.ThrowsAsync<RpcException>(() => host.Client.ImportDiskAsync(Import("local/export.vmdk", "l1-s3-local-bad", new string('a', 64))));
            var missingKey = await Assert.ThrowsAsync<RpcException>(() => host.Client.ImportDiskAsync(Import("local/nope.vmdk", "l1-s3-local-nope")));
            var missingBucket = await Assert.ThrowsAsync<RpcException>(() => host.Client.ExportDiskAsync(Export("k", bucket: "no-such-bucket")));
            var denied = await Assert.ThrowsAsync<RpcException>(() => host.Client.ExportDiskAsync(Export("denied/export.vmdk", secret: Wrong)));
            var unreachable = await Assert.ThrowsAsync<RpcException>(() => host.Client.ExportDiskAsync(
                Export("k", endpoint: $"http://127.0.0.1:{FreePorts.Take(1)[0]}")));
            var direct = await Assert.ThrowsAsync<RpcException>(() => host.Client.ExportDiskAsync(Export("k", mode: "direct")));
            var noCredentials = await Assert.ThrowsAsync<RpcException>(() => host.Client.ExportDiskAsync(new ExportDiskRequest
            {
                VmId = Name,
                DestinationUrl = $"s3://{Bucket}/k",
                BackendType = "s3",
                StorageOptionsJson = Options(ceph),
            }));
            var capabilities = await host.Client.GetCapabilitiesAsync();

            Assert.Equal(StatusCode.FailedPrecondition, mismatch.StatusCode);
            Assert.Contains("checksum mismatch", mismatch.Status.Detail, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(imported, "l1-s3-local-bad.qcow2")));
            Assert.Equal(StatusCode.NotFound, missingKey.StatusCode);
            Assert.Contains("s3://migrations/local/nope.vmdk", missingKey.Status.Detail, StringComparison.Ordinal);
            Assert.Equal(StatusCode.NotFound, missingBucket.StatusCode);
            Assert.Contains("bucket \"no-such-bucket\"", missingBucket.Status.Detail, StringComparison.Ordinal);
            Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
            Assert.DoesNotContain(Wrong, denied.Status.Detail, StringComparison.Ordinal);
            Assert.Equal(StatusCode.Unavailable, unreachable.StatusCode);
            Assert.Equal(StatusCode.InvalidArgument, direct.StatusCode);
            Assert.Contains("direct is only for the nfs backend", direct.Status.Detail, StringComparison.Ordinal);
            Assert.Equal(StatusCode.InvalidArgument, noCredentials.StatusCode);
            Assert.Contains("accessKeyID and secretAccessKey", noCredentials.Status.Detail, StringComparison.Ordinal);
            Assert.Equal(["pvc", "nfs", "s3"], capabilities.SupportedExportBackends);
            Assert.Equal(["pvc", "nfs", "s3"], capabilities.SupportedImportBackends);

            // Nothing half-written: no object under a refused key, no upload left open, no staged or partial file on the host.
            using var s3 = ceph.CreateClient();
            var keys = (await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket })).S3Objects?.Select(o => o.Key) ?? [];
            Assert.Equal(["local/export.vmdk"], keys);
            Assert.Empty((await s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = Bucket })).MultipartUploads ?? []);
            Assert.Empty(Directory.GetFiles(Path.Combine(peers.Libvirt.ImagesDirectory, "staging")));
            Assert.Empty(Directory.GetFiles(imported, "*.download").Concat(Directory.GetFiles(imported, "*.part")));
        }
        finally
        {
            await host.Client.DeleteAsync(new DeleteRequest { Id = Name });
            File.Delete(Path.Combine(imported, "l1-s3-local-good.qcow2"));
        }
    }
}
