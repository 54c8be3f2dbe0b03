using System.Text.RegularExpressions;
using EdgeStream.Core.Tests.Support;

namespace EdgeStream.Core.Tests.Architecture;

/// <summary>
/// docs/architecture.md is the map: its project and Core folder tables must match the code, and no
/// project's folders may form a cycle.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly string Src = Path.Combine(RepoPaths.Root, "src");

    public static TheoryData<string> Projects() => [.. Directory.GetDirectories(Src).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Projects))]
    public void Folders_OfEveryProject_FormNoCycle(string project)
    {
        var graph = NamespaceGraph.Read(Path.Combine(Src, project));

        Assert.True(graph.FindCycle() is null, $"{project}: folders depend on each other in a cycle: {graph.FindCycle()}");
    }

    [Fact]
    public void CoreFolders_MatchTheTableInArchitectureDoc()
    {
        var documented = Table("Core folders").ToDictionary(r => r[0].Trim('`', '/'), r => Names(r[2]), StringComparer.Ordinal);
        var actual = NamespaceGraph.Read(Path.Combine(Src, "EdgeStream.Core")).Edges;

        Assert.Equal(documented.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (folder, uses) in actual)
        {
            Assert.True(documented[folder].SetEquals(uses), $"Core/{folder} uses [{string.Join(", ", uses)}]; docs/architecture.md says [{string.Join(", ", documented[folder].Order(StringComparer.Ordinal))}]");
        }
    }

    [Fact]
    public void ProjectReferences_MatchTheTableInArchitectureDoc()
    {
        var documented = Table("Projects").ToDictionary(r => r[0].Trim('`'), r => Names(r[2]), StringComparer.Ordinal);
        var actual = Directory.GetDirectories(Src).ToDictionary(d => Path.GetFileName(d), ReferencesOf, StringComparer.Ordinal);

        Assert.Equal(documented.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (project, references) in actual)
        {
            Assert.True(documented[project].SetEquals(references), $"{project} references [{string.Join(", ", references)}]; docs/architecture.md says [{string.Join(", ", documented[project])}]");
        }
    }

    private static HashSet<string> ReferencesOf(string projectFolder)
    {
        var csproj = File.ReadAllText(Path.Combine(projectFolder, Path.GetFileName(projectFolder) + ".csproj"));
        return [.. ProjectReference().Matches(csproj).Select(m => m.Groups[1].Value)];
    }

    /// <summary>Backticked names in a table cell ("nothing" is the empty set).</summary>
    private static HashSet<string> Names(string cell) =>
        [.. Regex.Matches(cell, "`([^`]+)`").Select(m => m.Groups[1].Value.TrimEnd('/'))];

    /// <summary>The body rows of the first table under "## HEADING" in docs/architecture.md, as cells.</summary>
    private static List<string[]> Table(string heading)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "architecture.md"));
        var start = Array.IndexOf(lines, $"## {heading}");
        Assert.True(start >= 0, $"docs/architecture.md has no '## {heading}' section");
        return [.. lines.Skip(start + 1)
            .SkipWhile(l => !l.StartsWith('|'))
            .TakeWhile(l => l.StartsWith('|'))
            .Skip(2)
            .Select(l => l.Trim('|').Split(" | ").Select(c => c.Trim()).ToArray())];
    }

    [GeneratedRegex(@"<ProjectReference Include=""[^""]*?([\w.]+)\.csproj""")]
    private static partial Regex ProjectReference();
}
