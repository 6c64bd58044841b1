using System.Globalization;
using System.Text.Json.Nodes;

namespace VirtRigaud.E2E.Tests.Testing;

/// <summary>
/// The machine's real <c>kubectl</c> with a kubeconfig, as a user runs it. Failures quote the command's output, the
/// object's YAML and events, and <see cref="Diagnostics"/> (the system's own output). Thread-safe.
/// </summary>
public sealed class Kubectl
{
    /// <summary>How long a wait for an object's state may take by default (generous: the CI machine is loaded).</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(2);

    // Between two reads of an object while waiting for a state kubectl wait cannot express.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public Kubectl(string kubeconfig, string workingDirectory, Func<string>? diagnostics = null)
    {
        Kubeconfig = kubeconfig;
        WorkingDirectory = workingDirectory;
        Diagnostics = diagnostics ?? (() => "");
        Environment = new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig };
    }

    /// <summary>The kubeconfig every command uses.</summary>
    public string Kubeconfig { get; }

    /// <summary>Where commands run (relative file names resolve here).</summary>
    public string WorkingDirectory { get; }

    /// <summary>More context for failure messages (the output of the processes under test).</summary>
    public Func<string> Diagnostics { get; }

    /// <summary>The environment of every command: <c>KUBECONFIG</c>.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Runs <c>kubectl</c> with <paramref name="arguments"/>; does not check the exit code.</summary>
    public Task<CommandResult> RunAsync(params string[] arguments) => RunWithInputAsync(null, arguments);

    /// <summary>Runs <c>kubectl</c> with <paramref name="arguments"/> and <paramref name="input"/> as standard input.</summary>
    public Task<CommandResult> RunWithInputAsync(string? input, params string[] arguments) =>
        Commands.RunAsync("kubectl", arguments, WorkingDirectory, Environment, input);

    /// <summary>Runs <c>kubectl</c>, fails unless it exits 0, and returns its standard output.</summary>
    public async Task<string> OkAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.True(result.ExitCode == 0, $"{result}\n{Diagnostics()}");
        return result.StandardOutput;
    }

    /// <summary><c>kubectl apply -f -</c> of <paramref name="yaml"/>; fails unless it exits 0.</summary>
    public async Task<string> ApplyAsync(string yaml)
    {
        var result = await RunWithInputAsync(yaml, "apply", "-f", "-");
        Assert.True(result.ExitCode == 0, $"{result}\n--- input ---\n{yaml}\n{Diagnostics()}");
        return result.StandardOutput;
    }

    /// <summary>The object as JSON, or null when it does not exist.</summary>
    public async Task<JsonNode?> GetAsync(string resource, string name, string @namespace)
    {
        var result = await RunAsync("get", resource, name, "-n", @namespace, "-o", "json");
        if (result.ExitCode != 0 && result.StandardError.Contains("NotFound", StringComparison.Ordinal))
        {
            return null;
        }

        Assert.True(result.ExitCode == 0, $"{result}\n{Diagnostics()}");
        return JsonNode.Parse(result.StandardOutput);
    }

    /// <summary>
    /// <c>kubectl wait --for=<paramref name="condition"/></c> (e.g. <c>jsonpath={.status.phase}=Running</c>,
    /// <c>condition=Ready</c>, <c>delete</c>): kubectl watches the object, no polling. Fails with the object, its events
    /// and the diagnostics.
    /// </summary>
    public async Task WaitAsync(string resource, string name, string @namespace, string condition, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultWait;
        var result = await Commands.RunAsync(
            "kubectl",
            ["wait", $"{resource}/{name}", "-n", @namespace, "--for=" + condition, "--timeout=" + ((int)limit.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s"],
            WorkingDirectory,
            Environment,
            timeout: limit + TimeSpan.FromMinutes(1));
        if (result.ExitCode != 0)
        {
            Assert.Fail($"waiting for {resource}/{name} in {@namespace}: {condition}\n{result}\n{await DescribeAsync(resource, name, @namespace)}\n{Diagnostics()}");
        }
    }

    /// <summary>Reads the object until <paramref name="predicate"/> holds for it (null: it does not exist) and returns it; fails after the timeout.</summary>
    public async Task<JsonNode?> WaitForAsync(string resource, string name, string @namespace, Func<JsonNode?, bool> predicate, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultWait);
        while (true)
        {
            var current = await GetAsync(resource, name, @namespace);
            if (predicate(current))
            {
                return current;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {resource}/{name} in {@namespace}: {what}\n{await DescribeAsync(resource, name, @namespace)}\n{Diagnostics()}");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>The object's YAML and the events of its namespace, for failure messages.</summary>
    public async Task<string> DescribeAsync(string resource, string name, string @namespace)
    {
        var yaml = await RunAsync("get", resource, name, "-n", @namespace, "-o", "yaml");
        var events = await RunAsync("get", "events", "-n", @namespace, "--sort-by=.lastTimestamp");
        return $"--- {resource}/{name} ---\n{yaml.StandardOutput}{yaml.StandardError}\n--- events in {@namespace} ---\n{events.StandardOutput}{events.StandardError}";
    }
}
