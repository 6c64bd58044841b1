using VirtRigaud.Client.Events;
using VirtRigaud.Client.Tests.Testing;
using VirtRigaud.Client.Tests.WorkQueue;

namespace VirtRigaud.Client.Tests.Events;

/// <summary>The recorder writing core/v1 Events to our real API server (its standalone core API serves them).</summary>
public sealed class KubernetesEventSinkTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Recorder_WritesEventsAndCountsRepeatsOnTheServer()
    {
        var ns = fixture.NewNamespace("events");
        var vm = await fixture.Client.VirtualMachines(ns).CreateAsync(Objects.Vm("web-1"));
        var recorder = new EventRecorder(new KubernetesEventSink(fixture.Client.Rest), new EventRecorderOptions { Component = "virtrigaud-controller-manager", Host = "node-1" });
        using var stop = new CancellationTokenSource();
        var run = recorder.RunAsync(stop.Token);

        recorder.Event(vm, EventTypes.Warning, "ProviderUnavailable", "provider vsphere did not answer");
        recorder.Event(vm, EventTypes.Warning, "ProviderUnavailable", "provider vsphere did not answer");
        recorder.Event(vm, EventTypes.Normal, "Created", "created");
        await Eventually.TrueAsync(() => recorder.WrittenCount == 3, "three writes reached the server");
        await stop.CancelAsync();
        await run;

        var events = (await fixture.Client.Core.Events(ns).ListAsync()).Items;
        Assert.Equal(2, events.Count);
        var warning = Assert.Single(events, e => e.Reason == "ProviderUnavailable");
        Assert.Equal(2, warning.Count);
        Assert.Equal("Warning", warning.Type);
        Assert.Equal(vm.Metadata.Uid, warning.InvolvedObject.Uid);
        Assert.Equal("VirtualMachine", warning.InvolvedObject.Kind);
        Assert.Equal("virtrigaud-controller-manager", warning.Source?.Component);
        Assert.Equal(0, recorder.FailedCount);
    }
}
