using System.Text.Json.Nodes;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.V1;
using static VirtRigaud.Provider.Conformance.ConformanceContext;

namespace VirtRigaud.Provider.Conformance.Cases;

/// <summary>image-prepare: an image imported once, idempotently, and usable by Create afterwards.</summary>
internal static class ImageCases
{
    public static readonly ConformanceCase ImagePrepare = new(
        ConformanceCaseNames.ImagePrepare,
        "ImagePrepare imports the inputs' image (idempotent by target name, no task on repeat), a VM can be created from the prepared image, and a checksum mismatch is refused. Skipped when supports_image_import is false and ImagePrepare is refused.",
        ImagePrepareAsync);

    /// <summary>An image spec for the honesty check when the inputs name none: any source will do, the call must be refused.</summary>
    private static readonly JsonObject AbsentFeatureImage = new()
    {
        ["source"] = new JsonObject { ["http"] = new JsonObject { ["url"] = "http://127.0.0.1:9/virtrigaud-conformance.qcow2" } },
    };

    private static async Task<CaseVerdict> ImagePrepareAsync(ConformanceContext context, CancellationToken cancellationToken)
    {
        var capabilities = await context.CapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        var input = context.Fixture.ImagePrepare;
        var targetName = context.Name("image");
        if (!capabilities.SupportsImageImport)
        {
            var image = input?.Image ?? AbsentFeatureImage;
            return await context.SkipWhenRefusedAsync(
                "supports_image_import is false",
                $"ImagePrepare {targetName}",
                () => context.Client.ImagePrepareAsync(
                    new ImagePrepareRequest { ImageJson = FixturePayloads.ImageSpecJson(image, "imagePrepare.image"), TargetName = targetName }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        Check(input is not null, "the provider advertises supports_image_import, but the inputs have no imagePrepare.image to import");
        var request = new ImagePrepareRequest { ImageJson = FixturePayloads.ImageSpecJson(input!.Image, "imagePrepare.image"), TargetName = targetName, StorageHint = input.StorageHint };
        var prepared = await context.Client.ImagePrepareAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        context.Step($"ImagePrepare {targetName} → prepared_image_id \"{prepared.PreparedImageId}\" prepared_image_path \"{prepared.PreparedImagePath}\"{TaskSuffix(prepared.Task)}");
        await context.AwaitTaskAsync(prepared.Task, $"ImagePrepare {targetName}", cancellationToken).ConfigureAwait(false);

        // An async import may only know its id/path once done; the idempotent repeat must then report them.
        var again = await context.Client.ImagePrepareAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        context.Step($"ImagePrepare {targetName} again → prepared_image_id \"{again.PreparedImageId}\" prepared_image_path \"{again.PreparedImagePath}\"{TaskSuffix(again.Task)}");
        Check(again.Task is null || again.Task.Id.Length == 0, $"ImagePrepare of the already prepared {targetName} returned task \"{again.Task?.Id}\", want none");
        Check(
            again.PreparedImageId.Length > 0 || again.PreparedImagePath.Length > 0,
            $"ImagePrepare {targetName} reports neither prepared_image_id nor prepared_image_path");
        if (prepared.Task is null || prepared.Task.Id.Length == 0)
        {
            Check(
                again.PreparedImageId == prepared.PreparedImageId && again.PreparedImagePath == prepared.PreparedImagePath,
                $"ImagePrepare {targetName} a second time reports \"{again.PreparedImageId}\"/\"{again.PreparedImagePath}\", the first \"{prepared.PreparedImageId}\"/\"{prepared.PreparedImagePath}\"");
        }

        // Use it as the upstream manager does once a VMImage is prepared on this provider.
        var createImage = (input.CreateImage is null ? context.CreateImage : FixturePayloads.Image(input.CreateImage, "imagePrepare.createImage")) with { Url = "" };
        if (again.PreparedImageId.Length > 0)
        {
            createImage = createImage with { TemplateName = again.PreparedImageId };
        }

        if (again.PreparedImagePath.Length > 0)
        {
            createImage = createImage with { Path = again.PreparedImagePath };
        }

        var vm = await context.CreateVmAsync("from-image", cancellationToken, createImage).ConfigureAwait(false);
        var described = await context.DescribeAsync(vm, cancellationToken).ConfigureAwait(false);
        Check(described.Exists, $"the VM created from the prepared image ({vm}) does not exist");

        if (input.MismatchedImage is null)
        {
            return CaseVerdict.Pass("checksum mismatch not checked: the inputs have no imagePrepare.mismatchedImage");
        }

        var badName = context.Name("image-bad");
        try
        {
            var bad = await context.Client.ImagePrepareAsync(
                new ImagePrepareRequest { ImageJson = FixturePayloads.ImageSpecJson(input.MismatchedImage, "imagePrepare.mismatchedImage"), TargetName = badName, StorageHint = input.StorageHint },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            context.Step($"ImagePrepare {badName} (checksum mismatch) → OK{TaskSuffix(bad.Task)}");
            var error = await context.AwaitTaskOutcomeAsync(bad.Task, $"ImagePrepare {badName}", cancellationToken).ConfigureAwait(false);
            Check(error is not null, $"ImagePrepare {badName} of an image whose checksum does not match succeeded");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            context.Step($"ImagePrepare {badName} (checksum mismatch) → {e.StatusCode} {Quote(e.Status.Detail)} (expected)");
        }
        catch (RpcException e)
        {
            throw new ConformanceCaseFailedException($"ImagePrepare {badName} (checksum mismatch) answered {e.StatusCode} ({Quote(e.Status.Detail)}), want FAILED_PRECONDITION");
        }

        return CaseVerdict.Pass();
    }
}
