using VirtRigaud.Manager;

return await ManagerCommand.InvokeAsync(args, Console.Out, Console.Error, CancellationToken.None).ConfigureAwait(false);
