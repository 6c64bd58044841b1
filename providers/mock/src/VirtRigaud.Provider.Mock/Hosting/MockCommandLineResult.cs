using System.CommandLine;

namespace VirtRigaud.Provider.Mock.Hosting;

/// <summary>What <see cref="MockCommandLine.Parse"/> read: the settings, the tokens left for the SDK, the problems, and the mock's command when help was asked for. Immutable.</summary>
public sealed record MockCommandLineResult(MockProviderSettings Settings, string[] RemainingArgs, IReadOnlyList<string> Errors, RootCommand? HelpCommand);
