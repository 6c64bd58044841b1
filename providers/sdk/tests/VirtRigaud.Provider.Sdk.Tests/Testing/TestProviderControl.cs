using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Sdk.Tests.Testing;

/// <summary>What a test tells <see cref="TestProviderService"/> to do, and what it observed. Thread-safe.</summary>
internal sealed class TestProviderControl
{
    private int _creates;
    private int _validates;

    /// <summary>The next Validate's answer; an exception to throw instead when <see cref="ValidateFailure"/> is set.</summary>
    public ValidateResponse ValidateResponse { get; set; } = new() { Ok = true };

    public Exception? ValidateFailure { get; set; }

    /// <summary>Power holds until this completes (or the call is cancelled).</summary>
    public TaskCompletionSource PowerGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed when a Power call has entered the handler.</summary>
    public TaskCompletionSource PowerEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>ExportDisk's task holds until this completes.</summary>
    public TaskCompletionSource ExportGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Create's operation holds until this completes.</summary>
    public TaskCompletionSource CreateGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed when Validate is called the second time: the first call's outcome has been recorded by then.</summary>
    public TaskCompletionSource SecondValidate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void CountValidate()
    {
        if (Interlocked.Increment(ref _validates) == 2)
        {
            SecondValidate.TrySetResult();
        }
    }

    /// <summary>Completed when Create's operation has started (it then waits for <see cref="CreateGate"/>).</summary>
    public TaskCompletionSource CreateEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many times Create's operation actually ran.</summary>
    public int Creates => Volatile.Read(ref _creates);

    public void CountCreate()
    {
        Interlocked.Increment(ref _creates);
        CreateEntered.TrySetResult();
    }
}
