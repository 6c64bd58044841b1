using System.Text.Json;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Apiserver.Http;

/// <summary>
/// metav1.DeleteOptions of a DELETE: from the body when there is one (JSON or YAML; <c>apiVersion</c> <c>v1</c> or
/// <c>meta.k8s.io/v1</c>, kind <c>DeleteOptions</c> or absent), otherwise from the query (<c>gracePeriodSeconds</c>,
/// <c>propagationPolicy</c>, <c>orphanDependents</c>, <c>dryRun</c>) — kube-apiserver's deleteHandler — then validated as
/// ValidateDeleteOptions does (422 Invalid <c>DeleteOptions.meta.k8s.io ""</c>).
/// </summary>
internal static class DeleteOptionsReader
{
    private static readonly string[] Policies = [DeletionPropagation.Foreground, DeletionPropagation.Background, DeletionPropagation.Orphan, "nil"];

    /// <summary>Reads and validates the options of a delete or deletecollection.</summary>
    public static async Task<DeleteOptions> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var body = await RequestBodyReader.ReadAsync(request, limit, cancellationToken);
        DeleteOptions options;
        if (body.Length > 0)
        {
            var node = RequestBodyReader.DecodeObject(request, body, "DeleteOptions").Object;
            var kind = node["kind"]?.GetValueKind() == JsonValueKind.String ? (string?)node["kind"] : null;
            var apiVersion = node["apiVersion"]?.GetValueKind() == JsonValueKind.String ? (string?)node["apiVersion"] : null;
            if (kind is not (null or "" or "DeleteOptions") || apiVersion is not (null or "" or "v1" or "meta.k8s.io/v1" or "meta.k8s.io/v1beta1"))
            {
                throw StatusException.BadRequest($"decoded object cannot be converted to DeleteOptions: got {kind} in version {apiVersion}");
            }

            try
            {
                options = node.Deserialize(MachineryJsonContext.Default.DeleteOptions)!;
            }
            catch (JsonException e)
            {
                throw StatusException.BadRequest($"the object provided is unrecognized (must be of type DeleteOptions): {e.Message}");
            }
        }
        else
        {
            var query = request.Query;
            options = new DeleteOptions
            {
                GracePeriodSeconds = ListQueryParser.Int64(query, "gracePeriodSeconds"),
                PropagationPolicy = ListQueryParser.First(query, "propagationPolicy"),
                OrphanDependents = ListQueryParser.Bool(query, "orphanDependents"),
                DryRun = query.TryGetValue("dryRun", out var dryRun) && dryRun.Count > 0 ? dryRun.Select(v => v ?? "").ToList() : null,
            };
        }

        var errors = new FieldErrorList();
        if (options.OrphanDependents is not null && options.PropagationPolicy is not null)
        {
            errors.Add(FieldError.Invalid(FieldPath.NewPath("propagationPolicy"), options.PropagationPolicy, "orphanDependents and deletionPropagation cannot be both set"));
        }

        if (options.PropagationPolicy is { } policy && policy is not (DeletionPropagation.Foreground or DeletionPropagation.Background or DeletionPropagation.Orphan))
        {
            errors.Add(FieldError.NotSupported(FieldPath.NewPath("propagationPolicy"), policy, Policies));
        }

        if (options.DryRun is { } values)
        {
            WriteOptionsParser.DryRun(values, errors);
        }

        if (errors.Count > 0)
        {
            throw StatusException.Invalid("meta.k8s.io", "DeleteOptions", "", errors);
        }

        return options;
    }

    /// <summary>Whether the options ask for a dry run (already validated).</summary>
    public static bool IsDryRun(DeleteOptions options) => options.DryRun is { Count: > 0 };
}
