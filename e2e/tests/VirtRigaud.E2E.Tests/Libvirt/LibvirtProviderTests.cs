using VirtRigaud.E2E.Tests.Testing;
using VirtRigaud.TestPeers;

namespace VirtRigaud.E2E.Tests.Libvirt;

/// <summary>
/// The libvirt provider through the whole system: <c>kubectl apply</c> of a Provider of type libvirt (runtime Local, so
/// <c>make run</c>'s manager runs virtrigaud-provider-libvirt as its child), a VMClass, a VMImage downloaded over HTTP
/// with its checksum, a network and a VirtualMachine; the VM must show up in the real libvirtd's <c>virsh list</c>,
/// reached by the provider through the real sshd with a key and known_hosts from the Secret. Power and delete through
/// kubectl are checked in libvirt too.
/// </summary>
public sealed class LibvirtProviderTests(AllInOneFixture fixture) : IClassFixture<AllInOneFixture>, IAsyncLifetime
{
    private const string Namespace = "e2e-libvirt";
    private static readonly TimeSpan VmTimeout = TimeSpan.FromMinutes(4);
    private LibvirtHost? _host;

    private AllInOneSystem System => fixture.System;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        _host = await LibvirtHost.StartAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Kubectl_LocalLibvirtProvider_VmRunsInLibvirtThenPowersOffAndIsDeleted()
    {
        var host = _host!;
        var libvirt = host.Libvirt;
        var ssh = host.Ssh;

        await System.Kubectl.ApplyAsync($"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: kvm-credentials
              namespace: {Namespace}
            type: Opaque
            stringData:
              ssh-privatekey: |
            {Indent(ssh.ClientPrivateKey, 4)}
              known_hosts: |
            {Indent(ssh.KnownHosts, 4)}
            ---
            apiVersion: infra.virtrigaud.io/v1beta1
            kind: Provider
            metadata:
              name: kvm
              namespace: {Namespace}
            spec:
              type: libvirt
              endpoint: "{host.SshEndpoint}"
              credentialSecretRef:
                name: kvm-credentials
              runtime:
                mode: Local
                service:
                  tls:
                    enabled: true
                env:
                  - name: LIBVIRT_IMAGE_DIR
                    value: "{libvirt.ImagesDirectory}"
                  - name: LIBVIRT_DOMAIN_TYPE
                    value: qemu
            ---
            apiVersion: infra.virtrigaud.io/v1beta1
            kind: VMClass
            metadata:
              name: tiny
              namespace: {Namespace}
            spec:
              cpu: 1
              memory: 128Mi
              firmware: BIOS
              diskDefaults:
                type: thin
                size: 1Gi
            ---
            apiVersion: infra.virtrigaud.io/v1beta1
            kind: VMImage
            metadata:
              name: tiny
              namespace: {Namespace}
            spec:
              source:
                libvirt:
                  url: "{host.ImageUrl}"
                  format: qcow2
                  checksum: {host.ImageSha256}
                  checksumType: sha256
            ---
            apiVersion: infra.virtrigaud.io/v1beta1
            kind: VMNetworkAttachment
            metadata:
              name: user-net
              namespace: {Namespace}
            spec:
              network:
                type: nat
                libvirt:
                  networkName: user
                  model: virtio
            ---
            apiVersion: infra.virtrigaud.io/v1beta1
            kind: VirtualMachine
            metadata:
              name: web-1
              namespace: {Namespace}
            spec:
              providerRef:
                name: kvm
              classRef:
                name: tiny
              imageRef:
                name: tiny
              networks:
                - name: eth0
                  networkRef:
                    name: user-net
              powerState: "On"

            """);

        await System.Kubectl.WaitAsync("provider", "kvm", Namespace, "condition=ProviderAvailable", VmTimeout);
        await System.Kubectl.WaitAsync("vm", "web-1", Namespace, "jsonpath={.status.phase}=Running", VmTimeout);
        var vm = await System.Kubectl.GetAsync("vm", "web-1", Namespace);
        var id = (string?)vm?["status"]?["id"];
        Assert.False(string.IsNullOrEmpty(id), vm?.ToJsonString());

        var running = await libvirt.VirshAsync(["list", "--name"]);
        Assert.Contains(id, running.Split('\n', StringSplitOptions.TrimEntries));
        var xml = await libvirt.VirshAsync(["dumpxml", id!]);
        Assert.Contains("<memory unit='KiB'>131072</memory>", xml, StringComparison.Ordinal);
        Assert.Contains("type='user'", xml, StringComparison.Ordinal);

        await System.Kubectl.OkAsync("patch", "vm", "web-1", "-n", Namespace, "--type=merge", "-p", """{"spec":{"powerState":"Off"}}""");
        await System.Kubectl.WaitAsync("vm", "web-1", Namespace, "jsonpath={.status.phase}=Stopped", VmTimeout);
        Assert.Contains("shut off", await libvirt.VirshAsync(["domstate", id!]), StringComparison.Ordinal);

        await System.Kubectl.OkAsync("delete", "vm", "web-1", "-n", Namespace, "--wait=true", "--timeout=240s");
        Assert.DoesNotContain(id, (await libvirt.VirshAsync(["list", "--all", "--name"])).Split('\n', StringSplitOptions.TrimEntries));
    }

    private static string Indent(string text, int spaces) =>
        string.Join('\n', text.TrimEnd('\n').Split('\n').Select(l => new string(' ', spaces) + l));
}
