using System.Text;
using VirtRigaud.Provider.Contract;

namespace VirtRigaud.Provider.Libvirt.Tests.Testing;

/// <summary>
/// Reads a console session in the background and keeps what arrived, so a test can wait for a line. The session's
/// end (closed reason, or the call's error) is in <see cref="Completion"/>.
/// </summary>
internal sealed class ConsoleTranscript
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConsoleTranscript(ProviderConsoleSession session)
    {
        Session = session;
        Completion = Task.Run(ReadAsync);
    }

    public ProviderConsoleSession Session { get; }

    /// <summary>Ends when the session ends (with its error, if any).</summary>
    public Task Completion { get; }

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>Waits until <paramref name="expected"/> has arrived.</summary>
    /// <exception cref="TimeoutException">It did not arrive within <paramref name="timeout"/>, or the session ended first; the message shows what did.</exception>
    public async Task WaitForAsync(string expected, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_text.ToString().Contains(expected, StringComparison.Ordinal))
                {
                    return;
                }

                changed = _changed.Task;
            }

            if (Completion.IsCompleted)
            {
                throw new TimeoutException($"the console ended ({Session.CloseReason}: {Session.CloseMessage}; {Completion.Exception?.GetBaseException().Message}) before \"{expected}\" arrived; it showed:\n{Text}");
            }

            try
            {
                await Task.WhenAny(changed, Completion).WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"\"{expected}\" did not arrive on the console within {timeout}; it showed:\n{Text}");
            }
        }
    }

    public Task TypeAsync(string text) => Session.WriteAsync(Encoding.UTF8.GetBytes(text));

    private async Task ReadAsync()
    {
        await foreach (var chunk in Session.ReadOutputAsync())
        {
            lock (_gate)
            {
                _text.Append(Encoding.UTF8.GetString(chunk.Span));
                _changed.TrySetResult();
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}
