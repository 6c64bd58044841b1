namespace VirtRigaud.Apiserver.Bench;

/// <summary>Everything measured on one store, filled in as the phases run.</summary>
internal sealed class StoreResults(string store)
{
    public string Store { get; } = store;

    /// <summary>Per create phase: clients, VMs created, the API load, the raw-storage load, server CPU ms per create.</summary>
    public List<(int Clients, int Created, LoadResult Api, LoadResult? Raw, double CpuMsPerCreate)> Creates { get; } = [];

    /// <summary>Per GET case: form (JSON/Table), clients, the API load, the raw-storage gets at the same concurrency.</summary>
    public List<(string Form, int Clients, LoadResult Api, LoadResult? Raw)> Gets { get; } = [];

    /// <summary>Per LIST case: variant, clients, the API load, response bytes, raw list of the same data, server CPU ms per list.</summary>
    public List<(string Variant, int Clients, LoadResult Api, long Bytes, LoadResult? Raw, double CpuMsPerList)> Lists { get; } = [];

    public List<WatchResult> Watches { get; } = [];

    /// <summary>Resident memory (VmRSS) and peak (VmHWM) in MiB at named moments.</summary>
    public List<(string Moment, double Rss, double Peak)> Memory { get; } = [];

    public int StoredVms { get; set; }

    public double StartSeconds { get; set; }
}
