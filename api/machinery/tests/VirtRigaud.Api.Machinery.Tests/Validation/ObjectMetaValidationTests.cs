using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.Machinery.Tests.Validation;

public sealed class ObjectMetaValidationTests
{
    private const string NamePartRule =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string Dns1123SubdomainRule =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string Dns1123LabelRule =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    private static readonly FieldPath Metadata = FieldPath.NewPath("metadata");
    private static readonly DateTimeOffset Created = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static TheoryData<ObjectMeta, bool, string[]> CreateCases => new()
    {
        { new ObjectMeta { Name = "foo", Namespace = "bar" }, true, [] },
        { new ObjectMeta { Name = "foo" }, false, [] },
        { new ObjectMeta { Name = "foo.bar-1", Namespace = "bar" }, true, [] },
        { new ObjectMeta { Name = "foo", GenerateName = "foo-", Namespace = "bar" }, true, [] },
        { new ObjectMeta { Namespace = "bar" }, true, ["metadata.name: Required value: name or generateName is required"] },
        { new ObjectMeta { Name = "", Namespace = "bar" }, true, ["metadata.name: Required value: name or generateName is required"] },
        {
            new ObjectMeta { GenerateName = "foo-", Namespace = "bar" }, true,
            ["metadata.name: Required value: name or generateName is required"]
        },
        {
            new ObjectMeta { GenerateName = "Foo-", Namespace = "bar" }, true,
            [
                "metadata.generateName: Invalid value: \"Foo-\": " + Dns1123SubdomainRule,
                "metadata.name: Required value: name or generateName is required",
            ]
        },
        { new ObjectMeta { Name = "Foo", Namespace = "bar" }, true, ["metadata.name: Invalid value: \"Foo\": " + Dns1123SubdomainRule] },
        { new ObjectMeta { Name = "foo-", Namespace = "bar" }, true, ["metadata.name: Invalid value: \"foo-\": " + Dns1123SubdomainRule] },
        { new ObjectMeta { Name = "foo" }, true, ["metadata.namespace: Required value"] },
        { new ObjectMeta { Name = "foo", Namespace = "" }, true, ["metadata.namespace: Required value"] },
        { new ObjectMeta { Name = "foo", Namespace = "Bar" }, true, ["metadata.namespace: Invalid value: \"Bar\": " + Dns1123LabelRule] },
        { new ObjectMeta { Name = "foo", Namespace = "a.b" }, true, ["metadata.namespace: Invalid value: \"a.b\": must not contain dots"] },
        { new ObjectMeta { Name = "foo", Namespace = "bar" }, false, ["metadata.namespace: Forbidden: not allowed on this type"] },
        { new ObjectMeta { Name = "foo", Generation = -1 }, false, ["metadata.generation: Invalid value: -1: must be greater than or equal to 0"] },
        { new ObjectMeta { Name = "foo", Generation = 0 }, false, [] },
        {
            new ObjectMeta { Name = "foo", Labels = new Dictionary<string, string> { ["a b"] = "c" } }, false,
            ["metadata.labels: Invalid value: \"a b\": " + NamePartRule]
        },
        {
            new ObjectMeta { Name = "foo", Annotations = new Dictionary<string, string> { ["a b"] = "any value at all" } }, false,
            ["metadata.annotations: Invalid value: \"a b\": " + NamePartRule]
        },
        {
            new ObjectMeta { Name = "foo", Annotations = new Dictionary<string, string> { ["Example.COM/Key"] = "{\"json\": true}" } }, false,
            []
        },
        {
            new ObjectMeta { Name = "foo", Finalizers = ["example.com/cleanup", "orphan"] }, false,
            []
        },
        {
            new ObjectMeta { Name = "foo", Finalizers = ["bad finalizer"] }, false,
            ["metadata.finalizers: Invalid value: \"bad finalizer\": " + NamePartRule]
        },
        {
            new ObjectMeta { Name = "foo", Finalizers = ["orphan", "foregroundDeletion"] }, false,
            ["metadata.finalizers: Invalid value: []string{\"orphan\", \"foregroundDeletion\"}: finalizer orphan and foregroundDeletion cannot be both set"]
        },
        {
            new ObjectMeta { Name = "foo", OwnerReferences = [new OwnerReference { ApiVersion = "", Kind = "", Name = "", Uid = "" }] }, false,
            [
                "metadata.ownerReferences.apiVersion: Invalid value: \"\": version must not be empty",
                "metadata.ownerReferences.kind: Invalid value: \"\": must not be empty",
                "metadata.ownerReferences.name: Invalid value: \"\": must not be empty",
                "metadata.ownerReferences.uid: Invalid value: \"\": must not be empty",
            ]
        },
        {
            new ObjectMeta { Name = "foo", ManagedFields = [new ManagedFieldsEntry { Operation = "Patch" }] }, false,
            ["metadata.managedFields[0].operation: Invalid value: \"Patch\": must be `Apply` or `Update`"]
        },
    };

    [Theory]
    [MemberData(nameof(CreateCases))]
    public void ValidateObjectMeta_Create_ReportsKubernetesErrors(ObjectMeta meta, bool namespaced, string[] expected)
    {
        var errors = ObjectMetaValidation.ValidateObjectMeta(meta, namespaced, NameValidation.NameIsDnsSubdomain, Metadata);

        Assert.Equal(expected, errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ValidateObjectMeta_NameValidator_GetsPrefixFlag()
    {
        var calls = new List<(string Name, bool Prefix)>();

        ObjectMetaValidation.ValidateObjectMeta(
            new ObjectMeta { Name = "foo-abcde", GenerateName = "foo-" },
            false,
            (name, prefix) =>
            {
                calls.Add((name, prefix));
                return prefix ? ["bad prefix"] : ["bad name"];
            },
            Metadata);

        Assert.Equal([("foo-", true), ("foo-abcde", false)], calls);
    }

    [Fact]
    public void ValidateObjectMeta_CustomValidatorMessages_BecomeInvalidErrors()
    {
        var errors = ObjectMetaValidation.ValidateObjectMeta(
            new ObjectMeta { Name = "x", GenerateName = "y" }, false, (_, prefix) => [prefix ? "p1" : "n1", "n2"], Metadata);

        Assert.Equal(
            [
                "metadata.generateName: Invalid value: \"y\": p1",
                "metadata.generateName: Invalid value: \"y\": n2",
                "metadata.name: Invalid value: \"x\": n1",
                "metadata.name: Invalid value: \"x\": n2",
            ],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ValidateObjectMeta_ErrorTypes_MatchKubernetes()
    {
        var errors = ObjectMetaValidation.ValidateObjectMeta(new ObjectMeta { Namespace = "ns" }, false, NameValidation.NameIsDnsSubdomain, Metadata);

        Assert.Equal([FieldErrorType.Required, FieldErrorType.Forbidden], errors.Select(e => e.Type));
    }

    [Fact]
    public void ValidateAnnotations_TotalSize_IsLimitedTo256KiB()
    {
        var path = FieldPath.NewPath("metadata", "annotations");
        var atLimit = new Dictionary<string, string> { ["a"] = new string('x', (256 * 1024) - 1) };
        var overLimit = new Dictionary<string, string> { ["a"] = new string('x', 256 * 1024) };

        Assert.Empty(ObjectMetaValidation.ValidateAnnotations(atLimit, path));
        var error = Assert.Single(ObjectMetaValidation.ValidateAnnotations(overLimit, path));
        Assert.Equal(FieldErrorType.TooLong, error.Type);
        Assert.Equal("metadata.annotations: Too long: may not be more than 262144 bytes", error.ToString());
    }

    [Fact]
    public void ValidateAnnotations_Size_CountsUtf8BytesOfKeysAndValues()
    {
        var annotations = new Dictionary<string, string> { ["a"] = new string('é', 128 * 1024) };

        Assert.Equal("annotations size 262145 is larger than limit 262144", ObjectMetaValidation.ValidateAnnotationsSize(annotations));
        Assert.Null(ObjectMetaValidation.ValidateAnnotationsSize(new Dictionary<string, string> { ["é"] = "" }));
        Assert.Null(ObjectMetaValidation.ValidateAnnotationsSize(null));
    }

    [Theory]
    [InlineData("kubectl.kubernetes.io/last-applied-configuration", 0)]
    [InlineData("EXAMPLE.com/Key", 0)]
    [InlineData("example.com/", 2)]
    [InlineData("a/b/c", 1)]
    [InlineData("-bad", 1)]
    public void ValidateAnnotations_Key_IsCaseInsensitiveQualifiedName(string key, int expectedErrors)
    {
        var errors = ObjectMetaValidation.ValidateAnnotations(new Dictionary<string, string> { [key] = "v" }, FieldPath.NewPath("metadata", "annotations"));

        Assert.Equal(expectedErrors, errors.Count);
        Assert.All(errors, e => Assert.Equal(key, e.BadValue));
    }

    [Theory]
    [InlineData("v1", 0)]
    [InlineData("apps/v1", 0)]
    [InlineData("infra.virtrigaud.io/v1beta1", 0)]
    [InlineData("", 1)]
    [InlineData("/", 1)]
    [InlineData("apps/", 1)]
    [InlineData("a/b/c", 1)]
    public void ValidateOwnerReferences_ApiVersion_NeedsVersion(string apiVersion, int expectedErrors)
    {
        var errors = ObjectMetaValidation.ValidateOwnerReferences([Owner(apiVersion, "Kind", "n")], FieldPath.NewPath("metadata", "ownerReferences"));

        Assert.Equal(expectedErrors, errors.Count);
        Assert.All(errors, e => Assert.Equal("metadata.ownerReferences.apiVersion: Invalid value: " + FieldError.Quote(apiVersion) + ": version must not be empty", e.ToString()));
    }

    [Fact]
    public void ValidateOwnerReferences_CoreEvent_IsBannedOwner()
    {
        var reference = Owner("v1", "Event", "e");

        var error = Assert.Single(ObjectMetaValidation.ValidateOwnerReferences([reference], FieldPath.NewPath("metadata", "ownerReferences")));

        Assert.Equal(
            "metadata.ownerReferences: Invalid value: v1.OwnerReference{APIVersion:\"v1\", Kind:\"Event\", Name:\"e\", UID:\"uid-e\", Controller:(*bool)(nil), BlockOwnerDeletion:(*bool)(nil)}: /v1, Kind=Event is disallowed from being an owner",
            error.ToString());
    }

    [Theory]
    [InlineData("events.k8s.io/v1", "Event")]
    [InlineData("v1", "Events")]
    [InlineData("v1beta1", "Event")]
    public void ValidateOwnerReferences_OtherEvents_AreAllowed(string apiVersion, string kind)
    {
        Assert.Empty(ObjectMetaValidation.ValidateOwnerReferences([Owner(apiVersion, kind, "e")], FieldPath.NewPath("metadata", "ownerReferences")));
    }

    [Fact]
    public void ValidateOwnerReferences_TwoControllers_ReportsBothNames()
    {
        IReadOnlyList<OwnerReference> references =
        [
            Owner("apps/v1", "ReplicaSet", "a", controller: true),
            Owner("v1", "Pod", "b", controller: false),
            Owner("infra.virtrigaud.io/v1beta1", "VirtualMachine", "c", controller: true),
        ];

        var error = Assert.Single(ObjectMetaValidation.ValidateOwnerReferences(references, FieldPath.NewPath("metadata", "ownerReferences")));

        Assert.Equal("metadata.ownerReferences", error.Field);
        Assert.Equal("Only one reference can have Controller set to true. Found \"true\" in references for ReplicaSet/a and VirtualMachine/c", error.Detail);
        Assert.StartsWith("metadata.ownerReferences: Invalid value: []v1.OwnerReference{v1.OwnerReference{APIVersion:\"apps/v1\"", error.ToString(), StringComparison.Ordinal);
        Assert.Same(references, Assert.IsType<GoSyntaxValue>(error.BadValue).Value);
    }

    [Fact]
    public void ValidateOwnerReferences_ThreeControllers_ComparesEachWithTheFirst()
    {
        var errors = ObjectMetaValidation.ValidateOwnerReferences(
            [Owner("v1", "A", "1", controller: true), Owner("v1", "B", "2", controller: true), Owner("v1", "C", "3", controller: true)],
            FieldPath.NewPath("metadata", "ownerReferences"));

        Assert.Equal(
            [
                "Only one reference can have Controller set to true. Found \"true\" in references for A/1 and B/2",
                "Only one reference can have Controller set to true. Found \"true\" in references for A/1 and C/3",
            ],
            errors.Select(e => e.Detail));
    }

    [Fact]
    public void ValidateOwnerReferences_OneController_IsValid()
    {
        Assert.Empty(ObjectMetaValidation.ValidateOwnerReferences(
            [Owner("v1", "A", "1", controller: true), Owner("v1", "B", "2", controller: false), Owner("v1", "C", "3")],
            FieldPath.NewPath("metadata", "ownerReferences")));
    }

    [Theory]
    [InlineData(new[] { "a" }, new[] { "a" }, "")]
    [InlineData(new[] { "a", "b" }, new[] { "a" }, "")]
    [InlineData(new[] { "a" }, new string[0], "")]
    [InlineData(new[] { "a" }, new[] { "a", "a" }, "")]
    [InlineData(new[] { "a" }, new[] { "a", "c", "b" }, "metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\"b\", \"c\"}")]
    [InlineData(new string[0], new[] { "x" }, "metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\"x\"}")]
    public void ValidateNoNewFinalizers_Change_OnlyAllowsRemoval(string[] oldFinalizers, string[] newFinalizers, string expected)
    {
        var errors = ObjectMetaValidation.ValidateNoNewFinalizers(newFinalizers, oldFinalizers, FieldPath.NewPath("metadata", "finalizers"));

        Assert.Equal(expected, errors.ToString());
    }

    [Fact]
    public void ValidateObjectMetaUpdate_Unchanged_NoErrors()
    {
        Assert.Empty(ObjectMetaValidation.ValidateObjectMetaUpdate(OldMeta(), OldMeta(), Metadata));
    }

    public static TheoryData<ObjectMeta, string[]> UpdateCases => new()
    {
        { OldMeta() with { ResourceVersion = null }, ["metadata.resourceVersion: Invalid value: \"\": must be specified for an update"] },
        { OldMeta() with { ResourceVersion = "" }, ["metadata.resourceVersion: Invalid value: \"\": must be specified for an update"] },
        { OldMeta() with { ResourceVersion = "999" }, [] },
        { OldMeta() with { Generation = 1 }, ["metadata.generation: Invalid value: 1: must not be decremented"] },
        { OldMeta() with { Generation = null }, ["metadata.generation: Invalid value: 0: must not be decremented"] },
        { OldMeta() with { Generation = 3 }, [] },
        { OldMeta() with { Name = "other" }, ["metadata.name: Invalid value: \"other\": field is immutable"] },
        { OldMeta() with { Namespace = "other" }, ["metadata.namespace: Invalid value: \"other\": field is immutable"] },
        { OldMeta() with { Namespace = null }, ["metadata.namespace: Invalid value: \"\": field is immutable"] },
        { OldMeta() with { Uid = "other" }, ["metadata.uid: Invalid value: \"other\": field is immutable"] },
        { OldMeta() with { CreationTimestamp = Created.AddSeconds(1) }, ["metadata.creationTimestamp: Invalid value: 2024-01-02 03:04:06 +0000 UTC: field is immutable"] },
        { OldMeta() with { CreationTimestamp = null }, ["metadata.creationTimestamp: Invalid value: 0001-01-01 00:00:00 +0000 UTC: field is immutable"] },
        { OldMeta() with { CreationTimestamp = Created.ToOffset(TimeSpan.FromHours(2)) }, [] },
        { OldMeta() with { DeletionTimestamp = Created }, ["metadata.deletionTimestamp: Invalid value: 2024-01-02 03:04:05 +0000 UTC: field is immutable"] },
        { OldMeta() with { DeletionGracePeriodSeconds = 30 }, ["metadata.deletionGracePeriodSeconds: Invalid value: 30: field is immutable"] },
        { OldMeta() with { Labels = new Dictionary<string, string> { ["a"] = "-b" } }, ["metadata.labels: Invalid value: \"-b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"] },
        { OldMeta() with { Annotations = new Dictionary<string, string> { ["/x"] = "" } }, ["metadata.annotations: Invalid value: \"/x\": prefix part must be non-empty"] },
        { OldMeta() with { OwnerReferences = [new OwnerReference { ApiVersion = "v1", Kind = "Pod", Name = "p", Uid = "" }] }, ["metadata.ownerReferences.uid: Invalid value: \"\": must not be empty"] },
        { OldMeta() with { ManagedFields = [new ManagedFieldsEntry { Operation = "X" }] }, ["metadata.managedFields[0].operation: Invalid value: \"X\": must be `Apply` or `Update`"] },
        { OldMeta() with { Finalizers = ["not a qualified name", "new.example.com/f"] }, [] },
        { OldMeta() with { Labels = new Dictionary<string, string> { ["changed"] = "ok" }, Annotations = null, Finalizers = null }, [] },
    };

    [Theory]
    [MemberData(nameof(UpdateCases))]
    public void ValidateObjectMetaUpdate_Change_ReportsKubernetesErrors(ObjectMeta newMeta, string[] expected)
    {
        var errors = ObjectMetaValidation.ValidateObjectMetaUpdate(newMeta, OldMeta(), Metadata);

        Assert.Equal(expected, errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ValidateObjectMetaUpdate_BeingDeleted_RejectsNewFinalizersOnly()
    {
        var old = OldMeta() with { DeletionTimestamp = Created, DeletionGracePeriodSeconds = 0, Finalizers = ["a", "b"] };

        Assert.Empty(ObjectMetaValidation.ValidateObjectMetaUpdate(old with { Finalizers = ["a"] }, old, Metadata));
        Assert.Empty(ObjectMetaValidation.ValidateObjectMetaUpdate(old with { Finalizers = null }, old, Metadata));
        var error = Assert.Single(ObjectMetaValidation.ValidateObjectMetaUpdate(old with { Finalizers = ["a", "z"] }, old, Metadata));
        Assert.Equal(FieldErrorType.Forbidden, error.Type);
        Assert.Equal("metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\"z\"}", error.ToString());
    }

    [Fact]
    public void ValidateObjectMetaUpdate_DeletionTimestampRemoved_IsImmutableNull()
    {
        var old = OldMeta() with { DeletionTimestamp = Created };

        var errors = ObjectMetaValidation.ValidateObjectMetaUpdate(old with { DeletionTimestamp = null }, old, Metadata);

        Assert.Equal(["metadata.deletionTimestamp: Invalid value: null: field is immutable"], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ValidateObjectMetaUpdate_SeveralChanges_ReportedInKubernetesOrder()
    {
        var old = OldMeta() with { DeletionTimestamp = Created };
        var updated = old with { Finalizers = ["new"], ResourceVersion = null, Generation = 0, Name = "n2", Uid = "u2" };

        var errors = ObjectMetaValidation.ValidateObjectMetaUpdate(updated, old, Metadata);

        Assert.Equal(
            ["metadata.finalizers", "metadata.resourceVersion", "metadata.generation", "metadata.name", "metadata.uid"],
            errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("a", "a", 0)]
    [InlineData("a", "b", 1)]
    [InlineData(null, null, 0)]
    [InlineData("a", null, 1)]
    public void ValidateImmutableField_Values_ComparesForEquality(string? newValue, string? oldValue, int expectedErrors)
    {
        Assert.Equal(expectedErrors, ObjectMetaValidation.ValidateImmutableField(newValue, oldValue, FieldPath.NewPath("spec", "x")).Count);
    }

    [Fact]
    public void ValidateImmutableField_Comparer_IsUsed()
    {
        var errors = ObjectMetaValidation.ValidateImmutableField("A", "a", FieldPath.NewPath("spec", "x"), StringComparer.OrdinalIgnoreCase);

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("example.com/cleanup", 0)]
    [InlineData("kubernetes", 0)]
    [InlineData("foregroundDeletion", 0)]
    [InlineData("Example.com/cleanup", 1)]
    [InlineData("a/b/c", 1)]
    [InlineData("", 2)]
    public void ValidateFinalizerName_Name_IsQualifiedName(string finalizer, int expectedErrors)
    {
        Assert.Equal(expectedErrors, ObjectMetaValidation.ValidateFinalizerName(finalizer, FieldPath.NewPath("metadata", "finalizers")).Count);
    }

    private static ObjectMeta OldMeta() => new()
    {
        Name = "web",
        Namespace = "default",
        Uid = "uid-1",
        ResourceVersion = "42",
        Generation = 2,
        CreationTimestamp = Created,
        Labels = new Dictionary<string, string> { ["app"] = "web" },
        Annotations = new Dictionary<string, string> { ["example.com/note"] = "hello" },
        Finalizers = ["example.com/cleanup"],
    };

    private static OwnerReference Owner(string apiVersion, string kind, string name, bool? controller = null) =>
        new() { ApiVersion = apiVersion, Kind = kind, Name = name, Uid = "uid-" + name, Controller = controller };
}
