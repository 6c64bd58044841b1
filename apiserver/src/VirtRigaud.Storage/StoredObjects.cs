using System.Text.Json;

namespace VirtRigaud.Storage;

/// <summary>The little the store reads inside values: <c>metadata.uid</c>, for UID preconditions.</summary>
public static class StoredObjects
{
    /// <summary>The <c>metadata.uid</c> of a JSON object, or <c>null</c> if it has none or is not JSON.</summary>
    public static string? ReadUid(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMetadata = reader.ValueTextEquals("metadata"u8);
                reader.Read();
                if (!isMetadata)
                {
                    reader.Skip();
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return null;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isUid = reader.ValueTextEquals("uid"u8);
                    reader.Read();
                    if (isUid)
                    {
                        return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    }

                    reader.Skip();
                }

                return null;
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    /// <summary>Checks <paramref name="preconditions"/> against the current item; throws a Conflict if one does not hold.</summary>
    public static void Check(Preconditions? preconditions, StorageItem current)
    {
        if (preconditions is null)
        {
            return;
        }

        if (preconditions.Uid is { } uid)
        {
            var actual = ReadUid(current.Value);
            if (!string.Equals(uid, actual, StringComparison.Ordinal))
            {
                throw StorageException.UidConflict(current.Key, uid, actual);
            }
        }

        if (preconditions.ResourceVersion is { } rv && rv != current.Revision)
        {
            throw StorageException.ResourceVersionConflict(current.Key, rv, current.Revision);
        }
    }
}
