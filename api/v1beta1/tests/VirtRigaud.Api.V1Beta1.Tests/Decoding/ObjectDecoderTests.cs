using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1.Tests.Decoding;

public sealed class ObjectDecoderTests
{
    private const string Vm = """
        apiVersion: infra.virtrigaud.io/v1beta1
        kind: VirtualMachine
        metadata:
          name: web-1
        spec:
          providerRef: {name: libvirt-local}
          classRef: {name: small}
          imageRef: {name: ubuntu-22}
        """;

    [Fact]
    public void DecodeYaml_ValidVirtualMachine_IsTyped()
    {
        var result = ObjectDecoder.DecodeYaml(Vm).Single();
        Assert.True(result.IsValid, result.Errors.ToString());
        var vm = Assert.IsType<VirtualMachine>(result.Object);
        Assert.Equal("web-1", vm.Metadata.Name);
        Assert.Equal("small", vm.Spec.ClassRef.Name);
        Assert.Same(Kinds.VirtualMachine, result.Kind);
    }

    [Theory]
    [InlineData("On", "On", true)]
    [InlineData("\"On\"", "On", false)]
    [InlineData("on", "On", true)]
    [InlineData("Off", "Off", true)]
    [InlineData("\"OffGraceful\"", "OffGraceful", false)]
    public void DecodeYaml_UnquotedPowerState_IsReadAsStateWithWarning(string yamlValue, string expected, bool warns)
    {
        // "On" unquoted is a YAML 1.1 boolean: kubectl sends true. Upstream rejected it; we accept it and warn.
        var yaml = Vm + $"\n  powerState: {yamlValue}\n";
        var result = ObjectDecoder.DecodeYaml(yaml).Single();
        Assert.True(result.IsValid, result.Errors.ToString());
        Assert.Equal(expected, (string?)result.Json["spec"]!["powerState"]);
        var expectedWarnings = warns ? 1 : 0;
        Assert.Equal(expectedWarnings, result.Warnings.Count);
        if (expectedWarnings == 1)
        {
            Assert.StartsWith("spec.powerState: the YAML boolean", result.Warnings[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DecodeYaml_VMSetTemplatePowerStateBoolean_IsRepaired()
    {
        var yaml = """
            apiVersion: infra.virtrigaud.io/v1beta1
            kind: VMSet
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  providerRef: {name: p}
                  classRef: {name: c}
                  imageRef: {name: i}
                  powerState: Off
            """;
        var result = ObjectDecoder.DecodeYaml(yaml).Single();
        Assert.True(result.IsValid, result.Errors.ToString());
        Assert.Equal("Off", (string?)result.Json["spec"]!["template"]!["spec"]!["powerState"]);
        Assert.Single(result.Warnings);
    }

    [Fact]
    public void Decode_ManyMistakes_AllReportedWithPaths()
    {
        var json = JsonNode.Parse("""
            {"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VirtualMachine","metadata":{"name":"vm"},
             "spec":{"classRef":{},"powerState":"Sideways","disks":[{"name":"d","sizeGiB":0}],"tags":"x"}}
            """)!;
        var result = ObjectDecoder.Decode(json);
        Assert.False(result.IsValid);
        Assert.Null(result.Object);
        var fields = result.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains("spec.providerRef: Required value", fields);
        Assert.Contains("spec.classRef.name: Required value", fields);
        Assert.Contains(fields, f => f.StartsWith("spec.powerState: Unsupported value: \"Sideways\"", StringComparison.Ordinal));
        Assert.Contains(fields, f => f.StartsWith("spec.disks[0].sizeGiB: Invalid value: 0", StringComparison.Ordinal));
        Assert.Contains(fields, f => f.StartsWith("spec.tags: Invalid value: \"x\": must be of type array", StringComparison.Ordinal));
    }

    [Fact]
    public void Decode_InvalidObject_BecomesInvalidStatus()
    {
        var json = JsonNode.Parse("""{"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VMClass","metadata":{"name":"small"},"spec":{"memory":"4Gi"}}""")!;
        var status = ObjectDecoder.Decode(json).ToStatusException().Status;
        Assert.Equal(422, status.Code);
        Assert.Equal("Invalid", status.Reason);
        Assert.Equal("VMClass.infra.virtrigaud.io \"small\" is invalid: spec.cpu: Required value", status.Message);
        var cause = Assert.Single(status.Details!.Causes!);
        Assert.Equal("FieldValueRequired", cause.Reason);
        Assert.Equal("spec.cpu", cause.Field);
    }

    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"VirtualMachine"}""", "apiVersion: Unsupported value: \"v1\"")]
    [InlineData("""{"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"Flunder"}""", "kind: Unsupported value: \"Flunder\"")]
    [InlineData("""{"apiVersion":"infra.virtrigaud.io/v1beta1"}""", "kind: Required value")]
    public void Decode_UnknownTypeMeta_IsRefused(string json, string expected)
    {
        var result = ObjectDecoder.Decode(JsonNode.Parse(json)!);
        Assert.Contains(result.Errors, e => e.ToString().StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Decode_UnknownFields_ArePrunedAndReported()
    {
        var result = ObjectDecoder.DecodeYaml(Vm + "\n  vmClassRef: {name: old}\n").Single();
        Assert.True(result.IsValid, result.Errors.ToString());
        Assert.Equal(["spec.vmClassRef"], result.UnknownFields);
        Assert.Null(result.Json["spec"]!["vmClassRef"]);
    }

    [Fact]
    public void Decode_Defaults_AreApplied()
    {
        var result = ObjectDecoder.DecodeYaml("""
            apiVersion: infra.virtrigaud.io/v1beta1
            kind: VMClass
            metadata: {name: small}
            spec: {cpu: 2, memory: 4Gi, diskDefaults: {}}
            """).Single();
        var vmclass = Assert.IsType<VMClass>(result.Object);
        Assert.Equal(FirmwareType.BIOS, vmclass.Spec.Firmware);
        Assert.Equal(GuestToolsPolicy.Install, vmclass.Spec.GuestToolsPolicy);
        Assert.Equal(DiskType.Thin, vmclass.Spec.DiskDefaults!.Type);
        Assert.Equal("40Gi", vmclass.Spec.DiskDefaults.Size!.ToString());
    }

    [Fact]
    public void Decode_ExplicitFalseOnDefaultedBoolean_SurvivesRoundTrips()
    {
        // Upstream's omitempty footgun turned an explicit false back into the default true after any update.
        var yaml = """
            apiVersion: infra.virtrigaud.io/v1beta1
            kind: VMSnapshot
            metadata: {name: nightly}
            spec:
              vmRef: {name: web-1}
              snapshotConfig: {quiesce: false}
              retentionPolicy: {deleteOnVMDelete: false}
            """;
        var first = ObjectDecoder.DecodeYaml(yaml).Single();
        Assert.True(first.IsValid, first.Errors.ToString());
        var snapshot = Assert.IsType<VMSnapshot>(first.Object);
        Assert.False(snapshot.Spec.SnapshotConfig!.Quiesce);

        // Write it back (as a controller's update would) and read it again: still false.
        var second = ObjectDecoder.Decode(ObjectDecoder.ToJson(snapshot));
        var again = Assert.IsType<VMSnapshot>(second.Object);
        Assert.False(again.Spec.SnapshotConfig!.Quiesce);
        Assert.False(again.Spec.RetentionPolicy!.DeleteOnVMDelete);
        Assert.True(again.Spec.RetentionPolicy.PreservePinned);
    }

    [Fact]
    public void Decode_MetadataName_IsValidated()
    {
        var result = ObjectDecoder.DecodeYaml(Vm.Replace("name: web-1", "name: Web_1", StringComparison.Ordinal)).Single();
        Assert.Contains(result.Errors, e => e.Field == "metadata.name" && e.Type == FieldErrorType.Invalid);
    }

    [Fact]
    public void Decode_DoesNotMutateInput()
    {
        var input = JsonNode.Parse("""{"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VMClass","metadata":{"name":"c"},"spec":{"cpu":1,"memory":"1Gi","bogus":1}}""")!;
        var before = input.ToJsonString();
        ObjectDecoder.Decode(input);
        Assert.Equal(before, input.ToJsonString());
    }
}
