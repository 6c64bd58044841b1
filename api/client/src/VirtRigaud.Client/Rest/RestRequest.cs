namespace VirtRigaud.Client.Rest;

/// <summary>
/// One request to the API server: method, path below the server URL (e.g. from <see cref="ResourcePath"/>), query
/// parameters in order, and an optional body with its content type. Immutable; <see cref="RestClient"/> may send it
/// several times (throttling retries, a 401 refresh), which is why the body is a byte array.
/// </summary>
public sealed record RestRequest
{
    public required HttpMethod Method { get; init; }

    /// <summary>The path, starting with <c>/</c>, unescaped parts already escaped (see <see cref="ResourcePath"/>).</summary>
    public required string Path { get; init; }

    /// <summary>Query parameters (names and values unescaped; the client escapes them).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];

    /// <summary>The request body, or null.</summary>
    public byte[]? Body { get; init; }

    /// <summary>The body's media type (<see cref="ContentTypes"/>).</summary>
    public string ContentType { get; init; } = ContentTypes.Json;

    /// <summary>The <c>Accept</c> header.</summary>
    public string Accept { get; init; } = ContentTypes.Json;

    /// <summary>The path with the query string (escaped), for messages.</summary>
    public override string ToString() => Method + " " + Path + QueryString.Format(Query);
}
