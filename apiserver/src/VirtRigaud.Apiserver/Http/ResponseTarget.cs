namespace VirtRigaud.Apiserver.Http;

/// <summary>What a response carries: the object(s) as stored, or one of meta.k8s.io's transformations (<c>as=</c>).</summary>
internal enum ResponseTarget
{
    /// <summary>The kind's own object or list.</summary>
    Object,

    /// <summary><c>as=Table</c>: server-side printing for <c>kubectl get</c>.</summary>
    Table,

    /// <summary><c>as=PartialObjectMetadata</c>: an object (or each watch event's object) reduced to its metadata.</summary>
    PartialObjectMetadata,

    /// <summary><c>as=PartialObjectMetadataList</c>: a list reduced to its items' metadata.</summary>
    PartialObjectMetadataList,
}
