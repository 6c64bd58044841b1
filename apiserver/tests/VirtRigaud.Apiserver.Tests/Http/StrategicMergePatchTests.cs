using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Http;

namespace VirtRigaud.Apiserver.Tests.Http;

public sealed class StrategicMergePatchTests
{
    [Theory]
    [InlineData( // the garbage collector's owner reference removal
        """{"metadata":{"ownerReferences":[{"uid":"a","name":"x"},{"uid":"b","name":"y"}]}}""",
        """{"metadata":{"ownerReferences":[{"$patch":"delete","uid":"a"}],"uid":"u"}}""",
        """{"metadata":{"ownerReferences":[{"uid":"b","name":"y"}],"uid":"u"}}""")]
    [InlineData( // blockOwnerDeletion: false merged into one reference
        """{"metadata":{"ownerReferences":[{"uid":"a","name":"x","blockOwnerDeletion":true}]}}""",
        """{"metadata":{"ownerReferences":[{"uid":"a","blockOwnerDeletion":false}]}}""",
        """{"metadata":{"ownerReferences":[{"uid":"a","name":"x","blockOwnerDeletion":false}]}}""")]
    [InlineData( // finalizers merge as a set
        """{"metadata":{"finalizers":["a","b"]}}""",
        """{"metadata":{"finalizers":["c","a"]}}""",
        """{"metadata":{"finalizers":["a","b","c"]}}""")]
    [InlineData( // deleteFromPrimitiveList
        """{"metadata":{"finalizers":["a","b"]}}""",
        """{"metadata":{"$deleteFromPrimitiveList/finalizers":["a","b"]}}""",
        """{"metadata":{}}""")]
    [InlineData( // other lists are atomic, maps merge, null deletes
        """{"spec":{"disks":[{"name":"a","size":1}],"x":1,"y":{"z":1}}}""",
        """{"spec":{"disks":[{"name":"b"}],"x":null,"y":{"w":2}}}""",
        """{"spec":{"disks":[{"name":"b"}],"y":{"z":1,"w":2}}}""")]
    [InlineData( // $patch: replace on a map
        """{"spec":{"y":{"z":1,"w":2}}}""",
        """{"spec":{"y":{"$patch":"replace","q":3}}}""",
        """{"spec":{"y":{"q":3}}}""")]
    [InlineData( // $patch: delete on a map
        """{"spec":{"y":{"z":1}},"a":1}""",
        """{"spec":{"$patch":"delete"}}""",
        """{"a":1}""")]
    [InlineData( // $retainKeys
        """{"spec":{"a":1,"b":2,"c":3}}""",
        """{"spec":{"$retainKeys":["a","d"],"d":4}}""",
        """{"spec":{"a":1,"d":4}}""")]
    [InlineData( // $setElementOrder on a merge list
        """{"metadata":{"finalizers":["a","b"]}}""",
        """{"metadata":{"$setElementOrder/finalizers":["b","c","a"],"finalizers":["c"]}}""",
        """{"metadata":{"finalizers":["b","c","a"]}}""")]
    public void Apply_Patch_MergesAsKubernetesDoes(string target, string patch, string expected)
    {
        var original = JsonNode.Parse(target)!.AsObject();
        var before = original.ToJsonString();

        var result = StrategicMergePatch.Apply(original, JsonNode.Parse(patch)!.AsObject());

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result), result?.ToJsonString());
        Assert.Equal(before, original.ToJsonString());
    }
}
