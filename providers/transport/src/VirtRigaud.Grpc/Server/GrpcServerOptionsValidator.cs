using Microsoft.Extensions.Options;

namespace VirtRigaud.Grpc;

/// <summary>Source-generated validation of <see cref="GrpcServerOptions"/> (its data annotations), run at start-up.</summary>
[OptionsValidator]
internal sealed partial class GrpcServerOptionsValidator : IValidateOptions<GrpcServerOptions>
{
}
