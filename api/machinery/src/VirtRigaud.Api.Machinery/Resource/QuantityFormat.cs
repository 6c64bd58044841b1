namespace VirtRigaud.Api.Machinery.Resource;

/// <summary>How a <see cref="Quantity"/> is written, taken from the suffix it was parsed with.</summary>
public enum QuantityFormat
{
    /// <summary><c>12e6</c>, <c>1E3</c>.</summary>
    DecimalExponent,

    /// <summary><c>5Gi</c>, <c>128Mi</c> (powers of 1024).</summary>
    BinarySI,

    /// <summary><c>5G</c>, <c>500m</c>, <c>1k</c>, or no suffix (powers of 1000).</summary>
    DecimalSI,
}
