using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Controllers.Tests.Testing;

/// <summary>Small valid objects for tests.</summary>
public static class TestObjects
{
    public static VMClass VmClass(string ns, string name, int cpu = 2) => new()
    {
        Metadata = new ObjectMeta { Namespace = ns, Name = name },
        Spec = new VMClassSpec { Cpu = cpu, Memory = Quantity.Parse("2Gi") },
    };
}
