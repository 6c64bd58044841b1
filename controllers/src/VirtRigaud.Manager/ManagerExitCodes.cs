namespace VirtRigaud.Manager;

/// <summary>The manager's exit codes.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>code</term><description>when</description></listheader>
/// <item><term>0</term><description>clean stop after SIGTERM/SIGINT (reconciles drained, Local providers stopped), or <c>--help</c>/<c>--version</c></description></item>
/// <item><term>1</term><description>run-time failure: the API server cannot be reached at start, a port is taken, the lease was lost, a controller crashed</description></item>
/// <item><term>2</term><description>usage: an unknown flag, a bad value, <c>--workers</c> naming no controller</description></item>
/// </list>
/// </remarks>
public static class ManagerExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}
