namespace VirtRigaud.Provider.Sdk.Metrics;

/// <summary>A meter whose instruments <c>/metrics</c> exports (see <see cref="Hosting.ProviderServiceCollectionExtensions.AddProviderMeter"/>).</summary>
public sealed record ProviderMeterRegistration(string MeterName);
