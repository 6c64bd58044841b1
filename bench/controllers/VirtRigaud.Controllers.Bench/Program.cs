using System.Globalization;
using System.Text;
using VirtRigaud.Controllers.Bench;

// The controller benchmark (issue 8, item 9): 1,000 VMs on the mock provider from `kubectl apply` to all Ready,
// reconciles per second, and the idle manager's CPU with 1,000 Ready VMs against the idle manager with none, over
// 5 minutes each. bench/controllers/run.sh builds and runs it. Usage: VirtRigaud.Controllers.Bench --root DIR [options]
// (see BenchSettings).
var settings = BenchSettings.Parse(args);
var result = await ControllerBenchmark.RunAsync(settings, Console.Out, CancellationToken.None);
var markdown = result.ToMarkdown();
Console.WriteLine();
Console.WriteLine(markdown);
if (settings.OutputFile is { } file)
{
    await File.WriteAllTextAsync(file, markdown, Encoding.UTF8);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"written to {file}"));
}
