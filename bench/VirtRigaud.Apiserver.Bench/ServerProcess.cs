using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace VirtRigaud.Apiserver.Bench;

/// <summary>
/// One virtrigaud-apiserver process on a free loopback port with its own data directory, started with <c>dotnet</c>
/// from the Release build, its output in <c>server.log</c> of the data directory. Its resident memory and CPU time are
/// read from <c>/proc/PID</c>. Disposal stops it with SIGTERM (SIGKILL after 20 s); only this process is signalled.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly double TicksPerSecond = ClockTicks();
    private readonly Process _process;

    private ServerProcess(Process process, string dataDirectory, int port)
    {
        _process = process;
        DataDirectory = dataDirectory;
        Port = port;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public int Pid => _process.Id;

    public string LogFile => Path.Combine(DataDirectory, "server.log");

    /// <summary>Starts the server and waits until its admin credentials exist and <c>/readyz</c> answers 200.</summary>
    public static async Task<(ServerProcess Server, HttpClient Client)> StartAsync(
        string dll, string dataDirectory, string? etcdServer, string etcdPrefix, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        var port = FreePort();
        var arguments = string.Create(CultureInfo.InvariantCulture, $"exec dotnet '{dll}' --data-dir '{dataDirectory}' --port {port} --etcd-prefix {etcdPrefix}");
        if (etcdServer is not null)
        {
            arguments += " --etcd-servers " + etcdServer;
        }

        // exec: the shell becomes the server, so the PID is the server's and /proc/PID is its memory.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(arguments + " >'" + Path.Combine(dataDirectory, "server.log") + "' 2>&1");
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server");
        var server = new ServerProcess(process, dataDirectory, port);
        try
        {
            var client = await server.WaitReadyAsync(cancellationToken);
            return (server, client);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>VmRSS and VmHWM (peak) of the server in MiB, from /proc/PID/status.</summary>
    public (double Rss, double Peak) Memory()
    {
        double rss = double.NaN, peak = double.NaN;
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) / 1024.0;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) / 1024.0;
            }
        }

        return (rss, peak);
    }

    /// <summary>User plus system CPU time of the server so far, in seconds (/proc/PID/stat fields 14 and 15).</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private async Task<HttpClient> WaitReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var pki = Path.Combine(DataDirectory, "pki");
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {_process.ExitCode}: {Tail()}");
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException($"the server was not ready after 90 s: {Tail()}");
            }

            if (File.Exists(Path.Combine(DataDirectory, "kubeconfig")) && File.Exists(Path.Combine(pki, "admin.key")))
            {
                var client = ApiClient.Create(DataDirectory, Port);
                try
                {
                    using var response = await client.GetAsync("/readyz", cancellationToken);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return client;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                client.Dispose();
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private string Tail()
    {
        var text = File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";
        return text.Length > 2000 ? text[^2000..] : text;
    }

    private static double Kilobytes(string line) =>
        double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double ClockTicks()
    {
        using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true, UseShellExecute = false })!;
        var text = getconf.StandardOutput.ReadToEnd().Trim();
        getconf.WaitForExit();
        return double.Parse(text, CultureInfo.InvariantCulture);
    }
}
