using VirtRigaud.Apiserver.Hosting;

return await ApiServerCommand.Create().Parse(args).InvokeAsync(new() { ProcessTerminationTimeout = null }).ConfigureAwait(false);
