using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;
using VirtRigaud.Apiserver.Registry;
using VirtRigaud.Apiserver.Security;

namespace VirtRigaud.Apiserver.Http;

/// <summary>
/// The write options every mutating request carries in its query (metav1.CreateOptions, UpdateOptions, PatchOptions):
/// <c>dryRun</c>, <c>fieldManager</c> and <c>fieldValidation</c>, validated as kube-apiserver's
/// ValidateCreateOptions/ValidateUpdateOptions/ValidatePatchOptions do (422 Invalid <c>CreateOptions.meta.k8s.io ""</c>
/// and so on), and turned into the <see cref="RequestScope"/> the store works with.
/// </summary>
internal static class WriteOptionsParser
{
    /// <summary>Only <c>All</c> is a valid <c>dryRun</c> value.</summary>
    public const string DryRunAll = "All";

    private static readonly string[] FieldValidationValues = ["", "Ignore", "Strict", "Warn"];

    /// <summary>
    /// The scope of a write. <paramref name="optionsKind"/> is <c>CreateOptions</c>, <c>UpdateOptions</c> or
    /// <c>PatchOptions</c> (named in the 422 message). Without <c>fieldManager</c>, the manager is the user agent up to
    /// its first <c>/</c> (kube-apiserver's prefixFromUserAgent), cut to the 128 characters a manager may have.
    /// </summary>
    public static RequestScope WriteScope(HttpRequest request, UserInfo user, string ns, string optionsKind, FieldErrorList? extraErrors = null)
    {
        var query = request.Query;
        var errors = new FieldErrorList();
        var fieldManager = ListQueryParser.First(query, "fieldManager") ?? "";
        errors.AddRange(ManagedFieldsValidation.ValidateFieldManager(fieldManager, FieldPath.NewPath("fieldManager")));
        var dryRun = DryRun(query, errors);
        var validation = ListQueryParser.First(query, "fieldValidation") ?? "";
        if (!FieldValidationValues.Contains(validation, StringComparer.Ordinal))
        {
            errors.Add(FieldError.NotSupported(FieldPath.NewPath("fieldValidation"), validation, FieldValidationValues));
        }

        if (extraErrors is not null)
        {
            errors.AddRange(extraErrors);
        }

        if (errors.Count > 0)
        {
            throw StatusException.Invalid("meta.k8s.io", optionsKind, "", errors);
        }

        if (fieldManager.Length == 0)
        {
            var agent = request.Headers.UserAgent.ToString();
            var slash = agent.IndexOf('/', StringComparison.Ordinal);
            fieldManager = slash < 0 ? agent : agent[..slash];
            if (fieldManager.Length > ManagedFieldsValidation.FieldManagerMaxLength)
            {
                fieldManager = fieldManager[..ManagedFieldsValidation.FieldManagerMaxLength];
            }
        }

        return new RequestScope
        {
            User = user,
            Namespace = ns,
            DryRun = dryRun,
            FieldManager = fieldManager,
            FieldValidation = validation switch
            {
                "Ignore" => FieldValidation.Ignore,
                "Strict" => FieldValidation.Strict,
                _ => FieldValidation.Warn,
            },
        };
    }

    /// <summary>The scope of a read: who and where, no write options.</summary>
    public static RequestScope ReadScope(UserInfo user, string ns) => new() { User = user, Namespace = ns };

    /// <summary>Whether <c>dryRun</c> asks for a dry run; adds a NotSupported error for any value but <c>All</c>.</summary>
    public static bool DryRun(IQueryCollection query, FieldErrorList errors)
    {
        if (!query.TryGetValue("dryRun", out var values) || values.Count == 0)
        {
            return false;
        }

        return DryRun(values.Select(v => v ?? "").ToList(), errors);
    }

    /// <summary>Validates a dryRun list (query values or the DeleteOptions field).</summary>
    public static bool DryRun(IReadOnlyList<string> values, FieldErrorList errors)
    {
        if (values.Any(v => v != DryRunAll))
        {
            errors.Add(FieldError.NotSupported(FieldPath.NewPath("dryRun"), values, [DryRunAll]));
            return false;
        }

        return values.Count > 0;
    }
}
