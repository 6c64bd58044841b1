using VirtRigaud.Client.Models.CoreV1;

namespace VirtRigaud.Client.Events;

/// <summary>The correlator's verdict on one event: what to write, whether it updates an earlier one, or nothing.</summary>
/// <param name="Event">The event to write (an aggregate, or a repeat carrying the stored event's name and a higher count).</param>
/// <param name="Key">The deduplication key the write is remembered under.</param>
/// <param name="IsRepeat">True: update the stored event's count (a patch); false: create it.</param>
/// <param name="Skip">True: the spam filter dropped it.</param>
internal readonly record struct Correlation(Event Event, string Key, bool IsRepeat, bool Skip);
