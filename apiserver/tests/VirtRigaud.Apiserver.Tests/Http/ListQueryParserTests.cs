using Microsoft.AspNetCore.Http;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Apiserver.Http;

namespace VirtRigaud.Apiserver.Tests.Http;

public sealed class ListQueryParserTests
{
    [Theory]
    [InlineData("?resourceVersionMatch=Exact", false, 422, "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided")]
    [InlineData("?resourceVersion=0&resourceVersionMatch=Exact", false, 422, "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"")]
    [InlineData("?resourceVersion=5&resourceVersionMatch=Sometimes", false, 422, "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Unsupported value: \"Sometimes\": supported values: \"Exact\", \"NotOlderThan\", \"\"")]
    [InlineData("?sendInitialEvents=true", false, 422, "ListOptions.meta.k8s.io \"\" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list")]
    [InlineData("?continue=abc&resourceVersion=7", false, 400, "specifying resource version is not allowed when using continue")]
    [InlineData("?limit=ten", false, 400, "strconv.ParseInt: parsing \"ten\": invalid syntax")]
    [InlineData("?sendInitialEvents=true&allowWatchBookmarks=true", true, 422, "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan")]
    [InlineData("?resourceVersionMatch=NotOlderThan", true, 422, "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided")]
    [InlineData("?sendInitialEvents=true&resourceVersionMatch=NotOlderThan", true, 422, "ListOptions.meta.k8s.io \"\" is invalid: allowWatchBookmarks: Forbidden: sendInitialEvents requires allowWatchBookmarks=true: the end of the initial events is marked by a bookmark")]
    public void Parse_InvalidCombination_ThrowsKubernetesStatus(string query, bool watch, int code, string message)
    {
        var e = Assert.Throws<StatusException>(() => ListQueryParser.Parse(Query(query), watch));

        Assert.Equal(code, e.Code);
        Assert.Equal(message, e.Status.Message);
    }

    [Fact]
    public void Parse_BadLabelSelector_Throws400WithParserMessage()
    {
        var e = Assert.Throws<StatusException>(() => ListQueryParser.Parse(Query("?labelSelector=a%20in%20(b"), watch: false));

        Assert.Equal(400, e.Code);
        Assert.False(string.IsNullOrEmpty(e.Status.Message));
    }

    [Fact]
    public void Parse_WatchListRequest_IsAccepted()
    {
        var query = ListQueryParser.Parse(Query("?sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=30"), watch: true);

        Assert.True(query.SendInitialEvents);
        Assert.True(query.AllowWatchBookmarks);
        Assert.Equal(30, query.TimeoutSeconds);
    }

    [Fact]
    public void Parse_Selectors_AreParsed()
    {
        var query = ListQueryParser.Parse(Query("?labelSelector=app%3Dweb,tier!%3Ddb&fieldSelector=metadata.name%3Dx&limit=5&continue=tok"), watch: false);

        Assert.Equal(2, query.LabelSelector.Requirements.Count);
        Assert.Single(query.FieldSelector.Requirements);
        Assert.Equal(5, query.Limit);
        Assert.Equal("tok", query.Continue);
    }

    private static IQueryCollection Query(string query)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);
        return context.Request.Query;
    }
}
