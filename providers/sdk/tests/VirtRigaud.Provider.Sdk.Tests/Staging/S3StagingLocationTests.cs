using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract.Payloads;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.Sdk.Staging;

namespace VirtRigaud.Provider.Sdk.Tests.Staging;

public sealed class S3StagingLocationTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static readonly Dictionary<string, string> Credentials = new() { ["accessKeyID"] = "AKIAEXAMPLE", ["secretAccessKey"] = Secret };

    private static string Options(string? endpoint = "http://rgw.storage:7480", string? bucket = "migrations", bool pathStyle = false, string? region = "eu-west-1", string backend = "s3") =>
        ProviderPayloads.SerializeStorageOptions(new StorageOptionsPayload { Backend = backend, Bucket = bucket, Endpoint = endpoint, Region = region, Prefix = "team", UsePathStyle = pathStyle });

    [Fact]
    public void Parse_ManagerUrlAndOptions_EveryPartRead()
    {
        var location = S3StagingLocation.Parse(
            "s3://migrations/team/vmmigrations/ns/m1/export.vmdk",
            "destination_url",
            Options(pathStyle: true),
            new Dictionary<string, string>(Credentials) { ["sessionToken"] = "token-1" });

        Assert.Equal("migrations", location.Bucket);
        Assert.Equal("team/vmmigrations/ns/m1/export.vmdk", location.Key);
        Assert.Equal(new Uri("http://rgw.storage:7480/"), location.Endpoint);
        Assert.Equal("eu-west-1", location.Region);
        Assert.True(location.UsePathStyle);
        Assert.Equal("AKIAEXAMPLE", location.AccessKeyId);
        Assert.Equal(Secret, location.SecretAccessKey.RevealString());
        Assert.Equal("token-1", location.SessionToken?.RevealString());
        Assert.Equal("s3://migrations/team/vmmigrations/ns/m1/export.vmdk", location.ToString());
        Assert.Equal("http://rgw.storage:7480", location.EndpointDescription);
    }

    [Fact]
    public void Parse_NoOptions_AwsInTheDefaultRegion()
    {
        var location = S3StagingLocation.Parse("s3://migrations/k", "source_url", "", Credentials);

        Assert.Null(location.Endpoint);
        Assert.Equal("us-east-1", location.Region);
        Assert.False(location.UsePathStyle);
        Assert.Null(location.SessionToken);
        Assert.Equal("AWS S3 (us-east-1)", location.EndpointDescription);
    }

    [Theory]
    [InlineData("minio.example.com:9000", "https://minio.example.com:9000/", false)]
    [InlineData("http://10.0.0.5:9000", "http://10.0.0.5:9000/", true)]
    [InlineData("https://[fd00::5]:9000/", "https://[fd00::5]:9000/", true)]
    public void Parse_Endpoint_SchemeDefaultsToHttpsAndIpAddressesArePathStyle(string endpoint, string expected, bool pathStyle)
    {
        var location = S3StagingLocation.Parse("s3://migrations/k", "source_url", Options(endpoint: endpoint), Credentials);

        Assert.Equal(new Uri(expected), location.Endpoint);
        Assert.Equal(pathStyle, location.UsePathStyle);
    }

    [Theory]
    [InlineData("file:///tmp/x", "must be s3://bucket/key")]
    [InlineData("s3://migrations", "must name an object")]
    [InlineData("s3://migrations/", "must name an object")]
    [InlineData("s3://migrations/dir/", "must name an object")]
    [InlineData("s3://migrations/a/../b", "must name an object")]
    [InlineData("s3://migrations/a/./b", "must name an object")]
    [InlineData("s3://migrations/a\nb", "must name an object")]
    [InlineData("s3://ab/k", "is not a bucket name")]
    [InlineData("s3://Migrations/k", "is not a bucket name")]
    [InlineData("s3://my_bucket/k", "is not a bucket name")]
    [InlineData("s3://-bucket/k", "is not a bucket name")]
    [InlineData("s3://a..b/k", "is not a bucket name")]
    [InlineData("s3://192.168.1.10/k", "is not a bucket name")]
    public void Parse_BadUrl_InvalidArgumentNamingTheField(string url, string expected)
    {
        var e = Assert.Throws<ProviderException>(() => S3StagingLocation.Parse(url, "destination_url", "", Credentials));

        Assert.Equal(StatusCode.InvalidArgument, e.Code);
        Assert.Contains("destination_url", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeyOverS3sLimit_InvalidArgument()
    {
        var e = Assert.Throws<ProviderException>(() => S3StagingLocation.Parse("s3://migrations/" + new string('k', 1025), "source_url", "", Credentials));

        Assert.Equal(StatusCode.InvalidArgument, e.Code);
        Assert.Contains("at most 1024 bytes", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://rgw:21", "must be http(s)://host[:port]")]
    [InlineData("http://rgw:7480/bucket", "must be http(s)://host[:port]")]
    [InlineData("http://rgw:7480/?x=1", "must be http(s)://host[:port]")]
    [InlineData("http://user:pw@rgw:7480", "must be http(s)://host[:port]")]
    public void Parse_BadEndpoint_InvalidArgument(string endpoint, string expected)
    {
        var e = Assert.Throws<ProviderException>(() => S3StagingLocation.Parse("s3://migrations/k", "source_url", Options(endpoint: endpoint), Credentials));

        Assert.Equal(StatusCode.InvalidArgument, e.Code);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OptionsDisagreeWithTheRequest_InvalidArgument()
    {
        var bucket = Assert.Throws<ProviderException>(() => S3StagingLocation.Parse("s3://other/k", "source_url", Options(), Credentials));
        var backend = Assert.Throws<ProviderException>(() => S3StagingLocation.Parse("s3://migrations/k", "source_url", Options(backend: "nfs"), Credentials));
        var region = Assert.Throws<ProviderException>(() => S3StagingLocation.Parse("s3://migrations/k", "source_url", Options(region: "eu west"), Credentials));
        var json = Assert.Throws<ProviderException>(() => S3StagingLocation.Parse("s3://migrations/k", "source_url", "{not json", Credentials));

        Assert.Contains("names bucket \"migrations\"", bucket.Message, StringComparison.Ordinal);
        Assert.Contains("backend \"nfs\"", backend.Message, StringComparison.Ordinal);
        Assert.Contains("region \"eu west\"", region.Message, StringComparison.Ordinal);
        Assert.Contains("storage_options_json", json.Message, StringComparison.Ordinal);
        Assert.All(new[] { bucket, backend, region, json }, e => Assert.Equal(StatusCode.InvalidArgument, e.Code));
    }

    [Fact]
    public void Parse_MissingCredentials_InvalidArgumentNamingTheKeysNeverTheSecret()
    {
        var none = Assert.Throws<ProviderException>(() => S3StagingLocation.Parse("s3://migrations/k", "source_url", "", new Dictionary<string, string>()));
        var noKeyId = Assert.Throws<ProviderException>(() => S3StagingLocation.Parse("s3://migrations/k", "source_url", "", new Dictionary<string, string> { ["secretAccessKey"] = Secret }));

        Assert.Equal(StatusCode.InvalidArgument, none.Code);
        Assert.Contains("lack accessKeyID and secretAccessKey", none.Message, StringComparison.Ordinal);
        Assert.Contains("spec.storage.s3.credentialsSecretRef", none.Message, StringComparison.Ordinal);
        Assert.Contains("lack accessKeyID:", noKeyId.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, noKeyId.Message, StringComparison.Ordinal);
    }
}
