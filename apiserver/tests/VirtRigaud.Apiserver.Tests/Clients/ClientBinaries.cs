namespace VirtRigaud.Apiserver.Tests.Clients;

/// <summary>
/// The real client programs the client suites run. They are prerequisites of the test suite, not optional peers: a
/// missing one fails the test loudly instead of skipping it.
/// </summary>
public static class ClientBinaries
{
    /// <summary>Google's kubectl version dispatcher (what users type as <c>kubectl</c>): runs the kubectl.1.NN matching the server's minor version.</summary>
    public const string Dispatcher = "/usr/bin/kubectl";

    /// <summary>The newest real kubectl next to the dispatcher.</summary>
    public const string Kubectl133 = "/usr/lib/google-cloud-sdk/bin/kubectl.1.33";

    /// <summary>The oldest real kubectl next to the dispatcher.</summary>
    public const string Kubectl127 = "/usr/lib/google-cloud-sdk/bin/kubectl.1.27";

    /// <summary>Debian 12's kubectl (package kubernetes-client 1.20), unpacked by hack/install-test-deps.sh.</summary>
    public const string Kubectl120 = "/opt/virtrigaud/kubernetes-client/usr/bin/kubectl";

    /// <summary>Debian's Python, the one that sees apt's python3-kubernetes (the pyenv python3 on PATH does not).</summary>
    public const string DebianPython = "/usr/bin/python3";

    /// <summary>Returns <paramref name="path"/>, or throws naming the script that installs it.</summary>
    /// <exception cref="FileNotFoundException">The program is not installed.</exception>
    public static string Require(string path) => File.Exists(path)
        ? path
        : throw new FileNotFoundException(
            $"{path} is missing: run hack/install-test-deps.sh (it installs python3-kubernetes and unpacks Debian's kubectl 1.20; "
            + "the kubectl dispatcher and kubectl.1.27 to 1.33 come with the machine's Google Cloud SDK kubectl package)",
            path);
}
