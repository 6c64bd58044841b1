using System.Globalization;
using System.Text;
using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Apiserver.Bench;

/// <summary>
/// The VirtualMachine every create sends: an example users apply (examples/*.yaml), read as kubectl would, with
/// the name and namespace replaced. Bodies are made by substituting into its JSON text, so making one costs nothing.
/// </summary>
internal sealed class VmTemplate
{
    private const string NameMark = "@@bench-name@@";
    private const string NamespaceMark = "@@bench-namespace@@";
    private readonly string _json;

    private VmTemplate(string json, string source)
    {
        _json = json;
        Source = source;
    }

    /// <summary>The example file the template was read from.</summary>
    public string Source { get; }

    /// <summary>Size of one create body in bytes.</summary>
    public int Bytes => Encoding.UTF8.GetByteCount(Body("vm-00000", "bench"));

    public static VmTemplate Load(string yamlFile)
    {
        var vm = KubernetesYaml.ReadDocument(File.ReadAllText(yamlFile)).AsObject();
        if (vm["kind"]?.GetValue<string>() != "VirtualMachine")
        {
            throw new ArgumentException($"{yamlFile} does not hold a VirtualMachine");
        }

        var metadata = vm["metadata"]!.AsObject();
        metadata["name"] = NameMark;
        metadata["namespace"] = NamespaceMark;
        return new VmTemplate(vm.ToJsonString(), Path.GetFileName(yamlFile));
    }

    /// <summary>The name of the <paramref name="n"/>th VM.</summary>
    public static string Name(int n) => string.Create(CultureInfo.InvariantCulture, $"vm-{n:D5}");

    /// <summary>A create body for a VM of this name and namespace.</summary>
    public string Body(string name, string ns) => _json.Replace(NameMark, name, StringComparison.Ordinal).Replace(NamespaceMark, ns, StringComparison.Ordinal);
}
