using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Patch;

namespace VirtRigaud.Api.Machinery.Tests.Patch;

public sealed class JsonPatchApplyTests
{
    // RFC 6902 Appendix A, every example, in order.
    [Theory]
    // A.1 Adding an Object Member
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"baz":"qux","foo":"bar"}""")]
    // A.2 Adding an Array Element
    [InlineData("""{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    // A.3 Removing an Object Member
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    // A.4 Removing an Array Element
    [InlineData("""{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""")]
    // A.5 Replacing a Value
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    // A.6 Moving a Value
    [InlineData("""{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""",
        """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""",
        """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    // A.7 Moving an Array Element
    [InlineData("""{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""",
        """{"foo":["all","cows","eat","grass"]}""")]
    // A.8 Testing a Value: Success
    [InlineData("""{"baz":"qux","foo":["a",2,"c"]}""",
        """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""",
        """{"baz":"qux","foo":["a",2,"c"]}""")]
    // A.10 Adding a Nested Member Object
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"foo":"bar","child":{"grandchild":{}}}""")]
    // A.11 Ignoring Unrecognized Elements
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux","xyz":123}]""", """{"foo":"bar","baz":"qux"}""")]
    // A.14 ~ Escape Ordering
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10}]""", """{"/":9,"~1":10}""")]
    // A.16 Adding an Array Value
    [InlineData("""{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":["abc","def"]}]""", """{"foo":["bar",["abc","def"]]}""")]
    public void Apply_Rfc6902AppendixA_ProducesResult(string document, string patch, string expected) =>
        AssertApplies(document, patch, expected);

    [Theory]
    // A.9 Testing a Value: Error
    [InlineData("""{"baz":"qux"}""", """[{"op":"test","path":"/baz","value":"bar"}]""", JsonPatchErrorKind.TestFailed)]
    // A.12 Adding to a Nonexistent Target
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""", JsonPatchErrorKind.PathNotFound)]
    // A.13 Invalid JSON Patch Document
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux","op":"remove"}]""", JsonPatchErrorKind.InvalidDocument)]
    // A.15 Comparing Strings and Numbers
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":"10"}]""", JsonPatchErrorKind.TestFailed)]
    public void Apply_Rfc6902AppendixAErrors_ThrowKind(string document, string patch, JsonPatchErrorKind kind) =>
        AssertFails(document, patch, kind);

    // The json-patch test suite (tests.json and spec_tests.json), cases that succeed.
    [Theory]
    // empty list, empty docs
    [InlineData("{}", "[]", "{}")]
    [InlineData("[]", "[]", "[]")]
    [InlineData("""{"foo":1}""", "[]", """{"foo":1}""")]
    // rearrangements OK?
    [InlineData("""{"foo":1,"bar":2}""", "[]", """{"bar":2,"foo":1}""")]
    [InlineData("""[{"foo":1,"bar":2}]""", "[]", """[{"bar":2,"foo":1}]""")]
    [InlineData("""{"foo":{"foo":1,"bar":2}}""", "[]", """{"foo":{"bar":2,"foo":1}}""")]
    // add replaces any existing field
    [InlineData("""{"foo":null}""", """[{"op":"add","path":"/foo","value":1}]""", """{"foo":1}""")]
    // toplevel array
    [InlineData("[]", """[{"op":"add","path":"/0","value":"foo"}]""", """["foo"]""")]
    [InlineData("""["foo"]""", "[]", """["foo"]""")]
    // toplevel object, numeric string / integer
    [InlineData("{}", """[{"op":"add","path":"/foo","value":"1"}]""", """{"foo":"1"}""")]
    [InlineData("{}", """[{"op":"add","path":"/foo","value":1}]""", """{"foo":1}""")]
    // Toplevel scalar values OK?
    [InlineData("\"foo\"", """[{"op":"replace","path":"","value":"bar"}]""", "\"bar\"")]
    // replace object document with array document, and the reverse
    [InlineData("{}", """[{"op":"add","path":"","value":[]}]""", "[]")]
    [InlineData("[]", """[{"op":"add","path":"","value":{}}]""", "{}")]
    // append to root array document
    [InlineData("[]", """[{"op":"add","path":"/-","value":"hi"}]""", """["hi"]""")]
    // Add, / target
    [InlineData("{}", """[{"op":"add","path":"/","value":1}]""", """{"":1}""")]
    // Add, /foo/ deep target (trailing slash)
    [InlineData("""{"foo":{}}""", """[{"op":"add","path":"/foo/","value":1}]""", """{"foo":{"":1}}""")]
    // Add composite value at top level
    [InlineData("""{"foo":1}""", """[{"op":"add","path":"/bar","value":[1,2]}]""", """{"foo":1,"bar":[1,2]}""")]
    // Add into composite value
    [InlineData("""{"foo":1,"baz":[{"qux":"hello"}]}""", """[{"op":"add","path":"/baz/0/foo","value":"world"}]""",
        """{"foo":1,"baz":[{"qux":"hello","foo":"world"}]}""")]
    // add true, false, null
    [InlineData("""{"foo":1}""", """[{"op":"add","path":"/bar","value":true}]""", """{"foo":1,"bar":true}""")]
    [InlineData("""{"foo":1}""", """[{"op":"add","path":"/bar","value":false}]""", """{"foo":1,"bar":false}""")]
    [InlineData("""{"foo":1}""", """[{"op":"add","path":"/bar","value":null}]""", """{"foo":1,"bar":null}""")]
    // 0 can be an array index or object element name
    [InlineData("""{"foo":1}""", """[{"op":"add","path":"/0","value":"bar"}]""", """{"foo":1,"0":"bar"}""")]
    [InlineData("""["foo"]""", """[{"op":"add","path":"/1","value":"bar"}]""", """["foo","bar"]""")]
    [InlineData("""["foo","sil"]""", """[{"op":"add","path":"/1","value":"bar"}]""", """["foo","bar","sil"]""")]
    [InlineData("""["foo","sil"]""", """[{"op":"add","path":"/0","value":"bar"}]""", """["bar","foo","sil"]""")]
    // push item to array via last index + 1
    [InlineData("""["foo","sil"]""", """[{"op":"add","path":"/2","value":"bar"}]""", """["foo","sil","bar"]""")]
    // test against implementation-specific numeric parsing
    [InlineData("""{"1e0":"foo"}""", """[{"op":"test","path":"/1e0","value":"foo"}]""", """{"1e0":"foo"}""")]
    // value in array add not flattened
    [InlineData("""["foo","sil"]""", """[{"op":"add","path":"/1","value":["bar","baz"]}]""", """["foo",["bar","baz"],"sil"]""")]
    [InlineData("""{"foo":1,"bar":[1,2,3,4]}""", """[{"op":"remove","path":"/bar"}]""", """{"foo":1}""")]
    [InlineData("""{"foo":1,"baz":[{"qux":"hello"}]}""", """[{"op":"remove","path":"/baz/0/qux"}]""", """{"foo":1,"baz":[{}]}""")]
    [InlineData("""{"foo":1,"baz":[{"qux":"hello"}]}""", """[{"op":"replace","path":"/foo","value":[1,2,3,4]}]""",
        """{"foo":[1,2,3,4],"baz":[{"qux":"hello"}]}""")]
    [InlineData("""{"foo":[1,2,3,4],"baz":[{"qux":"hello"}]}""", """[{"op":"replace","path":"/baz/0/qux","value":"world"}]""",
        """{"foo":[1,2,3,4],"baz":[{"qux":"world"}]}""")]
    [InlineData("""["foo"]""", """[{"op":"replace","path":"/0","value":"bar"}]""", """["bar"]""")]
    [InlineData("[\"\"]", """[{"op":"replace","path":"/0","value":0}]""", "[0]")]
    [InlineData("[\"\"]", """[{"op":"replace","path":"/0","value":true}]""", "[true]")]
    [InlineData("[\"\"]", """[{"op":"replace","path":"/0","value":false}]""", "[false]")]
    [InlineData("[\"\"]", """[{"op":"replace","path":"/0","value":null}]""", "[null]")]
    // value in array replace not flattened
    [InlineData("""["foo","sil"]""", """[{"op":"replace","path":"/1","value":["bar","baz"]}]""", """["foo",["bar","baz"]]""")]
    // replace whole document
    [InlineData("""{"foo":"bar"}""", """[{"op":"replace","path":"","value":{"baz":"qux"}}]""", """{"baz":"qux"}""")]
    // spurious patch properties
    [InlineData("""{"foo":1}""", """[{"op":"test","path":"/foo","value":1,"spurious":1}]""", """{"foo":1}""")]
    // null value should be valid obj property (tested, replaced, moved, copied, removed, set)
    [InlineData("""{"foo":null}""", """[{"op":"test","path":"/foo","value":null}]""", """{"foo":null}""")]
    [InlineData("""{"foo":null}""", """[{"op":"replace","path":"/foo","value":"truthy"}]""", """{"foo":"truthy"}""")]
    [InlineData("""{"foo":null}""", """[{"op":"move","from":"/foo","path":"/bar"}]""", """{"bar":null}""")]
    [InlineData("""{"foo":null}""", """[{"op":"copy","from":"/foo","path":"/bar"}]""", """{"foo":null,"bar":null}""")]
    [InlineData("""{"foo":null}""", """[{"op":"remove","path":"/foo"}]""", "{}")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"replace","path":"/foo","value":null}]""", """{"foo":null}""")]
    // test should pass despite (nested) rearrangement
    [InlineData("""{"foo":{"foo":1,"bar":2}}""", """[{"op":"test","path":"/foo","value":{"bar":2,"foo":1}}]""", """{"foo":{"foo":1,"bar":2}}""")]
    [InlineData("""{"foo":[{"foo":1,"bar":2}]}""", """[{"op":"test","path":"/foo","value":[{"bar":2,"foo":1}]}]""", """{"foo":[{"foo":1,"bar":2}]}""")]
    // test should pass - no error
    [InlineData("""{"foo":{"bar":[1,2,5,4]}}""", """[{"op":"test","path":"/foo","value":{"bar":[1,2,5,4]}}]""", """{"foo":{"bar":[1,2,5,4]}}""")]
    // Whole document
    [InlineData("""{"foo":1}""", """[{"op":"test","path":"","value":{"foo":1}}]""", """{"foo":1}""")]
    // Empty-string element
    [InlineData("""{"":1}""", """[{"op":"test","path":"/","value":1}]""", """{"":1}""")]
    // Escaping: every character of RFC 6901's example document
    [InlineData("""{"foo":["bar","baz"],"":0,"a/b":1,"c%d":2,"e^f":3,"g|h":4,"i\\j":5,"k\"l":6," ":7,"m~n":8}""",
        """
        [{"op":"test","path":"/foo","value":["bar","baz"]},
         {"op":"test","path":"/foo/0","value":"bar"},
         {"op":"test","path":"/","value":0},
         {"op":"test","path":"/a~1b","value":1},
         {"op":"test","path":"/c%d","value":2},
         {"op":"test","path":"/e^f","value":3},
         {"op":"test","path":"/g|h","value":4},
         {"op":"test","path":"/i\\j","value":5},
         {"op":"test","path":"/k\"l","value":6},
         {"op":"test","path":"/ ","value":7},
         {"op":"test","path":"/m~0n","value":8}]
        """,
        """{"foo":["bar","baz"],"":0,"a/b":1,"c%d":2,"e^f":3,"g|h":4,"i\\j":5,"k\"l":6," ":7,"m~n":8}""")]
    // Move to same location has no effect
    [InlineData("""{"foo":1}""", """[{"op":"move","from":"/foo","path":"/foo"}]""", """{"foo":1}""")]
    [InlineData("""{"foo":1,"baz":[{"qux":"hello"}]}""", """[{"op":"move","from":"/foo","path":"/bar"}]""", """{"baz":[{"qux":"hello"}],"bar":1}""")]
    [InlineData("""{"baz":[{"qux":"hello"}],"bar":1}""", """[{"op":"move","from":"/baz/0/qux","path":"/baz/1"}]""", """{"baz":[{},"hello"],"bar":1}""")]
    [InlineData("""{"baz":[{"qux":"hello"}],"bar":1}""", """[{"op":"copy","from":"/baz/0","path":"/boo"}]""",
        """{"baz":[{"qux":"hello"}],"bar":1,"boo":{"qux":"hello"}}""")]
    // replacing the root of the document is possible with add
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"","value":{"baz":"qux"}}]""", """{"baz":"qux"}""")]
    // Adding to "/-" adds to the end of the array, even n levels down
    [InlineData("[1,2]", """[{"op":"add","path":"/-","value":{"foo":["bar","baz"]}}]""", """[1,2,{"foo":["bar","baz"]}]""")]
    [InlineData("[1,2,[3,[4,5]]]", """[{"op":"add","path":"/2/1/-","value":{"foo":["bar","baz"]}}]""", """[1,2,[3,[4,5,{"foo":["bar","baz"]}]]]""")]
    // test remove on array, repeated removes
    [InlineData("[1,2,3,4]", """[{"op":"remove","path":"/0"}]""", "[2,3,4]")]
    [InlineData("[1,2,3,4]", """[{"op":"remove","path":"/1"},{"op":"remove","path":"/2"}]""", "[1,3]")]
    // Patch with different capitalisation than doc
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/FOO","value":"BAR"}]""", """{"foo":"bar","FOO":"BAR"}""")]
    // spec_tests.json: 4.1 add with missing object is an error (below); adding to a nested array by index
    [InlineData("""{"foo":{"bar":[1,[2,3]]}}""", """[{"op":"add","path":"/foo/bar/1/1","value":9}]""", """{"foo":{"bar":[1,[2,9,3]]}}""")]
    public void Apply_TestSuite_ProducesResult(string document, string patch, string expected) =>
        AssertApplies(document, patch, expected);

    // The json-patch test suite, cases that must fail; the kind is how this implementation classifies them.
    [Theory]
    // Out of bounds (upper) and (lower)
    [InlineData("""{"bar":[1,2]}""", """[{"op":"add","path":"/bar/8","value":"5"}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("""{"bar":[1,2]}""", """[{"op":"add","path":"/bar/-1","value":"5"}]""", JsonPatchErrorKind.PathNotFound)]
    // add item to array at index > length should fail
    [InlineData("""["foo","sil"]""", """[{"op":"add","path":"/3","value":"bar"}]""", JsonPatchErrorKind.PathNotFound)]
    // test with bad number should fail
    [InlineData("""["foo","bar"]""", """[{"op":"test","path":"/1e0","value":"bar"}]""", JsonPatchErrorKind.PathNotFound)]
    // Object operation on array target
    [InlineData("""["foo","sil"]""", """[{"op":"add","path":"/bar","value":42}]""", JsonPatchErrorKind.PathNotFound)]
    // test replace with missing parent key should fail
    [InlineData("""{"bar":"baz"}""", """[{"op":"replace","path":"/foo/bar","value":false}]""", JsonPatchErrorKind.PathNotFound)]
    // test op should fail
    [InlineData("""{"foo":{"bar":[1,2,5,4]}}""", """[{"op":"test","path":"/foo","value":[1,2]}]""", JsonPatchErrorKind.TestFailed)]
    // test remove/replace/copy/move/add with bad number should fail
    [InlineData("""{"foo":1,"baz":[{"qux":"hello"}]}""", """[{"op":"remove","path":"/baz/1e0/qux"}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("[1,2,3,4]", """[{"op":"remove","path":"/1e0"}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("[\"\"]", """[{"op":"replace","path":"/1e0","value":false}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("""{"baz":[1,2,3],"bar":1}""", """[{"op":"copy","from":"/baz/1e0","path":"/boo"}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("""{"foo":1,"baz":[1,2,3,4]}""", """[{"op":"move","from":"/baz/1e0","path":"/foo"}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("""["foo","sil"]""", """[{"op":"add","path":"/1e0","value":"bar"}]""", JsonPatchErrorKind.PathNotFound)]
    // missing 'path' parameter, 'path' parameter with null value, invalid JSON Pointer token
    [InlineData("{}", """[{"op":"add","value":"bar"}]""", JsonPatchErrorKind.InvalidDocument)]
    [InlineData("{}", """[{"op":"add","path":null,"value":"bar"}]""", JsonPatchErrorKind.InvalidDocument)]
    [InlineData("{}", """[{"op":"add","path":"foo","value":"bar"}]""", JsonPatchErrorKind.InvalidDocument)]
    // missing 'value' parameter to add, replace, test (where undef is falsy too)
    [InlineData("[1]", """[{"op":"add","path":"/-"}]""", JsonPatchErrorKind.InvalidDocument)]
    [InlineData("[1]", """[{"op":"replace","path":"/0"}]""", JsonPatchErrorKind.InvalidDocument)]
    [InlineData("[null]", """[{"op":"test","path":"/0"}]""", JsonPatchErrorKind.InvalidDocument)]
    [InlineData("[false]", """[{"op":"test","path":"/0"}]""", JsonPatchErrorKind.InvalidDocument)]
    // missing from parameter / location to copy and move
    [InlineData("[1]", """[{"op":"copy","path":"/-"}]""", JsonPatchErrorKind.InvalidDocument)]
    [InlineData("""{"foo":1}""", """[{"op":"copy","from":"/bar","path":"/foo"}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("""{"foo":1}""", """[{"op":"move","path":""}]""", JsonPatchErrorKind.InvalidDocument)]
    [InlineData("""{"foo":1}""", """[{"op":"move","from":"/bar","path":"/foo"}]""", JsonPatchErrorKind.PathNotFound)]
    // duplicate ops
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux","op":"move","from":"/foo"}]""", JsonPatchErrorKind.InvalidDocument)]
    // unrecognized op should fail
    [InlineData("""{"foo":1}""", """[{"op":"spam","path":"/foo","value":1}]""", JsonPatchErrorKind.InvalidDocument)]
    // test with bad array number that has leading zeros
    [InlineData("""["foo","bar"]""", """[{"op":"test","path":"/00","value":"foo"}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("""["foo","bar"]""", """[{"op":"test","path":"/01","value":"bar"}]""", JsonPatchErrorKind.PathNotFound)]
    // Removing nonexistent field, deep nonexistent path, nonexistent index
    [InlineData("""{"foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("""{"foo":"bar"}""", """[{"op":"remove","path":"/missing1/missing2"}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("""["foo","bar"]""", """[{"op":"remove","path":"/2"}]""", JsonPatchErrorKind.PathNotFound)]
    // spec_tests.json 4.1: add with missing object
    [InlineData("""{"q":{"bar":2}}""", """[{"op":"add","path":"/a/b","value":1}]""", JsonPatchErrorKind.PathNotFound)]
    public void Apply_TestSuiteErrors_ThrowKind(string document, string patch, JsonPatchErrorKind kind) =>
        AssertFails(document, patch, kind);

    // Cases beyond the suites: index rules, numeric keys, the root, move and copy corner cases.
    [Theory]
    // Numeric-looking member names are names in objects, whatever their form.
    [InlineData("""{"1":"a","01":"b"}""", """[{"op":"replace","path":"/01","value":"c"},{"op":"remove","path":"/1"},{"op":"add","path":"/2","value":"d"}]""",
        """{"01":"c","2":"d"}""")]
    [InlineData("{}", """[{"op":"add","path":"/-","value":1}]""", """{"-":1}""")]
    [InlineData("""{"-":1}""", """[{"op":"remove","path":"/-"}]""", "{}")]
    // Nested arrays by index and by "-".
    [InlineData("""{"a":[[1],[2]]}""", """[{"op":"add","path":"/a/1/0","value":0},{"op":"add","path":"/a/0/-","value":3}]""", """{"a":[[1,3],[0,2]]}""")]
    [InlineData("""{"a":[[1],[2]]}""", """[{"op":"replace","path":"/a/1","value":[]},{"op":"remove","path":"/a/0/0"}]""", """{"a":[[],[]]}""")]
    // Copying into one's own child is allowed (only move is forbidden), and copying the whole document too.
    [InlineData("""{"a":{"b":1}}""", """[{"op":"copy","from":"/a","path":"/a/c"}]""", """{"a":{"b":1,"c":{"b":1}}}""")]
    [InlineData("""{"a":1}""", """[{"op":"copy","from":"","path":"/b"}]""", """{"a":1,"b":{"a":1}}""")]
    [InlineData("""{"a":[1,2]}""", """[{"op":"copy","from":"/a","path":"/a/-"}]""", """{"a":[1,2,[1,2]]}""")]
    // Moving to the root, to a sibling with a longer name, and up into the parent's place.
    [InlineData("""{"a":{"b":1}}""", """[{"op":"move","from":"/a","path":""}]""", """{"b":1}""")]
    [InlineData("""{"a":1}""", """[{"op":"move","from":"/a","path":"/ab"}]""", """{"ab":1}""")]
    [InlineData("""{"a":{"b":1}}""", """[{"op":"move","from":"/a/b","path":"/a"}]""", """{"a":1}""")]
    [InlineData("""{"a":[1,2,3]}""", """[{"op":"move","from":"/a/0","path":"/a/-"}]""", """{"a":[2,3,1]}""")]
    [InlineData("""{"a":[1,2,3]}""", """[{"op":"move","from":"/a/0","path":"/a/2"}]""", """{"a":[2,3,1]}""")]
    [InlineData("""{"a":[1,2,3]}""", """[{"op":"move","from":"/a/2","path":"/a/0"}]""", """{"a":[3,1,2]}""")]
    [InlineData("""{"a":[1,2],"b":[]}""", """[{"op":"move","from":"/a/1","path":"/b/0"}]""", """{"a":[1],"b":[2]}""")]
    [InlineData("""{"a":{"b":{"c":1}}}""", """[{"op":"move","from":"/a/b","path":"/a/b"}]""", """{"a":{"b":{"c":1}}}""")]
    [InlineData("""{"a":1}""", """[{"op":"move","from":"","path":""}]""", """{"a":1}""")]
    // Later operations see earlier ones.
    [InlineData("{}",
        """[{"op":"add","path":"/a","value":{}},{"op":"add","path":"/a/b","value":1},{"op":"copy","from":"/a","path":"/c"},{"op":"move","from":"/a/b","path":"/c/d"},{"op":"test","path":"/c","value":{"b":1,"d":1}},{"op":"test","path":"/a","value":{}}]""",
        """{"a":{},"c":{"b":1,"d":1}}""")]
    // test compares numbers by value and objects regardless of order.
    [InlineData("""{"a":1}""", """[{"op":"test","path":"/a","value":1.0},{"op":"test","path":"/a","value":1e0},{"op":"test","path":"/a","value":10E-1}]""", """{"a":1}""")]
    [InlineData("""{"a":100}""", """[{"op":"test","path":"/a","value":1e2}]""", """{"a":100}""")]
    [InlineData("""{"a":12345678901234567890123.5}""", """[{"op":"test","path":"/a","value":12345678901234567890123.50}]""", """{"a":12345678901234567890123.5}""")]
    [InlineData("""{"a":{"x":1,"y":[true,null]}}""", """[{"op":"test","path":"/a","value":{"y":[true,null],"x":1.0}}]""", """{"a":{"x":1,"y":[true,null]}}""")]
    // The JSON null document.
    [InlineData("null", """[{"op":"test","path":"","value":null}]""", "null")]
    [InlineData("null", """[{"op":"add","path":"","value":{"a":1}}]""", """{"a":1}""")]
    [InlineData("""{"a":1}""", """[{"op":"replace","path":"","value":null}]""", "null")]
    // KUBERNETES-API.md §4.1.
    [InlineData("""{"metadata":{"name":"web","resourceVersion":"1045","labels":{"app":"web"}},"spec":{"replicas":1}}""",
        """[{"op":"test","path":"/metadata/resourceVersion","value":"1045"},{"op":"replace","path":"/spec/replicas","value":3},{"op":"add","path":"/metadata/labels/tier","value":"web"}]""",
        """{"metadata":{"name":"web","resourceVersion":"1045","labels":{"app":"web","tier":"web"}},"spec":{"replicas":3}}""")]
    public void Apply_CornerCases_ProducesResult(string document, string patch, string expected) =>
        AssertApplies(document, patch, expected);

    [Theory]
    // "-" only appends in add; elsewhere it names a nonexistent element.
    [InlineData("""{"a":[1]}""", """[{"op":"remove","path":"/a/-"}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("""{"a":[1]}""", """[{"op":"replace","path":"/a/-","value":2}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("""{"a":[1]}""", """[{"op":"test","path":"/a/-","value":1}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("""{"a":[1]}""", """[{"op":"copy","from":"/a/-","path":"/b"}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("""{"a":[[1]]}""", """[{"op":"add","path":"/a/-/0","value":2}]""", JsonPatchErrorKind.PathNotFound)]
    // Array index grammar: no leading zeros, no signs, no index past the end (except add at the length).
    [InlineData("""["a"]""", """[{"op":"add","path":"/01","value":"b"}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("""["a"]""", """[{"op":"add","path":"/+1","value":"b"}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("""["a"]""", """[{"op":"replace","path":"/1","value":"b"}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("""["a"]""", """[{"op":"add","path":"/99999999999999999999","value":"b"}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("[]", """[{"op":"remove","path":"/0"}]""", JsonPatchErrorKind.PathNotFound)]
    // Moving an element to the old length fails: the array is one shorter once the element is removed (RFC 6902 §4.4).
    [InlineData("""{"a":[1,2,3]}""", """[{"op":"move","from":"/a/0","path":"/a/3"}]""", JsonPatchErrorKind.PathNotFound)]
    // Parents that are not containers.
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/a/b","value":2}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("""{"a":null}""", """[{"op":"add","path":"/a/b","value":2}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("""{"a":"s"}""", """[{"op":"remove","path":"/a/0"}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("null", """[{"op":"add","path":"/a","value":1}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("5", """[{"op":"test","path":"/a","value":1}]""", JsonPatchErrorKind.PathNotFound)]
    // replace needs an existing target.
    [InlineData("{}", """[{"op":"replace","path":"/a","value":1}]""", JsonPatchErrorKind.PathNotFound)]
    // Moving to the same place still needs the value to exist.
    [InlineData("{}", """[{"op":"move","from":"/a","path":"/a"}]""", JsonPatchErrorKind.PathNotFound)]
    // A value cannot move into its own child, nor the whole document into a member; the document cannot be removed.
    [InlineData("""{"a":{"b":1}}""", """[{"op":"move","from":"/a","path":"/a/b"}]""", JsonPatchErrorKind.NotApplicable)]
    [InlineData("""{"a":{"b":{}}}""", """[{"op":"move","from":"/a","path":"/a/b/c"}]""", JsonPatchErrorKind.NotApplicable)]
    [InlineData("""{"a":[1]}""", """[{"op":"move","from":"/a","path":"/a/-"}]""", JsonPatchErrorKind.NotApplicable)]
    [InlineData("""{"a":1}""", """[{"op":"move","from":"","path":"/b"}]""", JsonPatchErrorKind.NotApplicable)]
    [InlineData("""{"a":1}""", """[{"op":"remove","path":""}]""", JsonPatchErrorKind.NotApplicable)]
    // test: a missing member fails the test (even against null); a missing parent is a bad path.
    [InlineData("""{"a":1}""", """[{"op":"test","path":"/b","value":null}]""", JsonPatchErrorKind.TestFailed)]
    [InlineData("""{"a":1}""", """[{"op":"test","path":"/b/c","value":1}]""", JsonPatchErrorKind.PathNotFound)]
    [InlineData("""{"a":[1]}""", """[{"op":"test","path":"/a/1","value":1}]""", JsonPatchErrorKind.PathNotFound)]
    // test never goes through double, never confuses strings with numbers, and respects array order.
    [InlineData("""{"a":12345678901234567890}""", """[{"op":"test","path":"/a","value":12345678901234567891}]""", JsonPatchErrorKind.TestFailed)]
    [InlineData("""{"a":9007199254740993}""", """[{"op":"test","path":"/a","value":9007199254740992}]""", JsonPatchErrorKind.TestFailed)]
    [InlineData("""{"a":0.1}""", """[{"op":"test","path":"/a","value":0.10000000000000001}]""", JsonPatchErrorKind.TestFailed)]
    [InlineData("""{"a":"1"}""", """[{"op":"test","path":"/a","value":1}]""", JsonPatchErrorKind.TestFailed)]
    [InlineData("""{"a":[1,2]}""", """[{"op":"test","path":"/a","value":[2,1]}]""", JsonPatchErrorKind.TestFailed)]
    [InlineData("""{"a":{"b":1}}""", """[{"op":"test","path":"/a","value":{"b":1,"c":null}}]""", JsonPatchErrorKind.TestFailed)]
    [InlineData("""{"a":null}""", """[{"op":"test","path":"/a","value":false}]""", JsonPatchErrorKind.TestFailed)]
    [InlineData("null", """[{"op":"test","path":"","value":{}}]""", JsonPatchErrorKind.TestFailed)]
    public void Apply_CornerCaseErrors_ThrowKind(string document, string patch, JsonPatchErrorKind kind) =>
        AssertFails(document, patch, kind);

    [Fact]
    public void Apply_FailedTest_MessageMatchesKubernetes()
    {
        var patch = JsonPatch.Parse("""[{"op":"replace","path":"/spec/paused","value":true},{"op":"test","path":"/spec/replicas","value":3}]""");

        var ex = Assert.Throws<JsonPatchApplyException>(() => patch.Apply(JsonAssert.Parse("""{"spec":{"replicas":2,"paused":false}}""")));

        Assert.Equal("testing value /spec/replicas failed: test failed", ex.Message);
        Assert.Equal(JsonPatchErrorKind.TestFailed, ex.Kind);
        Assert.Equal(1, ex.OperationIndex);
        Assert.Same(patch.Operations[1], ex.Operation);
    }

    [Theory]
    [InlineData("""[{"op":"add","path":"/baz/bat","value":"qux"}]""",
        "add operation does not apply: doc is missing path: \"/baz/bat\": /baz does not exist: no such member")]
    [InlineData("""[{"op":"remove","path":"/list/5"}]""",
        "remove operation does not apply: doc is missing path: \"/list/5\": index 5 is out of range for an array of length 2")]
    [InlineData("""[{"op":"replace","path":"/list/01","value":1}]""",
        "replace operation does not apply: doc is missing path: \"/list/01\": \"01\" is not a valid array index")]
    [InlineData("""[{"op":"move","from":"/nope","path":"/x"}]""",
        "move operation does not apply: doc is missing from path: \"/nope\": no such member")]
    [InlineData("""[{"op":"copy","from":"/foo/x/y","path":"/x"}]""",
        "copy operation does not apply: doc is missing from path: \"/foo/x/y\": /foo/x does not exist: cannot look up \"x\" in a string")]
    [InlineData("""[{"op":"move","from":"/list","path":"/list/0"}]""",
        "move operation does not apply: \"from\" location \"/list\" is a proper prefix of \"path\" location \"/list/0\": a value cannot be moved into one of its children")]
    [InlineData("""[{"op":"remove","path":""}]""", "remove operation does not apply: the whole document cannot be removed")]
    public void Apply_Failure_MessageNamesOperationAndPath(string patch, string message)
    {
        var ex = Assert.Throws<JsonPatchApplyException>(() => JsonPatch.Parse(patch).Apply(JsonAssert.Parse("""{"foo":"bar","list":[1,2]}""")));

        Assert.Equal(message, ex.Message);
        Assert.Equal(0, ex.OperationIndex);
    }

    [Fact]
    public void Apply_LaterOperationFails_NothingIsApplied()
    {
        const string json = """{"a":{"b":[1,2]},"c":"d"}""";
        var document = JsonAssert.Parse(json);
        var patch = JsonPatch.Parse("""
            [{"op":"add","path":"/a/b/-","value":3},
             {"op":"remove","path":"/c"},
             {"op":"move","from":"/a/b","path":"/e"},
             {"op":"replace","path":"","value":{"z":1}},
             {"op":"remove","path":"/a"}]
            """);

        var ex = Assert.Throws<JsonPatchApplyException>(() => patch.Apply(document));

        Assert.Equal(4, ex.OperationIndex);
        Assert.Equal(json, JsonAssert.Text(document));
    }

    [Fact]
    public void Apply_SamePatchTwice_ResultsShareNoNodes()
    {
        var patch = JsonPatch.Parse("""[{"op":"add","path":"/a","value":{"x":[1]}},{"op":"copy","from":"/a","path":"/b"}]""");

        var first = patch.Apply(new JsonObject())!;
        var second = patch.Apply(new JsonObject())!;
        first["a"]!["x"]!.AsArray().Add(2);
        first["b"]!["y"] = true;

        JsonAssert.Equal("""{"a":{"x":[1]},"b":{"x":[1]}}""", second);
        JsonAssert.Equal("""{"x":[1]}""", patch.Operations[0].Value);
        JsonAssert.Equal("""{"a":{"x":[1,2]},"b":{"x":[1],"y":true}}""", first);
    }

    [Fact]
    public void Apply_Result_SharesNoNodesWithDocument()
    {
        const string json = """{"a":{"b":[{"c":1}]},"d":[1]}""";
        var document = JsonAssert.Parse(json);

        var result = JsonPatch.Parse("""[{"op":"test","path":"/a","value":{"b":[{"c":1}]}}]""").Apply(document)!;
        result["a"]!["b"]![0]!["c"] = 2;
        result["d"]!.AsArray().Clear();

        Assert.Equal(json, JsonAssert.Text(document));
        Assert.Null(result.Parent);
    }

    [Fact]
    public void Apply_MaximumNumberOfOperations_AppliesAll()
    {
        var json = "[" + string.Join(",", Enumerable.Range(0, JsonPatch.DefaultMaxOperations).Select(i => $$"""{"op":"add","path":"/items/-","value":{{i}}}""")) + "]";

        var result = JsonPatch.Parse(json).Apply(JsonAssert.Parse("""{"items":[]}"""))!;

        var items = result["items"]!.AsArray();
        Assert.Equal(JsonPatch.DefaultMaxOperations, items.Count);
        Assert.Equal(9_999, items[^1]!.GetValue<int>());
    }

    private static void AssertApplies(string documentJson, string patchJson, string expectedJson)
    {
        var document = JsonAssert.Parse(documentJson);
        var before = JsonAssert.Text(document);

        var result = JsonPatch.Parse(patchJson).Apply(document);

        JsonAssert.Equal(expectedJson, result);
        Assert.Equal(before, JsonAssert.Text(document));
        if (result is not null)
        {
            Assert.Null(result.Parent);
        }
    }

    private static void AssertFails(string documentJson, string patchJson, JsonPatchErrorKind kind)
    {
        var document = JsonAssert.Parse(documentJson);
        var before = JsonAssert.Text(document);

        JsonPatchException ex = kind is JsonPatchErrorKind.InvalidDocument or JsonPatchErrorKind.TooManyOperations
            ? Assert.Throws<JsonPatchFormatException>(() => JsonPatch.Parse(patchJson))
            : Assert.Throws<JsonPatchApplyException>(() => JsonPatch.Parse(patchJson).Apply(document));

        Assert.Equal(kind, ex.Kind);
        Assert.Equal(before, JsonAssert.Text(document));
    }
}
