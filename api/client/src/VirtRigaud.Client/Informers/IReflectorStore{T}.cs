namespace VirtRigaud.Client.Informers;

/// <summary>
/// Where a <see cref="Reflector{T}"/> puts what it lists and watches (the role of client-go's DeltaFIFO). Called from
/// the reflector's loop, one call at a time, in the order of the server's changes — except <see cref="Resync"/>, which
/// comes from the resync timer and may overlap the others (implementations serialize it themselves).
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public interface IReflectorStore<in T>
    where T : class
{
    /// <summary>The complete state at <paramref name="resourceVersion"/> (a list, or the initial events of a WatchList): what is absent was deleted.</summary>
    void Replace(IReadOnlyCollection<T> items, string resourceVersion);

    /// <summary>An <c>ADDED</c> watch event.</summary>
    void Add(T obj);

    /// <summary>A <c>MODIFIED</c> watch event.</summary>
    void Update(T obj);

    /// <summary>A <c>DELETED</c> watch event; <paramref name="obj"/> is the final state.</summary>
    void Delete(T obj);

    /// <summary>The resync period passed: re-deliver the current state to whoever asked for resyncs.</summary>
    void Resync();
}
