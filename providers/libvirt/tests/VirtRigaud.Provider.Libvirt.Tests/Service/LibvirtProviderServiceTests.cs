using System.Text;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract.Payloads;
using VirtRigaud.Provider.Libvirt.Tests.Testing;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Libvirt.Tests.Service;

/// <summary>
/// The provider over gRPC against a real libvirtd with QEMU (TCG) reached through a real sshd: what it does is checked
/// with the daemon's own virsh, and the domains really run (qemu processes).
/// </summary>
[Collection(LibvirtCollection.Name)]
public sealed class LibvirtProviderServiceTests(LibvirtPeers peers) : IAsyncLifetime
{
    private static readonly string Class = ProviderPayloads.SerializeClass(new ClassPayload { Cpu = 1, MemoryMiB = 64, DiskDefaults = new DiskDefaultsPayload { SizeGiB = 1 } });
    private LibvirtProviderHost? _host;

    private LibvirtProviderHost Host => _host!;

    public async Task InitializeAsync() => _host = await LibvirtProviderHost.StartSshAsync(peers);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Validate_RealDaemonOverSsh_OkNamingTheHypervisor()
    {
        var response = await Host.Client.ValidateAsync();

        Assert.True(response.Ok, response.Message);
        Assert.Contains("QEMU", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_NoSshdListening_NotOkWithReason()
    {
        var port = VirtRigaud.TestPeers.FreePorts.Take(1)[0];
        await using var host = await LibvirtProviderHost.StartAsync(
            $"qemu+ssh://{peers.Ssh.User}@127.0.0.1:{port}/system",
            new Dictionary<string, string> { ["ssh-privatekey"] = peers.Ssh.ClientPrivateKey, ["known_hosts"] = peers.Ssh.KnownHosts },
            new Dictionary<string, string>());

        var response = await host.Client.ValidateAsync();
        var describe = await Assert.ThrowsAsync<RpcException>(() => host.Client.DescribeAsync(new DescribeRequest { Id = "x" }));

        Assert.False(response.Ok);
        Assert.Contains("unreachable", response.Message, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unavailable, describe.StatusCode);
    }

    [Fact]
    public async Task Create_PowerCycle_Delete_RealDomainFollowsEveryStep()
    {
        const string Name = "l1-lifecycle";
        var create = await Host.Client.CreateAsync(new CreateRequest { Name = Name, ClassJson = Class, Tags = { "virtrigaud-test" } });
        Assert.Equal(Name, create.Id);
        Assert.Null(create.Task);
        Assert.Contains(Name, await peers.Libvirt.ListDomainsAsync());
        Assert.Equal("Off", (await Host.Client.DescribeAsync(new DescribeRequest { Id = Name })).PowerState);

        // Idempotent by name.
        Assert.Equal(Name, (await Host.Client.CreateAsync(new CreateRequest { Name = Name, ClassJson = Class, Tags = { "virtrigaud-test" } })).Id);

        await Host.Client.PowerAsync(new PowerRequest { Id = Name, Op = PowerOp.On });
        Assert.Contains("running", await peers.Libvirt.VirshAsync(["domstate", Name]), StringComparison.Ordinal);
        var described = await Host.Client.DescribeAsync(new DescribeRequest { Id = Name });
        Assert.True(described.Exists);
        Assert.Equal("On", described.PowerState);
        Assert.StartsWith("vnc://127.0.0.1:59", described.ConsoleUrl, StringComparison.Ordinal);
        Assert.Contains("\"state\":\"Running\"", described.ProviderRawJson, StringComparison.Ordinal);

        await Host.Client.PowerAsync(new PowerRequest { Id = Name, Op = PowerOp.Reboot });
        Assert.Equal("On", (await Host.Client.DescribeAsync(new DescribeRequest { Id = Name })).PowerState);

        // No guest OS answers ACPI: the graceful timeout passes, then the domain is powered off.
        await Host.Client.PowerAsync(new PowerRequest { Id = Name, Op = PowerOp.ShutdownGraceful, GracefulTimeoutSeconds = 2 });
        Assert.Equal("Off", (await Host.Client.DescribeAsync(new DescribeRequest { Id = Name })).PowerState);

        await Host.Client.PowerAsync(new PowerRequest { Id = Name, Op = PowerOp.On });
        await Host.Client.PowerAsync(new PowerRequest { Id = Name, Op = PowerOp.Off });
        await Host.Client.PowerAsync(new PowerRequest { Id = Name, Op = PowerOp.Off });
        Assert.Contains("shut off", await peers.Libvirt.VirshAsync(["domstate", Name]), StringComparison.Ordinal);

        var listed = Assert.Single((await Host.Client.ListVMsAsync()).Vms, v => v.Id == Name);
        Assert.Equal(1, listed.Cpu);
        Assert.Equal(64, listed.MemoryMib);
        Assert.Equal("Off", listed.PowerState);
        var disk = Assert.Single(listed.Disks);
        Assert.True(File.Exists(disk.Path), disk.Path);

        await Host.Client.DeleteAsync(new DeleteRequest { Id = Name });
        Assert.DoesNotContain(Name, await peers.Libvirt.ListDomainsAsync());
        Assert.False(File.Exists(disk.Path), "the VM's disk is removed with it");
        Assert.False((await Host.Client.DescribeAsync(new DescribeRequest { Id = Name })).Exists);
        await Host.Client.DeleteAsync(new DeleteRequest { Id = Name });
    }

    [Fact]
    public async Task Create_UserDataStaticIpUefiHotplugAndDisks_SeedIsoNvramHeadroomAttached()
    {
        const string Name = "l1-full";
        var vmClass = ProviderPayloads.SerializeClass(new ClassPayload
        {
            Cpu = 1,
            MemoryMiB = 128,
            Firmware = "UEFI",
            DiskDefaults = new DiskDefaultsPayload { SizeGiB = 1 },
            PerformanceProfile = new PerformanceProfilePayload { CpuHotAddEnabled = true, MemoryHotAddEnabled = true },
        });
        var networks = ProviderPayloads.SerializeNetworks([
            new NetworkAttachmentPayload { Name = "user", NetworkName = "user", Model = "e1000", MacAddress = "52:54:00:12:34:56", StaticIp = "10.0.2.50", Prefix = 24, Gateway = "10.0.2.2", Dns = "10.0.2.3" },
        ]);
        var disks = ProviderPayloads.SerializeDisks([new DiskPayload { Name = "data", SizeGiB = 1, Type = "raw" }]);
        try
        {
            await Host.Client.CreateAsync(new CreateRequest
            {
                Name = Name,
                ClassJson = vmClass,
                NetworksJson = networks,
                DisksJson = disks,
                UserData = Google.Protobuf.ByteString.CopyFrom("#cloud-config\nruncmd: [\"echo '$(not a shell)'\"]\n", Encoding.UTF8),
            });

            var xml = await peers.Libvirt.VirshAsync(["dumpxml", Name, "--inactive"]);
            Assert.Contains("current='1'>2</vcpu>", xml.Replace('"', '\''), StringComparison.Ordinal);
            Assert.Contains("device='cdrom'", xml.Replace('"', '\''), StringComparison.Ordinal);
            Assert.Contains($"{Name}-seed.iso", xml, StringComparison.Ordinal);
            Assert.Contains($"{Name}_VARS.fd", xml, StringComparison.Ordinal);
            Assert.Contains($"{Name}-data.raw", xml, StringComparison.Ordinal);
            Assert.Contains("52:54:00:12:34:56", xml, StringComparison.Ordinal);
            var iso = Path.Combine(peers.Libvirt.ImagesDirectory, $"{Name}-seed.iso");
            var listing = await VirtRigaud.TestPeers.ToolRunner.RunCheckedAsync("/usr/bin/isoinfo", ["-i", iso, "-d"]);
            Assert.Contains("Volume id: cidata", listing, StringComparison.Ordinal);
            var files = await VirtRigaud.TestPeers.ToolRunner.RunCheckedAsync("/usr/bin/isoinfo", ["-i", iso, "-J", "-f"]);
            Assert.Contains("/network-config", files, StringComparison.Ordinal);
            var userData = await VirtRigaud.TestPeers.ToolRunner.RunCheckedAsync("/usr/bin/isoinfo", ["-i", iso, "-J", "-x", "/user-data"]);
            Assert.Contains("echo '$(not a shell)'", userData, StringComparison.Ordinal);

            // UEFI boots under TCG; libvirt creates the NVRAM file from the firmware's template.
            await Host.Client.PowerAsync(new PowerRequest { Id = Name, Op = PowerOp.On });
            Assert.True(File.Exists(Path.Combine(peers.Libvirt.ImagesDirectory, $"{Name}_VARS.fd")));
            Assert.Equal("On", (await Host.Client.DescribeAsync(new DescribeRequest { Id = Name })).PowerState);
        }
        finally
        {
            await Host.Client.DeleteAsync(new DeleteRequest { Id = Name });
        }

        Assert.Empty(Directory.GetFiles(peers.Libvirt.ImagesDirectory, $"{Name}*"));
    }

    [Fact]
    public async Task Create_AfterDeleteOfSameName_CreatesAgain()
    {
        const string Name = "l1-again";
        await Host.Client.CreateAsync(new CreateRequest { Name = Name, ClassJson = Class });
        await Host.Client.DeleteAsync(new DeleteRequest { Id = Name });

        await Host.Client.CreateAsync(new CreateRequest { Name = Name, ClassJson = Class });

        Assert.Contains(Name, await peers.Libvirt.ListDomainsAsync());
        await Host.Client.DeleteAsync(new DeleteRequest { Id = Name });
        Assert.DoesNotContain(Name, await peers.Libvirt.ListDomainsAsync());
    }

    [Fact]
    public async Task Reconfigure_RunningBeyondHeadroom_FailedPreconditionNamingPowerCycle()
    {
        const string Name = "l1-headroom";
        await Host.Client.CreateAsync(new CreateRequest { Name = Name, ClassJson = Class });
        try
        {
            await Host.Client.PowerAsync(new PowerRequest { Id = Name, Op = PowerOp.On });
            var desired = ProviderPayloads.SerializeReconfigureDesired(new ReconfigureDesiredPayload { Name = Name, Class = new ClassPayload { Cpu = 2, MemoryMiB = 64 } });

            var e = await Assert.ThrowsAsync<RpcException>(() => Host.Client.ReconfigureAsync(new ReconfigureRequest { Id = Name, DesiredJson = desired }));

            Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
            Assert.Contains("power cycle", e.Status.Detail, StringComparison.Ordinal);
        }
        finally
        {
            await Host.Client.DeleteAsync(new DeleteRequest { Id = Name });
        }
    }

    [Fact]
    public async Task Reconfigure_DiskGrowth_OfflineQemuImgOnlineBlockresizeShrinkRefused()
    {
        const string Name = "l1-grow";
        var disks = new[] { new DiskPayload { Name = "data", SizeGiB = 1, Type = "qcow2" } };
        await Host.Client.CreateAsync(new CreateRequest { Name = Name, ClassJson = Class, DisksJson = ProviderPayloads.SerializeDisks(disks) });
        try
        {
            string Desired(int root, int data) => ProviderPayloads.SerializeReconfigureDesired(new ReconfigureDesiredPayload
            {
                Name = Name,
                Class = new ClassPayload { Cpu = 1, MemoryMiB = 64, DiskDefaults = new DiskDefaultsPayload { SizeGiB = root } },
                Disks = [new DiskPayload { Name = "data", SizeGiB = data, Type = "qcow2" }],
            });
            const long GiB = 1024L * 1024 * 1024;

            await Host.Client.ReconfigureAsync(new ReconfigureRequest { Id = Name, DesiredJson = Desired(2, 1) });
            Assert.Equal(2 * GiB, (await Host.Client.GetDiskInfoAsync(new GetDiskInfoRequest { VmId = Name })).VirtualSizeBytes);

            await Host.Client.PowerAsync(new PowerRequest { Id = Name, Op = PowerOp.On });
            await Host.Client.ReconfigureAsync(new ReconfigureRequest { Id = Name, DesiredJson = Desired(2, 3) });
            var data = await Host.Client.GetDiskInfoAsync(new GetDiskInfoRequest { VmId = Name, DiskId = "vdb" });
            Assert.Equal(3 * GiB, data.VirtualSizeBytes);
            Assert.Contains("3221225472", await peers.Libvirt.VirshAsync(["domblkinfo", Name, "vdb"]), StringComparison.Ordinal);

            var shrink = await Assert.ThrowsAsync<RpcException>(() => Host.Client.ReconfigureAsync(new ReconfigureRequest { Id = Name, DesiredJson = Desired(2, 1) }));
            Assert.Equal(StatusCode.InvalidArgument, shrink.StatusCode);
        }
        finally
        {
            await Host.Client.DeleteAsync(new DeleteRequest { Id = Name });
        }
    }

    [Fact]
    public async Task ImagePrepare_HttpWithChecksum_PreparedOnceAndBootable()
    {
        var url = new Uri(peers.Http.BaseUrl, peers.ImageFile).ToString();
        string Spec(string checksum, string type) => "{\"source\":{\"http\":{\"url\":\"" + url + "\",\"checksum\":\"" + checksum + "\",\"checksumType\":\"" + type + "\"}}}";

        var prepared = await Host.Client.ImagePrepareAsync(new ImagePrepareRequest { ImageJson = Spec(peers.ImageSha256, "sha256"), TargetName = "l1-img" });
        var again = await Host.Client.ImagePrepareAsync(new ImagePrepareRequest { ImageJson = Spec(peers.ImageSha256, "sha256"), TargetName = "l1-img" });
        var md5 = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(await File.ReadAllBytesAsync(Path.Combine(peers.Http.Directory, peers.ImageFile))));
        var byMd5 = await Host.Client.ImagePrepareAsync(new ImagePrepareRequest { ImageJson = Spec(md5, "md5"), TargetName = "l1-img-md5" });
        var mismatch = await Assert.ThrowsAsync<RpcException>(() => Host.Client.ImagePrepareAsync(new ImagePrepareRequest { ImageJson = Spec(new string('0', 64), "sha256"), TargetName = "l1-img-bad" }));
        var missing = await Assert.ThrowsAsync<RpcException>(() => Host.Client.ImagePrepareAsync(new ImagePrepareRequest
        {
            ImageJson = "{\"source\":{\"http\":{\"url\":\"" + new Uri(peers.Http.BaseUrl, "nope.qcow2") + "\"}}}",
            TargetName = "l1-img-404",
        }));

        Assert.Equal(Path.Combine(peers.Libvirt.ImagesDirectory, "prepared", "l1-img.qcow2"), prepared.PreparedImagePath);
        Assert.Equal(prepared.PreparedImagePath, again.PreparedImagePath);
        Assert.Null(prepared.Task);
        Assert.True(File.Exists(byMd5.PreparedImagePath));
        Assert.Equal(StatusCode.FailedPrecondition, mismatch.StatusCode);
        Assert.Contains("checksum mismatch", mismatch.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, missing.StatusCode);
        Assert.Contains("404", missing.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(["l1-img-md5.qcow2", "l1-img.qcow2"], Directory.GetFiles(Path.Combine(peers.Libvirt.ImagesDirectory, "prepared")).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // The manager then creates the VM with Path = the prepared path: a qcow2 overlay on it boots.
        const string Name = "l1-from-image";
        await Host.Client.CreateAsync(new CreateRequest
        {
            Name = Name,
            ClassJson = Class,
            ImageJson = ProviderPayloads.SerializeImage(new ImagePayload { Path = prepared.PreparedImagePath, Format = "qcow2" }),
        });
        try
        {
            var disk = await Host.Client.GetDiskInfoAsync(new GetDiskInfoRequest { VmId = Name });
            Assert.Equal(prepared.PreparedImagePath, disk.BackingFile);
            Assert.Equal(1024L * 1024 * 1024, disk.VirtualSizeBytes);
            await Host.Client.PowerAsync(new PowerRequest { Id = Name, Op = PowerOp.On });
            Assert.Equal("On", (await Host.Client.DescribeAsync(new DescribeRequest { Id = Name })).PowerState);
        }
        finally
        {
            await Host.Client.DeleteAsync(new DeleteRequest { Id = Name });
        }

        Assert.True(File.Exists(prepared.PreparedImagePath), "deleting a VM keeps the image it was made from");
    }

    [Fact]
    public async Task ImagePrepareAndImportDisk_IntoADirectoryStoragePool_FilesAreVolumesOfThePool()
    {
        var url = new Uri(peers.Http.BaseUrl, peers.ImageFile).ToString();
        var poolPath = Path.Combine(peers.Libvirt.ImagesDirectory, "pool-images");
        await peers.Libvirt.VirshAsync(["pool-define-as", "l1-images", "dir", "--target", poolPath]);
        await peers.Libvirt.VirshAsync(["pool-build", "l1-images"]);
        await peers.Libvirt.VirshAsync(["pool-start", "l1-images"]);
        await peers.Libvirt.VirshAsync(["pool-define-as", "l1-stopped", "dir", "--target", poolPath + "-stopped"]);
        string Spec(string pool, string extra = "") =>
            "{\"source\":{\"libvirt\":{\"url\":\"" + url + "\",\"format\":\"qcow2\",\"checksum\":\"" + peers.ImageSha256 + "\",\"checksumType\":\"sha256\",\"storagePool\":\"" + pool + "\"}}" + extra + "}";

        var prepared = await Host.Client.ImagePrepareAsync(new ImagePrepareRequest
        {
            ImageJson = Spec("ignored-when-prepare-names-one", ",\"prepare\":{\"storage\":{\"libvirt\":{\"storagePool\":\"l1-images\",\"preallocation\":\"metadata\"}}}"),
            TargetName = "l1-pooled",
        });
        var missing = await Assert.ThrowsAsync<RpcException>(() => Host.Client.ImagePrepareAsync(new ImagePrepareRequest { ImageJson = Spec("l1-no-such-pool"), TargetName = "l1-pooled-2" }));
        var stopped = await Assert.ThrowsAsync<RpcException>(() => Host.Client.ImagePrepareAsync(new ImagePrepareRequest { ImageJson = Spec("l1-stopped"), TargetName = "l1-pooled-3" }));
        var imported = await Host.Client.ImportDiskAsync(new ImportDiskRequest
        {
            SourceUrl = "file://" + prepared.PreparedImagePath,
            Format = "qcow2",
            TargetName = "l1-pool-imported",
            StorageHint = "l1-images",
        });

        Assert.Equal(Path.Combine(poolPath, "l1-pooled.qcow2"), prepared.PreparedImagePath);
        var volumes = await peers.Libvirt.VirshAsync(["vol-list", "l1-images"]);
        Assert.Contains(prepared.PreparedImagePath, volumes, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(poolPath, "l1-pool-imported.qcow2"), imported.Path);
        Assert.Contains(imported.Path, volumes, StringComparison.Ordinal);
        var info = await VirtRigaud.TestPeers.ToolRunner.RunCheckedAsync("/usr/bin/qemu-img", ["info", "--output=json", prepared.PreparedImagePath]);
        Assert.Contains("\"format\": \"qcow2\"", info, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Contains("l1-no-such-pool", missing.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, stopped.StatusCode);
        Assert.Contains("pool-start l1-stopped", stopped.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportImport_NfsBackend_QemuImgWritesAndReadsTheRealShare()
    {
        const string Name = "l1-export-nfs";
        await using var nfs = await VirtRigaud.TestPeers.NfsServer.StartAsync();
        await Host.Client.CreateAsync(new CreateRequest { Name = Name, ClassJson = Class });
        try
        {
            // Upstream's flat staging key, with the identity qemu-img writes as.
            var url = nfs.Url("vmmigrations-e2e-m1-export.qcow2") + "?uid=0&gid=0";

            var exported = await Host.Client.ExportDiskAsync(new ExportDiskRequest { VmId = Name, DestinationUrl = url, Format = "qcow2", Compress = true, BackendType = "nfs" });
            var staged = Path.Combine(nfs.ExportDirectory, "vmmigrations-e2e-m1-export.qcow2");
            var check = await VirtRigaud.TestPeers.ToolRunner.RunAsync("/usr/bin/qemu-img", ["check", staged]);
            var imported = await Host.Client.ImportDiskAsync(new ImportDiskRequest { SourceUrl = url, TargetName = "l1-nfs-imported", Format = "qcow2", BackendType = "nfs" });
            var missing = await Assert.ThrowsAsync<RpcException>(() => Host.Client.ImportDiskAsync(
                new ImportDiskRequest { SourceUrl = nfs.Url("nope.qcow2"), TargetName = "l1-nfs-missing", Format = "qcow2", BackendType = "nfs" }));
            var checksum = await Assert.ThrowsAsync<RpcException>(() => Host.Client.ImportDiskAsync(
                new ImportDiskRequest { SourceUrl = url, TargetName = "l1-nfs-sum", BackendType = "nfs", VerifyChecksum = true, ExpectedChecksum = new string('a', 64) }));
            var traversal = await Assert.ThrowsAsync<RpcException>(() => Host.Client.ExportDiskAsync(
                new ExportDiskRequest { VmId = Name, DestinationUrl = nfs.Url("../etc/x.qcow2"), Format = "qcow2", BackendType = "nfs" }));
            var options = await Assert.ThrowsAsync<RpcException>(() => Host.Client.ExportDiskAsync(
                new ExportDiskRequest { VmId = Name, DestinationUrl = nfs.Url("x.qcow2?debug=9"), Format = "qcow2", BackendType = "nfs" }));
            var capabilities = await Host.Client.GetCapabilitiesAsync();

            Assert.True(File.Exists(staged), "the export is on the share");
            Assert.True(check.ExitCode == 0, check.StandardOutput + check.StandardError);
            Assert.Empty(exported.Checksum);
            Assert.True(exported.EstimatedSizeBytes > 0);
            Assert.Equal(Path.Combine(peers.Libvirt.ImagesDirectory, "imported", "l1-nfs-imported.qcow2"), imported.Path);
            Assert.Contains("\"virtual-size\": 1073741824", await VirtRigaud.TestPeers.ToolRunner.RunCheckedAsync("/usr/bin/qemu-img", ["info", "--output=json", imported.Path]), StringComparison.Ordinal);
            Assert.Equal(StatusCode.NotFound, missing.StatusCode);
            Assert.False(File.Exists(Path.Combine(peers.Libvirt.ImagesDirectory, "imported", "l1-nfs-missing.qcow2")));
            Assert.Equal(StatusCode.InvalidArgument, checksum.StatusCode);
            Assert.Equal(StatusCode.InvalidArgument, traversal.StatusCode);
            Assert.Equal(StatusCode.InvalidArgument, options.StatusCode);
            Assert.Equal(["pvc", "nfs", "s3"], capabilities.SupportedExportBackends);
            Assert.Equal(["pvc", "nfs", "s3"], capabilities.SupportedImportBackends);
        }
        finally
        {
            await Host.Client.DeleteAsync(new DeleteRequest { Id = Name });
        }
    }

    [Fact]
    public async Task ExportImport_FileUrls_ChecksumVerifiedAndSnapshotExportable()
    {
        const string Name = "l1-export";
        await Host.Client.CreateAsync(new CreateRequest { Name = Name, ClassJson = Class });
        try
        {
            await Host.Client.SnapshotCreateAsync(new SnapshotCreateRequest { VmId = Name, NameHint = "s1" });
            var url = $"file://{peers.Libvirt.ImagesDirectory}/exports/{Name}.qcow2";

            var exported = await Host.Client.ExportDiskAsync(new ExportDiskRequest { VmId = Name, DestinationUrl = url, Format = "qcow2" });
            var fromSnapshot = await Host.Client.ExportDiskAsync(new ExportDiskRequest { VmId = Name, DestinationUrl = url + ".snap", Format = "raw", SnapshotId = "s1" });
            var imported = await Host.Client.ImportDiskAsync(new ImportDiskRequest { SourceUrl = url, TargetName = "l1-imported", Format = "qcow2", VerifyChecksum = true, ExpectedChecksum = exported.Checksum });
            var wrong = await Assert.ThrowsAsync<RpcException>(() => Host.Client.ImportDiskAsync(
                new ImportDiskRequest { SourceUrl = url, TargetName = "l1-imported-bad", VerifyChecksum = true, ExpectedChecksum = new string('a', 64) }));
            var traversal = await Assert.ThrowsAsync<RpcException>(() => Host.Client.ExportDiskAsync(new ExportDiskRequest { VmId = Name, DestinationUrl = "file:///tmp/../etc/x", Format = "qcow2" }));
            var s3 = await Assert.ThrowsAsync<RpcException>(() => Host.Client.ExportDiskAsync(new ExportDiskRequest { VmId = Name, DestinationUrl = "s3://b/k", BackendType = "s3" }));
            var backend = await Assert.ThrowsAsync<RpcException>(() => Host.Client.ExportDiskAsync(new ExportDiskRequest { VmId = Name, DestinationUrl = url, BackendType = "ftp" }));

            var local = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(url["file://".Length..])));
            Assert.Equal(local, exported.Checksum);
            Assert.Equal(1024L * 1024 * 1024, new FileInfo(url["file://".Length..] + ".snap").Length);
            Assert.Matches("^[0-9a-f]{64}$", fromSnapshot.Checksum);
            Assert.Equal(exported.Checksum, imported.Checksum);
            Assert.Contains("\"format\": \"qcow2\"", await VirtRigaud.TestPeers.ToolRunner.RunCheckedAsync("/usr/bin/qemu-img", ["info", "--output=json", imported.Path]), StringComparison.Ordinal);
            Assert.Equal(StatusCode.FailedPrecondition, wrong.StatusCode);
            Assert.False(File.Exists(Path.Combine(peers.Libvirt.ImagesDirectory, "imported", "l1-imported-bad.qcow2")));
            Assert.Equal(StatusCode.InvalidArgument, traversal.StatusCode);
            Assert.Equal(StatusCode.InvalidArgument, s3.StatusCode);
            Assert.Contains("\"b\" is not a bucket name", s3.Status.Detail, StringComparison.Ordinal);
            Assert.Equal(StatusCode.InvalidArgument, backend.StatusCode);
            Assert.Contains("use pvc, nfs or s3", backend.Status.Detail, StringComparison.Ordinal);
        }
        finally
        {
            await Host.Client.DeleteAsync(new DeleteRequest { Id = Name });
        }
    }

    [Theory]
    [InlineData("a'b; rm -rf /")]
    [InlineData("$(touch /tmp/virtrigaud-pwned)")]
    [InlineData("x\ny")]
    public async Task HostileIds_LookupsAreSafe_CreateRefused(string id)
    {
        var describe = await Host.Client.DescribeAsync(new DescribeRequest { Id = id });
        var power = await Assert.ThrowsAsync<RpcException>(() => Host.Client.PowerAsync(new PowerRequest { Id = id, Op = PowerOp.On }));
        await Host.Client.DeleteAsync(new DeleteRequest { Id = id });
        var create = await Assert.ThrowsAsync<RpcException>(() => Host.Client.CreateAsync(new CreateRequest { Name = id, ClassJson = Class }));

        Assert.False(describe.Exists);
        Assert.Equal(StatusCode.NotFound, power.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, create.StatusCode);
        Assert.False(File.Exists("/tmp/virtrigaud-pwned"));
    }

    [Fact]
    public async Task ErrorCodes_LibvirtFailuresMapPrecisely()
    {
        var missing = await Assert.ThrowsAsync<RpcException>(() => Host.Client.PowerAsync(new PowerRequest { Id = "l1-missing", Op = PowerOp.On }));
        var firmware = await Assert.ThrowsAsync<RpcException>(() => Host.Client.CreateAsync(new CreateRequest
        {
            Name = "l1-badfw",
            ClassJson = ProviderPayloads.SerializeClass(new ClassPayload { Cpu = 1, MemoryMiB = 64, Firmware = "coreboot" }),
        }));
        var unspecified = await Assert.ThrowsAsync<RpcException>(() => Host.Client.PowerAsync(new PowerRequest { Id = "x", Op = PowerOp.Unspecified }));
        var badJson = await Assert.ThrowsAsync<RpcException>(() => Host.Client.CreateAsync(new CreateRequest { Name = "l1-json", ClassJson = "{not json" }));

        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Contains("l1-missing", missing.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, firmware.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, unspecified.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, badJson.StatusCode);
        Assert.DoesNotContain("l1-badfw", await peers.Libvirt.ListDomainsAsync());
        Assert.Empty(Directory.GetFiles(peers.Libvirt.ImagesDirectory, "l1-badfw*"));
    }

    [Fact]
    public async Task PowerOn_MissingLibvirtNetwork_NotFoundWithLibvirtMessage()
    {
        // libvirt accepts the definition (networks are resolved at start); starting fails with its "Network not found".
        await Host.Client.CreateAsync(new CreateRequest
        {
            Name = "l1-badnet",
            ClassJson = Class,
            NetworksJson = ProviderPayloads.SerializeNetworks([new NetworkAttachmentPayload { Name = "no-such-network", NetworkName = "no-such-network" }]),
        });
        try
        {
            var start = await Assert.ThrowsAsync<RpcException>(() => Host.Client.PowerAsync(new PowerRequest { Id = "l1-badnet", Op = PowerOp.On }));

            Assert.Equal(StatusCode.NotFound, start.StatusCode);
            Assert.Contains("no-such-network", start.Status.Detail, StringComparison.Ordinal);
        }
        finally
        {
            await Host.Client.DeleteAsync(new DeleteRequest { Id = "l1-badnet" });
        }
    }
}
