namespace VirtRigaud.Client.Clients;

/// <summary>The values of the <c>fieldValidation</c> query parameter.</summary>
public static class FieldValidation
{
    /// <summary>Unknown or duplicate fields fail the request (400).</summary>
    public const string Strict = "Strict";

    /// <summary>Unknown or duplicate fields are dropped and reported as <c>Warning</c> headers (the server default).</summary>
    public const string Warn = "Warn";

    /// <summary>Unknown fields are dropped silently.</summary>
    public const string Ignore = "Ignore";
}
