namespace VirtRigaud.Apiserver.Bench;

/// <summary>
/// One watch fan-out measurement: per (watcher, update) delivery, the time from just before the update was sent and
/// from the update's response; the update's own round trip; deliveries that never came; the server's CPU time per update (the update, the fan-out and whatever the update set off in the server).
/// </summary>
internal sealed record WatchResult(int Watchers, int Connections, int Updates, Latencies FromSent, Latencies FromResponse, Latencies UpdateRoundTrip, int Missed, double EstablishSeconds, double ServerCpuMsPerUpdate);
