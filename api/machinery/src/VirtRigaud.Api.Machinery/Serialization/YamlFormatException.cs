namespace VirtRigaud.Api.Machinery.Serialization;

/// <summary>A YAML document that is malformed or cannot be represented as JSON; an API server answers it with 400.</summary>
public sealed class YamlFormatException : FormatException
{
    public YamlFormatException()
    {
    }

    public YamlFormatException(string message)
        : base(message)
    {
    }

    public YamlFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
