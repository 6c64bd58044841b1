using System.Text.Json;
using System.Text.Json.Nodes;

namespace VirtRigaud.E2E.Tests.Testing;

/// <summary>
/// What a mock provider holds, read from its state file (<c>--state-file</c>, written atomically after every
/// mutation): the hypervisor's own truth, independent of what the controllers report.
/// </summary>
public sealed class MockProviderState(string path)
{
    /// <summary>The state file.</summary>
    public string Path { get; } = path;

    /// <summary>The VMs on the mock hypervisor now (none when the provider has not written its state yet).</summary>
    public IReadOnlyList<MockVm> Vms()
    {
        string text;
        try
        {
            text = File.ReadAllText(Path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }

        JsonNode? document;
        try
        {
            document = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"the mock provider's state file {Path} does not parse: {e.Message}");
        }

        return [.. (document?["vms"]?.AsArray() ?? [])
            .Select(vm => new MockVm((string?)vm?["id"] ?? "", (string?)vm?["name"] ?? "", (string?)vm?["power"] ?? ""))];
    }

    /// <summary>The VMs named <paramref name="name"/>: more than one is a duplicate create.</summary>
    public IReadOnlyList<MockVm> VmsNamed(string name) => [.. Vms().Where(vm => vm.Name == name)];
}
