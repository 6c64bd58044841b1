using System.Globalization;

namespace VirtRigaud.E2E.Tests.Testing;

/// <summary>Scrapes the manager's <c>/metrics</c> on 127.0.0.1.</summary>
public static class ManagerMetrics
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The current exposition of the manager of <paramref name="settings"/>.</summary>
    public static Task<string> ScrapeAsync(SystemSettings settings) =>
        Http.GetStringAsync(new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{settings.MetricsPort}/metrics")));
}
