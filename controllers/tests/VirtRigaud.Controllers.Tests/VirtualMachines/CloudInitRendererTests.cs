using System.Text;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Models.CoreV1;
using VirtRigaud.Controllers.VirtualMachines;

namespace VirtRigaud.Controllers.Tests.VirtualMachines;

public sealed class CloudInitRendererTests
{
    private static Secret SecretWith(string name, params (string Key, string Value)[] data) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "ns" },
        Data = data.ToDictionary(d => d.Key, d => Encoding.UTF8.GetBytes(d.Value)),
    };

    [Fact]
    public void RenderUserData_NothingSet_Empty() => Assert.Equal("", CloudInitRenderer.RenderUserData(null, null));

    [Fact]
    public void RenderUserData_InlineOnly_AsIs() =>
        Assert.Equal("#cloud-config\nhostname: a\n", CloudInitRenderer.RenderUserData("#cloud-config\nhostname: a\n", null));

    [Fact]
    public void RenderUserData_EmptyInlineAndSecret_SecretAsIs() =>
        Assert.Equal("#cloud-config\nusers: []\n", CloudInitRenderer.RenderUserData("", SecretWith("s", ("user-data", "#cloud-config\nusers: []\n"))));

    [Theory]
    [InlineData("userdata")]
    [InlineData("user-data")]
    [InlineData("cloud-init")]
    [InlineData("cloud-config")]
    public void RenderUserData_EachAcceptedKey_Read(string key) =>
        Assert.Equal("doc", CloudInitRenderer.RenderUserData(null, SecretWith("s", (key, "doc"))));

    [Fact]
    public void RenderUserData_SeveralKeys_FirstInUpstreamOrderWins() =>
        Assert.Equal("first", CloudInitRenderer.RenderUserData(null, SecretWith("s", ("cloud-config", "last"), ("user-data", "second"), ("userdata", "first"))));

    [Fact]
    public void RenderUserData_InlineAndSecret_UpstreamMultipartBytes()
    {
        var rendered = CloudInitRenderer.RenderUserData("#cloud-config\na: 1", SecretWith("s", ("userdata", "#cloud-config\nb: 2")));

        const string expected =
            "Content-Type: multipart/mixed; boundary=\"VIRTRIGAUD_CLOUD_INIT_BOUNDARY\"\n" +
            "MIME-Version: 1.0\n" +
            "\n--VIRTRIGAUD_CLOUD_INIT_BOUNDARY\n" +
            "Content-Type: text/cloud-config; charset=\"utf-8\"\n" +
            "\n" +
            "#cloud-config\na: 1\n" +
            "\n--VIRTRIGAUD_CLOUD_INIT_BOUNDARY\n" +
            "Content-Type: text/cloud-config; charset=\"utf-8\"\n" +
            "\n" +
            "#cloud-config\nb: 2\n" +
            "\n--VIRTRIGAUD_CLOUD_INIT_BOUNDARY--\n";
        Assert.Equal(expected, rendered);
    }

    [Fact]
    public void RenderUserData_SecretWithoutAcceptedKey_ErrorNamesSecretAndKeysNotValues()
    {
        var error = Assert.Throws<CloudInitException>(() => CloudInitRenderer.RenderUserData(null, SecretWith("vm-init", ("password", "hunter2"))));

        Assert.Equal("secret \"vm-init\" contains no recognised cloud-init key; accepted keys: userdata, user-data, cloud-init, cloud-config", error.Message);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("metadata")]
    [InlineData("meta-data")]
    [InlineData("meta_data")]
    public void RenderMetaData_InlineAndSecret_JoinedWithNewline(string key) =>
        Assert.Equal("instance-id: a\nlocal-hostname: b", CloudInitRenderer.RenderMetaData("instance-id: a", SecretWith("m", (key, "local-hostname: b"))));

    [Fact]
    public void RenderMetaData_SecretWithoutAcceptedKey_Throws() =>
        Assert.Contains("accepted keys: metadata, meta-data, meta_data",
            Assert.Throws<CloudInitException>(() => CloudInitRenderer.RenderMetaData(null, SecretWith("m", ("userdata", "x")))).Message, StringComparison.Ordinal);

    [Fact]
    public void Render_BothDocuments_ToStringRedacted()
    {
        var documents = CloudInitRenderer.Render(new CloudInitConfig { Inline = "#cloud-config\npassword: s3cret" }, null, new CloudInitConfig { Inline = "instance-id: x" }, null);

        Assert.Equal("#cloud-config\npassword: s3cret", documents.UserData);
        Assert.Equal("instance-id: x", documents.MetaData);
        Assert.DoesNotContain("s3cret", documents.ToString(), StringComparison.Ordinal);
    }
}
