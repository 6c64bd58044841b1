using VirtRigaud.Provider.Conformance.Cli;

return await ConformanceCommandLine.RunAsync(args, Console.Out, Console.Error, CancellationToken.None).ConfigureAwait(false);
