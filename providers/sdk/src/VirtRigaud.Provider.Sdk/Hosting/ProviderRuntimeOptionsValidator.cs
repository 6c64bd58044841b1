using Microsoft.Extensions.Options;

namespace VirtRigaud.Provider.Sdk.Hosting;

/// <summary>Source-generated validation of <see cref="ProviderRuntimeOptions"/> (data annotations and its cross-field rules), run at start.</summary>
[OptionsValidator]
internal sealed partial class ProviderRuntimeOptionsValidator : IValidateOptions<ProviderRuntimeOptions>
{
}
