namespace VirtRigaud.Controllers.Clones;

/// <summary>Why a VMClone cannot be carried out, with the condition reason to report. Immutable.</summary>
/// <param name="Reason">The condition reason (<see cref="VMCloneConventions"/>).</param>
/// <param name="Message">What is refused and why, naming the spec field.</param>
public sealed record CloneRefusal(string Reason, string Message);
