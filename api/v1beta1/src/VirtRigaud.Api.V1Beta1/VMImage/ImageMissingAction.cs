using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>What the VM controller does when a VM needs an image its provider does not have yet.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImageMissingAction>))]
public enum ImageMissingAction
{
    /// <summary>Import the image from its source.</summary>
    Import,

    /// <summary>Mark the image Failed and hold the VM.</summary>
    Fail,

    /// <summary>Hold the VM until someone else puts the image on the provider.</summary>
    Wait,
}
