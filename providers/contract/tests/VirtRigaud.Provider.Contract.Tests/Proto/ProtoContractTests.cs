using Google.Protobuf;
using Google.Protobuf.Reflection;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Contract.Tests.Proto;

/// <summary>
/// The proto against upstream v0.3.11's field table (API-REFERENCE §2.2), and hand-computed protobuf encodings of a
/// few messages, so that a renumbered, renamed or retyped field cannot pass.
/// </summary>
public sealed class ProtoContractTests
{
    // message → "field=number:type" in upstream's declaration (type names as FieldType; enums/messages by name).
    private static readonly Dictionary<string, string[]> Upstream = new(StringComparer.Ordinal)
    {
        ["TaskRef"] = ["id=1:String"],
        ["Empty"] = [],
        ["ValidateRequest"] = [],
        ["ValidateResponse"] = ["ok=1:Bool", "message=2:String"],
        ["CreateRequest"] =
        [
            "name=1:String", "user_data=2:Bytes", "class_json=3:String", "image_json=4:String", "networks_json=5:String",
            "disks_json=6:String", "placement_json=7:String", "tags=8:String[]", "meta_data=9:Bytes",
        ],
        ["CreateResponse"] = ["id=1:String", "task=2:TaskRef"],
        ["DeleteRequest"] = ["id=1:String"],
        ["PowerRequest"] = ["id=1:String", "op=2:PowerOp", "graceful_timeout_seconds=3:Int32"],
        ["ReconfigureRequest"] = ["id=1:String", "desired_json=2:String"],
        ["HardwareUpgradeRequest"] = ["id=1:String", "target_version=2:Int32"],
        ["TaskResponse"] = ["task=1:TaskRef"],
        ["DescribeRequest"] = ["id=1:String"],
        ["DescribeResponse"] = ["exists=1:Bool", "power_state=2:String", "ips=3:String[]", "console_url=4:String", "provider_raw_json=5:String"],
        ["TaskStatusRequest"] = ["task=1:TaskRef"],
        ["TaskStatusResponse"] = ["done=1:Bool", "error=2:String"],
        ["SnapshotCreateRequest"] = ["vm_id=1:String", "name_hint=2:String", "include_memory=3:Bool", "description=4:String"],
        ["SnapshotCreateResponse"] = ["snapshot_id=1:String", "task=2:TaskRef"],
        ["SnapshotDeleteRequest"] = ["vm_id=1:String", "snapshot_id=2:String"],
        ["SnapshotRevertRequest"] = ["vm_id=1:String", "snapshot_id=2:String"],
        ["CloneRequest"] =
        [
            "source_vm_id=1:String", "target_name=2:String", "linked=3:Bool", "class_json=4:String", "placement_json=5:String", "customize_json=6:String",
        ],
        ["CloneResponse"] = ["target_vm_id=1:String", "task=2:TaskRef"],
        ["ImagePrepareRequest"] = ["image_json=1:String", "target_name=2:String", "storage_hint=3:String"],
        ["ImagePrepareResponse"] = ["task=1:TaskRef", "prepared_image_id=2:String", "prepared_image_path=3:String"],
        ["ExportDiskRequest"] =
        [
            "vm_id=1:String", "disk_id=2:String", "snapshot_id=3:String", "destination_url=4:String", "format=5:String", "compress=6:Bool",
            "credentials=7:map<String,String>", "backend_type=8:String", "transfer_mode=9:String", "storage_options_json=10:String",
        ],
        ["ExportDiskResponse"] = ["export_id=1:String", "task=2:TaskRef", "estimated_size_bytes=3:Int64", "checksum=4:String"],
        ["ImportDiskRequest"] =
        [
            "source_url=1:String", "storage_hint=2:String", "format=3:String", "target_name=4:String", "verify_checksum=5:Bool",
            "expected_checksum=6:String", "credentials=7:map<String,String>", "backend_type=8:String", "transfer_mode=9:String",
            "storage_options_json=10:String",
        ],
        ["ImportDiskResponse"] = ["disk_id=1:String", "path=2:String", "task=3:TaskRef", "actual_size_bytes=4:Int64", "checksum=5:String"],
        ["GetDiskInfoRequest"] = ["vm_id=1:String", "disk_id=2:String", "snapshot_id=3:String"],
        ["GetDiskInfoResponse"] =
        [
            "disk_id=1:String", "format=2:String", "virtual_size_bytes=3:Int64", "actual_size_bytes=4:Int64", "path=5:String", "is_bootable=6:Bool",
            "snapshots=7:String[]", "backing_file=8:String", "metadata=9:map<String,String>",
        ],
        ["ListVMsRequest"] = [],
        ["ListVMsResponse"] = ["vms=1:VMInfo[]"],
        ["VMInfo"] =
        [
            "id=1:String", "name=2:String", "power_state=3:String", "ips=4:String[]", "cpu=5:Int32", "memory_mib=6:Int64", "disks=7:DiskInfo[]",
            "networks=8:NetworkInfo[]", "provider_raw=9:map<String,String>",
        ],
        ["DiskInfo"] = ["id=1:String", "path=2:String", "size_gib=3:Int32", "format=4:String"],
        ["NetworkInfo"] = ["name=1:String", "mac=2:String", "ip_address=3:String"],
        ["GetCapabilitiesRequest"] = [],
        ["GetCapabilitiesResponse"] =
        [
            "supports_reconfigure_online=1:Bool", "supports_disk_expansion_online=2:Bool", "supports_snapshots=3:Bool", "supports_memory_snapshots=4:Bool",
            "supports_linked_clones=5:Bool", "supports_image_import=6:Bool", "supported_disk_types=7:String[]", "supported_network_types=8:String[]",
            "supports_disk_export=9:Bool", "supports_disk_import=10:Bool", "supported_export_formats=11:String[]", "supported_import_formats=12:String[]",
            "supports_export_compression=13:Bool", "supported_export_backends=14:String[]", "supported_import_backends=15:String[]",
            "supported_transfer_modes=16:String[]",
        ],
    };

    public static TheoryData<string> UpstreamMessages => [.. Upstream.Keys];

    [Theory]
    [MemberData(nameof(UpstreamMessages))]
    public void Message_Upstream_SameFieldsNumbersAndTypes(string message)
    {
        var descriptor = ProviderReflection.Descriptor.FindTypeByName<MessageDescriptor>(message);

        Assert.NotNull(descriptor);
        Assert.Equal(Upstream[message], descriptor.Fields.InDeclarationOrder().Select(Describe));
    }

    [Fact]
    public void File_Options_UpstreamPackageAndGoPackage()
    {
        var file = ProviderReflection.Descriptor;

        Assert.Equal("provider.v1", file.Package);
        Assert.Equal("github.com/projectbeskar/virtrigaud/proto/rpc/provider/v1;providerv1", file.GetOptions().GoPackage);
        Assert.Equal("VirtRigaud.Provider.V1", file.GetOptions().CsharpNamespace);
        Assert.Equal(
            ["POWER_OP_UNSPECIFIED=0", "POWER_OP_ON=1", "POWER_OP_OFF=2", "POWER_OP_REBOOT=3", "POWER_OP_SHUTDOWN_GRACEFUL=4"],
            ProviderReflection.Descriptor.FindTypeByName<EnumDescriptor>("PowerOp").Values.Select(v => $"{v.Name}={v.Number}"));
    }

    [Fact]
    public void Service_UpstreamRpcs_UpstreamRequestAndResponseTypes()
    {
        string[] expected =
        [
            "Validate(ValidateRequest)ValidateResponse", "Create(CreateRequest)CreateResponse", "Delete(DeleteRequest)TaskResponse",
            "Power(PowerRequest)TaskResponse", "Reconfigure(ReconfigureRequest)TaskResponse", "HardwareUpgrade(HardwareUpgradeRequest)TaskResponse",
            "Describe(DescribeRequest)DescribeResponse", "TaskStatus(TaskStatusRequest)TaskStatusResponse",
            "SnapshotCreate(SnapshotCreateRequest)SnapshotCreateResponse", "SnapshotDelete(SnapshotDeleteRequest)TaskResponse",
            "SnapshotRevert(SnapshotRevertRequest)TaskResponse", "Clone(CloneRequest)CloneResponse", "ImagePrepare(ImagePrepareRequest)ImagePrepareResponse",
            "GetCapabilities(GetCapabilitiesRequest)GetCapabilitiesResponse", "ExportDisk(ExportDiskRequest)ExportDiskResponse",
            "ImportDisk(ImportDiskRequest)ImportDiskResponse", "GetDiskInfo(GetDiskInfoRequest)GetDiskInfoResponse", "ListVMs(ListVMsRequest)ListVMsResponse",
            "WatchTask(WatchTaskRequest)stream TaskProgress", "ConsoleStream(stream ConsoleInput)stream ConsoleOutput",
        ];

        Assert.Equal(
            expected,
            ProviderMethods.Service.Methods.Select(m =>
                $"{m.Name}({(m.IsClientStreaming ? "stream " : "")}{m.InputType.Name}){(m.IsServerStreaming ? "stream " : "")}{m.OutputType.Name}"));
    }

    public static TheoryData<string, IMessage, string> Encodings => new()
    {
        {
            "CreateRequest: strings, repeated string and bytes at 1, 8, 9 (written in field-number order)",
            new CreateRequest { Name = "vm1", Tags = { "a" }, MetaData = ByteString.CopyFrom(1) },
            "0a03766d31 420161 4a0101"
        },
        {
            "PowerRequest: enum at 2, int32 at 3",
            new PowerRequest { Id = "x", Op = PowerOp.ShutdownGraceful, GracefulTimeoutSeconds = 60 },
            "0a0178 1004 183c"
        },
        {
            "GetCapabilitiesResponse: bool 13, repeated string 16 (two-byte tag)",
            new GetCapabilitiesResponse { SupportsExportCompression = true, SupportedTransferModes = { "relay" } },
            "6801 820105 72656c6179"
        },
        {
            "ExportDiskRequest: map entry at 7, storage_options_json at 10",
            new ExportDiskRequest { VmId = "v", Credentials = { ["k"] = "s" }, StorageOptionsJson = "{}" },
            "0a0176 3a06 0a016b 120173 52027b7d"
        },
        {
            "VMInfo: int32 at 5, int64 at 6, nested DiskInfo at 7",
            new VMInfo { Cpu = 2, MemoryMib = 4096, Disks = { new DiskInfo { SizeGib = 40 } } },
            "2802 308020 3a02 1828"
        },
        {
            "TaskProgress (addition): message 1, bool 2, int64 4 and 5, double 6",
            new TaskProgress { Task = new TaskRef { Id = "t" }, Done = true, BytesDone = 1, BytesTotal = 2, Percentage = 50 },
            "0a03 0a0174 1001 2001 2802 310000000000004940"
        },
        {
            "ConsoleInput (addition): oneof open at 1 with enum kind at 2",
            new ConsoleInput { Open = new ConsoleOpen { VmId = "v", Kind = ConsoleKind.Serial } },
            "0a05 0a0176 1001"
        },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Encode_Message_HandComputedBytes(string what, IMessage message, string hex)
    {
        Assert.True(what.Length > 0);
        Assert.Equal(hex.Replace(" ", "", StringComparison.Ordinal), Convert.ToHexStringLower(message.ToByteArray()));
    }

    [Fact]
    public void ImagePrepareResponse_ReadAsTaskResponse_KeepsTheTask()
    {
        var bytes = new ImagePrepareResponse { Task = new TaskRef { Id = "t-1" }, PreparedImageId = "tmpl", PreparedImagePath = "/p" }.ToByteArray();

        Assert.Equal("t-1", TaskResponse.Parser.ParseFrom(bytes).Task.Id);
    }

    private static string Describe(FieldDescriptor field)
    {
        var type = field.FieldType switch
        {
            FieldType.Message => field.MessageType.Name,
            FieldType.Enum => field.EnumType.Name,
            var t => t.ToString(),
        };
        if (field.IsMap)
        {
            return $"{field.Name}={field.FieldNumber}:map<{field.MessageType.Fields[1].FieldType},{field.MessageType.Fields[2].FieldType}>";
        }

        return $"{field.Name}={field.FieldNumber}:{type}{(field.IsRepeated ? "[]" : "")}";
    }
}
