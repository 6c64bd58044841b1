namespace VirtRigaud.Api.Machinery.Resource;

/// <summary>
/// How the canonical form of a <see cref="Quantity"/> is written (resource.Format), taken from the suffix it was
/// parsed with. The format never takes part in equality or ordering.
/// </summary>
public enum QuantityFormat
{
    /// <summary><c>12e6</c>, <c>1E3</c>, <c>1e-3</c>: a power-of-ten exponent that is a multiple of three.</summary>
    DecimalExponent,

    /// <summary>
    /// <c>5Gi</c>, <c>128Mi</c> (powers of 1024). Values in (-1024, 1024) and values with a fractional part are
    /// printed as DecimalSI, and parsing caps them at 2^63-1.
    /// </summary>
    BinarySI,

    /// <summary><c>5G</c>, <c>500m</c>, <c>1k</c>, or no suffix (powers of 1000).</summary>
    DecimalSI,
}
