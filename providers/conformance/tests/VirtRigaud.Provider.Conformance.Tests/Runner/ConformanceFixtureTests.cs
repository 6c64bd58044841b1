using System.Text.Json;

namespace VirtRigaud.Provider.Conformance.Tests.Runner;

public sealed class ConformanceFixtureTests
{
    [Fact]
    public void Parse_EmptyObject_AllDefaults()
    {
        var fixture = ConformanceFixture.Parse("{}");

        Assert.Equal(1, fixture.Create.Class["CPU"]!.GetValue<int>());
        Assert.Equal(512, fixture.Create.Class["MemoryMiB"]!.GetValue<int>());
        Assert.Null(fixture.ImagePrepare);
        Assert.Equal(ConformanceDiskTransferInput.DefaultUrlTemplate, fixture.DiskTransfer.UrlTemplate);
        Assert.True(fixture.Console.ExpectOutput);
        Assert.Null(fixture.Create.Disks);
    }

    [Fact]
    public void Parse_FullInputs_EveryPartRead()
    {
        const string json = """
            {
              // comments and trailing commas are allowed, as in hand-written files
              "create": {
                "class": { "CPU": 2, "MemoryMiB": 2048, "Firmware": "UEFI" },
                "image": { "Path": "/var/lib/libvirt/images/base.qcow2", "Format": "qcow2" },
                "networks": [ { "Name": "lan", "NetworkName": "br0" } ],
                "disks": [ { "SizeGiB": 5, "Type": "thin", "Name": "data" } ],
                "placement": { "Datastore": "ds1" },
                "userData": "#cloud-config\nusers: []\n",
                "metaData": "instance-id: {name}\n",
                "tags": ["a", "b"],
              },
              "reconfigure": { "cpu": 4, "memoryMiB": 4096 },
              "clone": { "class": { "cpu": 2, "memory": "2Gi" } },
              "imagePrepare": {
                "image": { "source": { "http": { "url": "http://127.0.0.1/cirros.qcow2" } } },
                "storageHint": "pool1",
                "mismatchedImage": { "source": { "http": { "url": "http://127.0.0.1/cirros.qcow2", "checksum": "00" } } }
              },
              "diskTransfer": {
                "urlTemplate": "s3://bucket/{name}.{format}",
                "backendType": "s3",
                "transferMode": "relay",
                "storageOptions": { "backend": "s3", "bucket": "bucket", "usePathStyle": true },
                "credentials": { "accessKeyID": "AKIA", "secretAccessKey": "s3cr3t-value" }
              },
              "console": { "probe": "\n", "expectOutput": false }
            }
            """;

        var fixture = ConformanceFixture.Parse(json);

        Assert.Equal("UEFI", fixture.Create.Class["Firmware"]!.GetValue<string>());
        Assert.Equal("br0", fixture.Create.Networks![0]!["NetworkName"]!.GetValue<string>());
        Assert.Equal(5, fixture.Create.Disks![0]!["SizeGiB"]!.GetValue<int>());
        Assert.Equal("ds1", fixture.Create.Placement!["Datastore"]!.GetValue<string>());
        Assert.Equal(["a", "b"], fixture.Create.Tags);
        Assert.Equal(4, fixture.Reconfigure.Cpu);
        Assert.Equal(4096, fixture.Reconfigure.MemoryMiB);
        Assert.Equal("2Gi", fixture.Cloning.Class!["memory"]!.GetValue<string>());
        Assert.Equal("pool1", fixture.ImagePrepare!.StorageHint);
        Assert.NotNull(fixture.ImagePrepare.MismatchedImage);
        Assert.Equal("s3://bucket/vrc-x-export.vmdk", fixture.DiskTransfer.UrlFor("vrc-x-export", "vmdk"));
        Assert.Equal("s3cr3t-value", fixture.DiskTransfer.Credentials["secretAccessKey"]);
        Assert.False(fixture.Console.ExpectOutput);
        Assert.Equal("\n", fixture.Console.Probe);
    }

    [Theory]
    [InlineData("""{ "creat": {} }""")]
    [InlineData("""{ "create": { "clas": {} } }""")]
    [InlineData("""{ "reconfigure": { "cpu": "two" } }""")]
    [InlineData("""{ "imagePrepare": { "storageHint": "" } }""")]
    [InlineData("""[]""")]
    [InlineData("""null""")]
    public void Parse_InvalidInputs_JsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => ConformanceFixture.Parse(json));

    [Fact]
    public void ToString_DiskTransferCredentials_ValuesRedacted()
    {
        var fixture = ConformanceFixture.Parse("""{ "diskTransfer": { "credentials": { "secretAccessKey": "s3cr3t-value" } } }""");

        var text = fixture.ToString();

        Assert.DoesNotContain("s3cr3t-value", text, StringComparison.Ordinal);
        Assert.Contains("secretAccessKey", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_MalformedFile_MessageNamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"conformance-inputs-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{ "console": { "probe": 1 } }""", CancellationToken.None);
        try
        {
            var error = await Assert.ThrowsAnyAsync<JsonException>(() => ConformanceFixture.LoadAsync(path, CancellationToken.None));
            Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
