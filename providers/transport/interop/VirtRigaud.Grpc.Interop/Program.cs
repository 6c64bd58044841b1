using VirtRigaud.Grpc.Interop;

return await InteropCommandLine.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
