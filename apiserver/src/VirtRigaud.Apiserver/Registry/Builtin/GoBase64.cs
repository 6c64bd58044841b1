using System.Text;

namespace VirtRigaud.Apiserver.Registry.Builtin;

/// <summary>
/// Go's <c>base64.StdEncoding.Decode</c>, which <c>encoding/json</c> applies to <c>[]byte</c> fields: the standard
/// alphabet with <c>=</c> padding required, carriage returns and line feeds skipped, and on failure the index of the
/// offending input byte (<c>illegal base64 data at input byte N</c>, a CorruptInputError). Not strict about the
/// unused bits of the last quantum, as StdEncoding is not. Pure.
/// </summary>
internal static class GoBase64
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private const byte Invalid = 0xff;
    private const byte Padding = (byte)'=';

    private static readonly byte[] DecodeMap = BuildDecodeMap();

    /// <summary>Decodes <paramref name="text"/>; false with the index of the offending byte (of its UTF-8 form) on corrupt input.</summary>
    public static bool TryDecode(string text, out byte[] decoded, out int errorIndex)
    {
        var src = Encoding.UTF8.GetBytes(text);
        var output = new List<byte>(src.Length * 3 / 4);
        var si = 0;
        Span<byte> quantum = stackalloc byte[4];
        while (true)
        {
            var result = DecodeQuantum(src, ref si, quantum, out var length);
            for (var i = 0; i < length - 1; i++)
            {
                output.Add(Output(quantum, length, i));
            }

            if (result >= 0)
            {
                decoded = [];
                errorIndex = result;
                return false;
            }

            if (length < 4)
            {
                // End of input (or of the padded last quantum).
                decoded = [.. output];
                errorIndex = -1;
                return true;
            }
        }
    }

    /// <summary>
    /// Go's decodeQuantum: reads up to four symbols from <paramref name="si"/>; returns -1 and the symbol count in
    /// <paramref name="length"/> (4 for a full quantum, fewer at the padded or unpadded end, 0 at the end of input), or
    /// the index of a corrupt byte. As in Go, bytes decoded before a corruption are still counted in <paramref name="length"/>
    /// only when the corruption is trailing garbage after valid padding.
    /// </summary>
    private static int DecodeQuantum(byte[] src, ref int si, Span<byte> quantum, out int length)
    {
        length = 4;
        for (var j = 0; j < 4; j++)
        {
            if (si == src.Length)
            {
                if (j == 0)
                {
                    length = 0;
                    return -1;
                }

                // Padding is required: a quantum cut short is corrupt.
                length = 0;
                return si - j;
            }

            var input = src[si];
            si++;
            var value = DecodeMap[input];
            if (value != Invalid)
            {
                quantum[j] = value;
                continue;
            }

            if (input is (byte)'\n' or (byte)'\r')
            {
                j--;
                continue;
            }

            if (input != Padding)
            {
                length = 0;
                return si - 1;
            }

            // Padding: the end of the data.
            switch (j)
            {
                case 0 or 1:
                    length = 0;
                    return si - 1;
                case 2:
                    SkipNewlines(src, ref si);
                    if (si == src.Length)
                    {
                        length = 0;
                        return src.Length;
                    }

                    if (src[si] != Padding)
                    {
                        length = 0;
                        return si - 1;
                    }

                    si++;
                    break;
            }

            SkipNewlines(src, ref si);
            length = j;
            if (si < src.Length)
            {
                // Trailing garbage after the padding.
                return si;
            }

            return -1;
        }

        return -1;
    }

    private static byte Output(ReadOnlySpan<byte> quantum, int length, int index)
    {
        var value = (quantum[0] << 18) | (quantum[1] << 12) | ((length > 2 ? quantum[2] : 0) << 6) | (length > 3 ? quantum[3] : 0);
        return (byte)(value >> (16 - (8 * index)));
    }

    private static void SkipNewlines(byte[] src, ref int si)
    {
        while (si < src.Length && src[si] is (byte)'\n' or (byte)'\r')
        {
            si++;
        }
    }

    private static byte[] BuildDecodeMap()
    {
        var map = new byte[256];
        Array.Fill(map, Invalid);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            map[Alphabet[i]] = (byte)i;
        }

        return map;
    }
}
