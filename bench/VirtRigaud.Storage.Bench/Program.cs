using System.Globalization;
using System.Text;
using VirtRigaud.Storage.Bench;

// The storage benchmark (issue 4, item 4): creates/s, updates/s, gets/s and watch event latency of both storage
// backends at several writer counts, and raw etcd puts/s through our client at the same concurrency, all in one run.
// Usage: VirtRigaud.Storage.Bench [--duration S] [--repeats N] [--writers 1,8,64] [--backends sqlite,etcd] [--out FILE]
var settings = BenchSettings.Parse(args);
var report = await StorageBenchmark.RunAsync(settings, Console.Out, CancellationToken.None);
var markdown = report.ToMarkdown(settings);
Console.WriteLine();
Console.WriteLine(markdown);
if (settings.OutputFile is { } file)
{
    await File.WriteAllTextAsync(file, markdown, Encoding.UTF8);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"written to {file}"));
}
