using System.Globalization;
using System.Text;
using VirtRigaud.Apiserver.Bench;

// The API server benchmark (issue 5, item 7): creates/s, GET and LIST latency with 10,000 VirtualMachines (JSON and
// Table), watch fan-out latency to 1,000 watchers and resident memory, on the SQLite and etcd stores, each against a
// baseline measured in the same run (the store's IStorage called in-process; one watcher). bench/apiserver/run.sh
// builds and runs it. Usage: VirtRigaud.Apiserver.Bench --server-dll FILE --example FILE [options] (see BenchSettings).
var settings = BenchSettings.Parse(args);
var report = await ApiserverBenchmark.RunAsync(settings, Console.Out, CancellationToken.None);
var markdown = report.ToMarkdown();
Console.WriteLine();
Console.WriteLine(markdown);
if (settings.OutputFile is { } file)
{
    await File.WriteAllTextAsync(file, markdown, Encoding.UTF8);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"written to {file}"));
}
