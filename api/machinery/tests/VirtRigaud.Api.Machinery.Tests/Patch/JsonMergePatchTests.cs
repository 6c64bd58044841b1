using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Patch;

namespace VirtRigaud.Api.Machinery.Tests.Patch;

public sealed class JsonMergePatchTests
{
    /// <summary>Few member names, so that random originals and modifications collide often.</summary>
    private static readonly string[] Keys = ["a", "b", "c", "d", "e", "f"];

    // RFC 7386 Appendix A, every row.
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", "{}")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "null", "null")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("[1,2]", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("{}", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Apply_Rfc7386AppendixA_ProducesResult(string target, string patch, string expected) =>
        JsonAssert.Equal(expected, JsonMergePatch.Apply(JsonAssert.Parse(target), JsonAssert.Parse(patch)));

    [Theory]
    // Null members of a patch object that merges into an absent member are dropped, not kept.
    [InlineData("{}", """{"a":{"b":null,"c":1}}""", """{"a":{"c":1}}""")]
    [InlineData("null", """{"a":1}""", """{"a":1}""")]
    [InlineData("null", "null", "null")]
    [InlineData("\"s\"", """{"a":1}""", """{"a":1}""")]
    [InlineData("""{"a":1}""", "{}", """{"a":1}""")]
    [InlineData("""{"a":1}""", "[]", "[]")]
    [InlineData("""{"a":1}""", "5", "5")]
    [InlineData("""{"a":1}""", """{"b":null}""", """{"a":1}""")]
    // Arrays replace wholesale, and nulls inside them are values, not deletions.
    [InlineData("""{"a":[1,2,3]}""", """{"a":[null,{"b":null}]}""", """{"a":[null,{"b":null}]}""")]
    [InlineData("""{"a":{"b":1}}""", """{"a":{"c":{"d":[1]}}}""", """{"a":{"b":1,"c":{"d":[1]}}}""")]
    [InlineData("""{"a":{"b":1}}""", """{"a":5}""", """{"a":5}""")]
    [InlineData("""{"a":5}""", """{"a":{"b":1,"c":null}}""", """{"a":{"b":1}}""")]
    [InlineData("""{"a":{"b":{"c":1,"d":2}}}""", """{"a":{"b":{"c":null}}}""", """{"a":{"b":{"d":2}}}""")]
    [InlineData("""{"a":null}""", """{"a":{"b":1}}""", """{"a":{"b":1}}""")]
    [InlineData("""{"metadata":{"name":"web","labels":{"app":"web","tier":"fe"},"finalizers":["a","b"]},"spec":{"replicas":1}}""",
        """{"metadata":{"labels":{"tier":null,"env":"prod"},"finalizers":["b"]},"spec":{"replicas":3}}""",
        """{"metadata":{"name":"web","labels":{"app":"web","env":"prod"},"finalizers":["b"]},"spec":{"replicas":3}}""")]
    public void Apply_EdgeCases_FollowsRfc7386(string target, string patch, string expected) =>
        JsonAssert.Equal(expected, JsonMergePatch.Apply(JsonAssert.Parse(target), JsonAssert.Parse(patch)));

    [Fact]
    public void Apply_Rfc7386Section3Example_ProducesResult()
    {
        const string target = """
            {
              "title": "Goodbye!",
              "author" : { "givenName" : "John", "familyName" : "Doe" },
              "tags":[ "example", "sample" ],
              "content": "This will be unchanged"
            }
            """;
        const string patch = """
            {
              "title": "Hello!",
              "phoneNumber": "+01-123-456-7890",
              "author": { "familyName": null },
              "tags": [ "example" ]
            }
            """;
        const string expected = """
            {
              "title": "Hello!",
              "author" : { "givenName" : "John" },
              "tags": [ "example" ],
              "content": "This will be unchanged",
              "phoneNumber": "+01-123-456-7890"
            }
            """;

        JsonAssert.Equal(expected, JsonMergePatch.Apply(JsonAssert.Parse(target), JsonAssert.Parse(patch)));
    }

    [Theory]
    [InlineData("""{"a":{"b":1,"c":[1,2]},"d":"x"}""", """{"a":{"b":null,"c":[3],"e":{"f":1}},"d":null,"g":[{"h":1}]}""")]
    [InlineData("""{"a":1}""", """["x",{"y":1}]""")]
    [InlineData("[1,[2]]", """{"a":{"b":2}}""")]
    public void Apply_Inputs_AreNeitherChangedNorShared(string targetJson, string patchJson)
    {
        var target = JsonAssert.Parse(targetJson);
        var patch = JsonAssert.Parse(patchJson);

        var result = JsonMergePatch.Apply(target, patch);

        Assert.Equal(targetJson, JsonAssert.Text(target));
        Assert.Equal(patchJson, JsonAssert.Text(patch));
        Assert.Null(result!.Parent);

        // Changing every container of the result must leave both inputs as they were.
        Scribble(result);
        Assert.Equal(targetJson, JsonAssert.Text(target));
        Assert.Equal(patchJson, JsonAssert.Text(patch));
    }

    [Theory]
    [InlineData("""{"a":1}""", """{"a":1}""", "{}")]
    [InlineData("""{"a":1}""", """{"a":1.0}""", "{}")]
    [InlineData("""{"a":1}""", """{"a":2}""", """{"a":2}""")]
    [InlineData("""{"a":1,"b":2}""", """{"a":1}""", """{"b":null}""")]
    [InlineData("""{"a":1}""", """{"a":1,"b":{"c":[1]}}""", """{"b":{"c":[1]}}""")]
    [InlineData("{}", """{"a":{"b":1}}""", """{"a":{"b":1}}""")]
    [InlineData("""{"a":{"b":1,"c":2}}""", """{"a":{"b":1,"c":3}}""", """{"a":{"c":3}}""")]
    [InlineData("""{"a":{"b":{"c":1}}}""", """{"a":{"b":{}}}""", """{"a":{"b":{"c":null}}}""")]
    [InlineData("""{"a":{"b":{"c":1}}}""", """{"a":{"b":{"c":1}}}""", "{}")]
    [InlineData("""{"a":[1,2]}""", """{"a":[1,2,3]}""", """{"a":[1,2,3]}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[1,2]}""", "{}")]
    [InlineData("""{"a":[{"b":1}]}""", """{"a":[{"b":2}]}""", """{"a":[{"b":2}]}""")]
    [InlineData("""{"a":{"b":1}}""", """{"a":5}""", """{"a":5}""")]
    [InlineData("""{"a":5}""", """{"a":{"b":1}}""", """{"a":{"b":1}}""")]
    [InlineData("""{"a":[1]}""", """{"a":{"0":1}}""", """{"a":{"0":1}}""")]
    [InlineData("""{"a":1}""", """{"a":"1"}""", """{"a":"1"}""")]
    [InlineData("""{"a":1}""", """["x"]""", """["x"]""")]
    [InlineData("[1]", "[2]", "[2]")]
    [InlineData("[1]", "[1]", "[1]")]
    [InlineData("\"x\"", """{"a":1}""", """{"a":1}""")]
    [InlineData("\"x\"", "\"x\"", "\"x\"")]
    [InlineData("null", """{"a":1}""", """{"a":1}""")]
    [InlineData("""{"a":1}""", "null", "null")]
    [InlineData("""{"a":1}""", "{}", """{"a":null}""")]
    // Merge patch cannot set null: a null member becomes a removal, or nothing when the member is absent anyway.
    [InlineData("""{"a":1}""", """{"a":null}""", """{"a":null}""")]
    [InlineData("""{"a":1}""", """{"a":1,"b":null}""", "{}")]
    [InlineData("""{"a":null}""", """{"a":null}""", "{}")]
    [InlineData("{}", """{"a":{"x":null,"y":1}}""", """{"a":{"y":1}}""")]
    [InlineData("""{"a":[1]}""", """{"a":[null,{"b":null}]}""", """{"a":[null,{"b":null}]}""")]
    [InlineData("""{"metadata":{"name":"web","labels":{"app":"web","tier":"fe"}},"spec":{"replicas":1,"ports":[80]}}""",
        """{"metadata":{"name":"web","labels":{"app":"web"}},"spec":{"replicas":3,"ports":[80]}}""",
        """{"metadata":{"labels":{"tier":null}},"spec":{"replicas":3}}""")]
    public void CreateMergePatch_Pair_ProducesMinimalPatch(string original, string modified, string expectedPatch) =>
        JsonAssert.Equal(expectedPatch, JsonMergePatch.CreateMergePatch(JsonAssert.Parse(original), JsonAssert.Parse(modified)));

    [Theory]
    [InlineData("{}", "{}")]
    [InlineData("""{"a":1}""", """{"a":2}""")]
    [InlineData("""{"a":1,"b":2}""", """{"b":2}""")]
    [InlineData("""{"a":{"b":{"c":1,"d":[1,2]}},"e":true}""", """{"a":{"b":{"d":[2]},"f":"x"},"e":false}""")]
    [InlineData("""{"a":{"b":1}}""", """{"a":[{"b":1}]}""")]
    [InlineData("""{"a":[{"b":1}]}""", """{"a":{"b":1}}""")]
    [InlineData("""{"a":[null,1]}""", """{"a":[1,null]}""")]
    [InlineData("""{"a":"x"}""", "[1,2]")]
    [InlineData("[1,2]", """{"a":"x"}""")]
    [InlineData("[1,2]", "[2,1]")]
    [InlineData("""{"a":1}""", "\"s\"")]
    [InlineData("3", "4")]
    [InlineData("null", """{"a":{"b":2}}""")]
    [InlineData("""{"a":{"b":2}}""", "null")]
    [InlineData("true", "false")]
    [InlineData("""{"a":{}}""", """{"a":{"b":{}}}""")]
    [InlineData("""{"a":{"b":{}}}""", """{"a":{}}""")]
    [InlineData("""{"":{"~":1,"/":2}}""", """{"":{"~":2}}""")]
    public void CreateMergePatch_AppliedToOriginal_YieldsModified(string originalJson, string modifiedJson)
    {
        var original = JsonAssert.Parse(originalJson);
        var modified = JsonAssert.Parse(modifiedJson);

        var patch = JsonMergePatch.CreateMergePatch(original, modified);

        JsonAssert.Equal(modified, JsonMergePatch.Apply(original, patch));
        Assert.Equal(originalJson, JsonAssert.Text(original));
        Assert.Equal(modifiedJson, JsonAssert.Text(modified));
    }

    [Fact]
    public void CreateMergePatch_RandomPairs_AppliedToOriginalYieldsModified()
    {
        var random = new Random(7386);
        for (var i = 0; i < 500; i++)
        {
            var original = RandomObject(random, 0);
            var modified = Mutate(random, original.DeepClone(), 0);
            var originalText = JsonAssert.Text(original);
            var modifiedText = JsonAssert.Text(modified);

            var patch = JsonMergePatch.CreateMergePatch(original, modified);
            var result = JsonMergePatch.Apply(original, patch);

            Assert.True(JsonNode.DeepEquals(modified, result),
                $"pair {i}: original {originalText}\nmodified {modifiedText}\npatch {JsonAssert.Text(patch)}\nresult {JsonAssert.Text(result)}");
            Assert.Equal(originalText, JsonAssert.Text(original));
            Assert.Equal(modifiedText, JsonAssert.Text(modified));
        }
    }

    [Fact]
    public void CreateMergePatch_RandomUnchangedDocuments_AreEmptyPatches()
    {
        var random = new Random(6902);
        for (var i = 0; i < 200; i++)
        {
            var original = RandomObject(random, 0);

            var patch = JsonMergePatch.CreateMergePatch(original, original.DeepClone());

            JsonAssert.Equal("{}", patch);
        }
    }

    [Fact]
    public void CreateMergePatch_Result_SharesNoNodesWithInputs()
    {
        const string originalJson = """{"a":{"b":[1]},"c":1}""";
        const string modifiedJson = """{"a":{"b":[1,2],"d":{"e":[3]}},"f":[{"g":1}]}""";
        var original = JsonAssert.Parse(originalJson);
        var modified = JsonAssert.Parse(modifiedJson);

        var patch = JsonMergePatch.CreateMergePatch(original, modified);
        Scribble(patch!);

        Assert.Equal(originalJson, JsonAssert.Text(original));
        Assert.Equal(modifiedJson, JsonAssert.Text(modified));
    }

    /// <summary>Adds a member or element to every container in the tree.</summary>
    private static void Scribble(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, member) in obj.ToList())
                {
                    if (member is not null)
                    {
                        Scribble(member);
                    }
                }

                obj["scribbled"] = true;
                break;
            case JsonArray array:
                foreach (var item in array.ToList())
                {
                    if (item is not null)
                    {
                        Scribble(item);
                    }
                }

                array.Add("scribbled");
                break;
        }
    }

    /// <summary>An object whose members are never null, at any depth reached through objects (arrays may hold anything).</summary>
    private static JsonObject RandomObject(Random random, int depth)
    {
        var obj = new JsonObject();
        var count = random.Next(depth == 0 ? 1 : 0, 5);
        for (var i = 0; i < count; i++)
        {
            obj[Keys[random.Next(Keys.Length)]] = RandomMember(random, depth + 1);
        }

        return obj;
    }

    private static JsonNode RandomMember(Random random, int depth) => random.Next(depth >= 3 ? 3 : 5) switch
    {
        0 => JsonValue.Create(random.Next(-3, 4)),
        1 => JsonValue.Create(Keys[random.Next(Keys.Length)]),
        2 => JsonValue.Create(random.Next(2) == 0),
        3 => RandomObject(random, depth),
        _ => RandomArray(random, depth),
    };

    private static JsonArray RandomArray(Random random, int depth)
    {
        var array = new JsonArray();
        var count = random.Next(0, 4);
        for (var i = 0; i < count; i++)
        {
            // Inside arrays anything goes, nulls and objects with null members included: arrays are replaced wholesale.
            JsonNode? item = random.Next(5) switch
            {
                0 => null,
                1 => new JsonObject { ["n"] = null, ["v"] = random.Next(3) },
                _ => RandomMember(random, depth + 1),
            };
            array.Add(item);
        }

        return array;
    }

    /// <summary>Randomly removes, replaces, adds and recursively changes members of an object.</summary>
    private static JsonObject Mutate(Random random, JsonNode node, int depth)
    {
        var obj = (JsonObject)node;
        foreach (var (name, member) in obj.ToList())
        {
            switch (random.Next(5))
            {
                case 0:
                    obj.Remove(name);
                    break;
                case 1:
                    obj[name] = RandomMember(random, depth + 1);
                    break;
                case 2 when member is JsonObject:
                    Mutate(random, member, depth + 1);
                    break;
            }
        }

        if (random.Next(3) == 0)
        {
            obj[Keys[random.Next(Keys.Length)]] = RandomMember(random, depth + 1);
        }

        return obj;
    }
}
