using System.Globalization;
using System.Text;
using System.Xml;

namespace VirtRigaud.Provider.Conformance;

/// <summary>
/// Writes a <see cref="ConformanceReport"/> as JUnit XML in the Ant/Jenkins schema that CI systems read:
/// <code>
/// &lt;testsuites name tests failures errors skipped time&gt;
///   &lt;testsuite name tests failures errors skipped time timestamp hostname&gt;
///     &lt;properties&gt;&lt;property name value/&gt;…&lt;/properties&gt;
///     &lt;testcase name classname time&gt; [&lt;failure message type&gt;…&lt;/failure&gt; | &lt;skipped message/&gt;] &lt;system-out&gt;steps&lt;/system-out&gt; &lt;/testcase&gt;
///     &lt;system-out/&gt;&lt;system-err/&gt;
///   &lt;/testsuite&gt;
/// &lt;/testsuites&gt;
/// </code>
/// Times are seconds with three decimals; the timestamp is UTC without an offset (the Ant schema's ISO 8601 form);
/// <c>errors</c> is always 0 because every problem is reported as a case failure. Characters XML 1.0 cannot carry
/// (control characters a provider may put in a message) are written as <c>\uXXXX</c>. Stateless and thread-safe.
/// </summary>
public static class JUnitReportWriter
{
    /// <summary>The <c>classname</c> of every test case, so that CI groups the cases under one name.</summary>
    public const string ClassName = "virtrigaud.provider.conformance";

    /// <summary>The name of the <c>testsuites</c> element.</summary>
    public const string SuitesName = "virtrigaud-provider-conformance";

    /// <summary>Writes <paramref name="report"/> to <paramref name="output"/> (UTF-8, indented). Does not close it.</summary>
    public static void Write(ConformanceReport report, Stream output)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            CloseOutput = false,
        };
        using var xml = XmlWriter.Create(output, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", SuitesName);
        WriteCounts(xml, report);

        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", Clean(report.Target));
        WriteCounts(xml, report);
        xml.WriteAttributeString("timestamp", report.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        xml.WriteAttributeString("hostname", Clean(Environment.MachineName));

        xml.WriteStartElement("properties");
        WriteProperty(xml, "target", report.Target);
        WriteProperty(xml, "runPrefix", report.RunPrefix);
        xml.WriteEndElement();

        foreach (var result in report.Results)
        {
            WriteCase(xml, result);
        }

        xml.WriteElementString("system-out", "");
        xml.WriteElementString("system-err", "");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    /// <summary>
    /// Writes <paramref name="report"/> to the file at <paramref name="path"/>, replacing it atomically (a temporary file
    /// in the same directory, then a rename), so that a CI reader never sees half a report.
    /// </summary>
    public static async Task WriteFileAsync(ConformanceReport report, string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var buffer = new MemoryStream();
            Write(report, buffer);
            await File.WriteAllBytesAsync(temporary, buffer.ToArray(), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void WriteCase(XmlWriter xml, ConformanceCaseResult result)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("name", Clean(result.Name));
        xml.WriteAttributeString("classname", ClassName);
        xml.WriteAttributeString("time", Seconds(result.Duration));
        switch (result.Outcome)
        {
            case ConformanceOutcome.Failed:
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("message", Clean(result.Message));
                xml.WriteAttributeString("type", Clean(result.FailureType ?? "failure"));
                xml.WriteString(Clean(result.Message));
                xml.WriteEndElement();
                break;
            case ConformanceOutcome.Skipped:
                xml.WriteStartElement("skipped");
                xml.WriteAttributeString("message", Clean(result.Message));
                xml.WriteEndElement();
                break;
            case ConformanceOutcome.Passed:
            default:
                break;
        }

        if (result.Steps.Count > 0)
        {
            xml.WriteElementString("system-out", Clean(string.Join('\n', result.Steps)));
        }

        xml.WriteEndElement();
    }

    private static void WriteCounts(XmlWriter xml, ConformanceReport report)
    {
        xml.WriteAttributeString("tests", report.Results.Count.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", report.Failed.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", report.Skipped.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("time", Seconds(report.Duration));
    }

    private static void WriteProperty(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", Clean(value));
        xml.WriteEndElement();
    }

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>Replaces the characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF).</summary>
    internal static string Clean(string s)
    {
        var firstBad = -1;
        for (var i = 0; i < s.Length; i++)
        {
            if (!IsXmlChar(s, i))
            {
                firstBad = i;
                break;
            }

            if (char.IsHighSurrogate(s[i]))
            {
                i++;
            }
        }

        if (firstBad < 0)
        {
            return s;
        }

        var builder = new StringBuilder(s.Length + 16).Append(s, 0, firstBad);
        for (var i = firstBad; i < s.Length; i++)
        {
            if (!IsXmlChar(s, i))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)s[i]:X4}");
            }
            else if (char.IsHighSurrogate(s[i]))
            {
                builder.Append(s[i]).Append(s[i + 1]);
                i++;
            }
            else
            {
                builder.Append(s[i]);
            }
        }

        return builder.ToString();
    }

    private static bool IsXmlChar(string s, int i)
    {
        var c = s[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return false;
        }

        return c is '\t' or '\n' or '\r' || (c >= 0x20 && c != '\uFFFE' && c != '\uFFFF');
    }
}
