namespace VirtRigaud.Provider.Mock.Faults;

/// <summary>
/// A tiny deterministic PRNG (Steele, Lea and Flood's SplitMix64): the same seed gives the same sequence on every
/// platform and .NET version, which <see cref="Random"/> does not promise. Mutable; not thread-safe.
/// </summary>
internal sealed class SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed)
    {
        _state = seed;
    }

    /// <summary>A value in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    private ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>FNV-1a of a string's UTF-16 code units: a stable per-name seed offset (string.GetHashCode is randomized per process).</summary>
    public static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
