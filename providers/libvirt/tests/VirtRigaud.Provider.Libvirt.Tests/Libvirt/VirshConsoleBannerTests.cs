using System.Text;
using VirtRigaud.Provider.Libvirt.Libvirt;

namespace VirtRigaud.Provider.Libvirt.Tests.Libvirt;

public sealed class VirshConsoleBannerTests
{
    private const string Polkit = "Authorization not available. Check if polkit service is running or see debug message for more information.\n";

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void Add_BannerInOneChunk_AttachedAndTheRestIsGuestOutput(string newline)
    {
        var banner = new VirshConsoleBanner();

        var guest = Add(banner, $"{Polkit}Connected to domain 'web-1'{newline}Escape character is ^] (Ctrl + ]){newline}[    0.000000] Linux");

        Assert.True(banner.Attached);
        Assert.Equal("[    0.000000] Linux", guest);
        Assert.StartsWith("Authorization not available", banner.Preamble, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_BannerSplitOverChunks_GuestBytesAfterItOnly()
    {
        var banner = new VirshConsoleBanner();
        var text = "Connected to domain 'web-1'\r\nEscape character is ^] (Ctrl + ])\r\nlogin: ";

        var output = string.Concat(text.Chunk(5).Select(c => banner.Attached ? new string(c) : Add(banner, new string(c))));

        Assert.True(banner.Attached);
        Assert.Equal("login: ", output);
    }

    [Fact]
    public void Add_VirshFailsBeforeAttaching_NotAttachedAndPreambleHasTheError()
    {
        var banner = new VirshConsoleBanner();

        Assert.Equal(string.Empty, Add(banner, "error: failed to get domain 'nope'\r\n"));

        Assert.False(banner.Attached);
        Assert.Equal("error: failed to get domain 'nope'\n", banner.Preamble);
    }

    [Fact]
    public void Add_AfterAttached_Throws()
    {
        var banner = new VirshConsoleBanner();
        Add(banner, "Escape character is ^]\n");

        Assert.Throws<InvalidOperationException>(() => Add(banner, "x"));
    }

    private static string Add(VirshConsoleBanner banner, string text) => Encoding.ASCII.GetString(banner.Add(Encoding.ASCII.GetBytes(text)).Span);
}
