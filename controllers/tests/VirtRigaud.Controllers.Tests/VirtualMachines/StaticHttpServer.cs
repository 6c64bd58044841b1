using System.Globalization;
using System.Net;
using VirtRigaud.TestPeers;

namespace VirtRigaud.Controllers.Tests.VirtualMachines;

/// <summary>Serves one file over plain HTTP on a free loopback port (an image source for ImagePrepare).</summary>
public sealed class StaticHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _content;
    private readonly Task _serving;
    private int _requests;

    public StaticHttpServer(byte[] content)
    {
        _content = content;
        var port = FreePorts.Take(1)[0];
        Url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>Requests answered so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            context.Response.ContentLength64 = _content.Length;
            await context.Response.OutputStream.WriteAsync(_content);
            context.Response.Close();
        }
    }
}
