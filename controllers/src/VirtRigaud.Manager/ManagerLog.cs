using Microsoft.Extensions.Logging;

namespace VirtRigaud.Manager;

/// <summary>The manager host's log messages (event ids 1300–1399).</summary>
internal static partial class ManagerLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "virtrigaud-manager {Version} starting: API server {Server}, namespace {Namespace}, leader election {LeaderElection}")]
    public static partial void Starting(ILogger logger, string version, string server, string @namespace, bool leaderElection);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Served Kubernetes APIs: apps/v1 Deployments {Deployments}, v1 Services {Services}, v1 PersistentVolumeClaims {Claims} (Remote providers {Remote})")]
    public static partial void ClusterApis(ILogger logger, bool deployments, bool services, bool claims, string remote);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Serving probes on {Health} and metrics on {Metrics}; Local providers from {BinaryDirectory}, state in {StateDirectory}")]
    public static partial void Serving(ILogger logger, string health, string metrics, string binaryDirectory, string stateDirectory);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "Shutting down: draining reconciles and stopping Local providers")]
    public static partial void ShuttingDown(ILogger logger);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Information, Message = "Stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Error, Message = "The manager stopped: {Reason}")]
    public static partial void Failed(ILogger logger, Exception? exception, string reason);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Information, Message = "--enforce-provider-capabilities is {Value}: controllers refuse what a provider's capabilities do not advertise in any case (reason UnsupportedByProvider)")]
    public static partial void EnforceCapabilities(ILogger logger, bool value);
}
