using System.Diagnostics.Metrics;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static VirtRigaud.Grpc.Tests.Server.GrpcWire;

namespace VirtRigaud.Grpc.Tests.Server;

public sealed class ServerInterceptorTests
{
    private const string UnaryPath = "/" + EchoProto.ServiceName + "/Unary";

    private static GrpcServiceDefinition Echo(List<string>? events = null) => GrpcServiceDefinition.For(EchoProto.Service)
        .AddUnary(EchoProto.Unary, (request, _) =>
        {
            if (events is not null)
            {
                lock (events)
                {
                    events.Add("handler");
                }
            }

            return request.Value == "fail"
                ? throw new RpcException(new Status(StatusCode.NotFound, "missing"))
                : Task.FromResult(request);
        })
        .AddServerStreaming(EchoProto.ServerStream, async (request, responses, context) =>
        {
            events?.Add("handler");
            await responses.WriteAsync(request, context.CancellationToken);
        })
        .Build();

    [Theory]
    [InlineData(UnaryPath)]
    [InlineData("/" + EchoProto.ServiceName + "/ServerStream")]
    public async Task Interceptors_AroundEveryCallKind_OutermostFirst(string path)
    {
        var events = new List<string>();
        await using var server = await GrpcTestServer.StartAsync(Echo(events), options =>
        {
            options.Interceptors.Add(new RecordingInterceptor("outer", events));
            options.Interceptors.Add(new RecordingInterceptor("inner", events));
        });

        using var request = Request(path, Text("x"));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(StatusCode.OK, result.Code);
        Assert.Equal(["outer:before", "inner:before", "handler", "inner:after", "outer:after"], events);
    }

    [Fact]
    public async Task Interceptor_ThrowsRpcException_CallEndsWithItsStatusWithoutTheHandler()
    {
        var events = new List<string>();
        await using var server = await GrpcTestServer.StartAsync(Echo(events), options =>
            options.Interceptors.Add(new RecordingInterceptor("deny", events, _ => throw new RpcException(new Status(StatusCode.ResourceExhausted, "quota")))));

        using var request = Request(UnaryPath, Text("x"));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.True(result.TrailersOnly);
        Assert.Equal(StatusCode.ResourceExhausted, result.Code);
        Assert.Equal("quota", result.RawMessage);
        Assert.DoesNotContain("handler", events);
    }

    [Theory]
    [InlineData(null, StatusCode.Unauthenticated)]
    [InlineData("Bearer wrong", StatusCode.PermissionDenied)]
    [InlineData("Bearer right", StatusCode.OK)]
    public async Task AuthInterceptor_Decision_DeniesOrAllows(string? authorization, StatusCode expected)
    {
        var events = new List<string>();
        var auth = new AuthInterceptor(context => context.RequestHeaders.GetValue("authorization") switch
        {
            null => new Status(StatusCode.Unauthenticated, "credentials required"),
            "Bearer right" => null,
            _ => new Status(StatusCode.PermissionDenied, "not allowed"),
        });
        await using var server = await GrpcTestServer.StartAsync(Echo(events), options => options.Interceptors.Add(auth));

        using var request = Request(UnaryPath, Text("x"));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("authorization", authorization);
        }

        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(expected, result.Code);
        Assert.Equal(expected == StatusCode.OK, events.Contains("handler"));
    }

    [Fact]
    public async Task AuthInterceptor_AsyncDecision_SeesCallToken()
    {
        var seen = Signals.New<bool>();
        var auth = new AuthInterceptor(async (context, cancellationToken) =>
        {
            seen.SetResult(cancellationToken == context.CancellationToken);
            await Task.Yield();
            return new Status(StatusCode.Unauthenticated, "");
        });
        await using var server = await GrpcTestServer.StartAsync(Echo(), options => options.Interceptors.Add(auth));

        using var request = Request(UnaryPath, Text("x"));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(StatusCode.Unauthenticated, result.Code);
        Assert.True(await seen.WaitAsync());
    }

    [Fact]
    public async Task MetricsInterceptor_Calls_CountedByMethodAndCodeWithDuration()
    {
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = meters.GetRequiredService<IMeterFactory>();
        var counts = new List<(long Value, string Method, string Code)>();
        var durations = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MetricsInterceptor.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            Assert.Equal("grpc_server_calls_total", instrument.Name);
            lock (counts)
            {
                counts.Add((value, Tag(tags, "method"), Tag(tags, "code")));
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            Assert.Equal("grpc_server_call_duration_seconds", instrument.Name);
            lock (durations)
            {
                durations.Add(value);
            }
        });
        listener.Start();
        await using var server = await GrpcTestServer.StartAsync(Echo(), options => options.Interceptors.Add(new MetricsInterceptor(factory)));

        foreach (var value in new[] { "ok", "ok", "fail" })
        {
            using var request = Request(UnaryPath, Text(value));
            await GrpcResult.SendAsync(server.Client, request);
        }

        using var unknown = Request("/virtrigaud.test.Echo/Unhandled", Text("x"));
        await GrpcResult.SendAsync(server.Client, unknown);

        // The status reaches the client after the interceptor has recorded it.
        lock (counts)
        {
            Assert.Equal(
                [(1L, UnaryPath, "OK"), (1L, UnaryPath, "OK"), (1L, UnaryPath, "NOT_FOUND")],
                counts);
        }

        lock (durations)
        {
            Assert.Equal(3, durations.Count);
            Assert.All(durations, d => Assert.True(d >= 0));
        }
    }

    [Fact]
    public async Task MetricsInterceptor_Deadline_CountedAsDeadlineExceeded()
    {
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = meters.GetRequiredService<IMeterFactory>();
        var codes = new List<string>();
        var recorded = Signals.New();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name == "grpc_server_calls_total")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            lock (codes)
            {
                codes.Add(Tag(tags, "code"));
            }

            recorded.TrySetResult();
        });
        listener.Start();
        var started = Signals.New();
        var definition = GrpcServiceDefinition.For(EchoProto.Service)
            .AddUnary(EchoProto.Unary, async (request, context) =>
            {
                started.SetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
                return request;
            })
            .Build();
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        await using var server = await GrpcTestServer.StartAsync(
            endpoints => endpoints.MapGrpcService(definition),
            options => options.Interceptors.Add(new MetricsInterceptor(factory)),
            services: s => s.AddSingleton<TimeProvider>(clock));

        using var request = Request(UnaryPath, Text("x"));
        request.Headers.Add("grpc-timeout", "50m");
        var sending = GrpcResult.SendAsync(server.Client, request);
        await started.WaitAsync();
        clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(StatusCode.DeadlineExceeded, (await sending).Code);

        // The deadline ends the call before the handler unwinds, so wait for the interceptor.
        await recorded.WaitAsync();
        lock (codes)
        {
            Assert.Equal(["DEADLINE_EXCEEDED"], codes);
        }
    }

    [Fact]
    public async Task LoggingInterceptor_Calls_LogsMethodAndCodeButNoMetadataOrDetails()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await GrpcTestServer.StartAsync(
            endpoints => endpoints.MapGrpcService(Echo()),
            services: s => s.AddGrpcTransport((options, provider) => options.Interceptors.Add(new LoggingInterceptor(provider.GetRequiredService<ILogger<LoggingInterceptor>>()))),
            logging: logs);

        foreach (var value in new[] { "ok", "fail" })
        {
            using var request = Request(UnaryPath, Text(value));
            request.Headers.TryAddWithoutValidation("authorization", "Bearer s3cr3t");
            await GrpcResult.SendAsync(server.Client, request);
        }

        var entries = logs.Entries.Where(e => e.Category == typeof(LoggingInterceptor).FullName).ToList();
        Assert.Contains(entries, e => e.Id.Id == 101 && e.Level == LogLevel.Information && e.Message.Contains(UnaryPath, StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Id.Id == 102 && e.Level == LogLevel.Warning && e.Message.Contains("NOT_FOUND", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("s3cr3t", StringComparison.Ordinal) || e.Message.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnexpectedHandlerException_LoggedOnceAsError()
    {
        var logs = new CapturingLoggerProvider();
        var definition = GrpcServiceDefinition.For(EchoProto.Service)
            .AddUnary(EchoProto.Unary, (_, _) => Task.FromException<StringValue>(new InvalidOperationException("boom")))
            .Build();
        await using var server = await GrpcTestServer.StartAsync(endpoints => endpoints.MapGrpcService(definition), logging: logs);

        using var request = Request(UnaryPath, Text("x"));
        Assert.Equal(StatusCode.Unknown, (await GrpcResult.SendAsync(server.Client, request)).Code);

        var error = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.Equal("VirtRigaud.Grpc.Server", error.Category);
        Assert.Equal(1, error.Id.Id);
    }

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return (string)tag.Value!;
            }
        }

        throw new KeyNotFoundException(name);
    }
}
