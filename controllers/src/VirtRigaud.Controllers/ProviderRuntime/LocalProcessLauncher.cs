using System.Collections.Concurrent;
using System.Diagnostics;

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>
/// Starts Local provider processes so that they cannot outlive the manager: each is run through
/// <c>setpriv --pdeathsig KILL --</c> (util-linux, part of every Debian install), which sets the kernel's
/// parent-death signal and then execs the provider (same pid). The kernel sends that signal when the thread that forked
/// the child ends, not the process; so every child is forked from this launcher's one dedicated thread, which lives
/// until <see cref="Dispose"/> (at manager shutdown, after the children were stopped). A manager killed with SIGKILL,
/// or by the OOM killer, therefore takes its providers with it; a clean shutdown stops them first with SIGTERM.
/// </summary>
/// <remarks>Thread-safe. Without setpriv (or with <see cref="LocalProviderOptions.KillOnParentDeath"/> off) children
/// are started directly and only the shutdown path stops them; <see cref="ParentDeathSignal"/> says which.</remarks>
internal sealed class LocalProcessLauncher : IDisposable
{
    /// <summary>The wrapper's usual location.</summary>
    public const string SetprivPath = "/usr/bin/setpriv";

    private readonly BlockingCollection<(ProcessStartInfo Start, TaskCompletionSource<Process> Started)> _requests = [];
    private readonly Thread _thread;
    private readonly string? _setpriv;
    private int _disposed;

    public LocalProcessLauncher(bool killOnParentDeath)
    {
        _setpriv = killOnParentDeath && File.Exists(SetprivPath) ? SetprivPath : null;
        _thread = new Thread(Run) { IsBackground = true, Name = "virtrigaud-local-provider-launcher" };
        _thread.Start();
    }

    /// <summary>Whether children get the parent-death signal (setpriv found and enabled).</summary>
    public bool ParentDeathSignal => _setpriv is not null;

    /// <summary>Starts <paramref name="start"/> on the launcher thread; the returned process has redirected output if asked.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The file could not be executed.</exception>
    /// <exception cref="ObjectDisposedException">The launcher is disposed.</exception>
    public Task<Process> StartAsync(ProcessStartInfo start)
    {
        if (_setpriv is not null)
        {
            var wrapped = new ProcessStartInfo(_setpriv)
            {
                RedirectStandardOutput = start.RedirectStandardOutput,
                RedirectStandardError = start.RedirectStandardError,
                RedirectStandardInput = start.RedirectStandardInput,
                UseShellExecute = false,
                WorkingDirectory = start.WorkingDirectory,
            };
            wrapped.ArgumentList.Add("--pdeathsig");
            wrapped.ArgumentList.Add("KILL");
            wrapped.ArgumentList.Add("--");
            wrapped.ArgumentList.Add(start.FileName);
            foreach (var argument in start.ArgumentList)
            {
                wrapped.ArgumentList.Add(argument);
            }

            wrapped.Environment.Clear();
            foreach (var (name, value) in start.Environment)
            {
                wrapped.Environment[name] = value;
            }

            start = wrapped;
        }

        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Add((start, started));
        return started.Task;
    }

    /// <summary>Ends the launcher thread (children started by it then get their parent-death signal).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _requests.CompleteAdding();
        _thread.Join();
        _requests.Dispose();
    }

    private void Run()
    {
        foreach (var (start, started) in _requests.GetConsumingEnumerable())
        {
            try
            {
                var process = new Process { StartInfo = start, EnableRaisingEvents = true };
                process.Start();
                started.SetResult(process);
            }
            catch (Exception e)
            {
                started.SetException(e);
            }
        }
    }
}
