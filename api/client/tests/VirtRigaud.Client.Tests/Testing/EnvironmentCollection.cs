namespace VirtRigaud.Client.Tests.Testing;

/// <summary>
/// Tests that change process-wide state (environment variables, <c>Console.Out</c>) run in this collection, which
/// xunit never runs in parallel with others.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "process environment";
}
