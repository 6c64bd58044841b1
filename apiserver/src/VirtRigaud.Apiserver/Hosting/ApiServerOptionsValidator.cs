using Microsoft.Extensions.Options;

namespace VirtRigaud.Apiserver.Hosting;

/// <summary>Source-generated validation of <see cref="ApiServerOptions"/> (data annotations and its own cross-field rules), run at start.</summary>
[OptionsValidator]
internal sealed partial class ApiServerOptionsValidator : IValidateOptions<ApiServerOptions>
{
}
