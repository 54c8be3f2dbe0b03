using System.Text.RegularExpressions;

namespace EdgeStream.Core.Tests.Architecture;

/// <summary>
/// The folder-to-folder dependencies of one source project, read from its C# files: a file in
/// <c>EdgeStream.P.A</c> depends on folder B when it has <c>using EdgeStream.P.B</c> or names
/// <c>EdgeStream.P.B.Type</c> or <c>B.Type</c> in code (comments and strings are ignored), and on the project's root
/// namespace ("(root)") when it names a type declared there (no using is needed for a parent namespace, so the names
/// are what shows it; a name its own folder also declares counts as the folder's). Sub-namespaces count as their top
/// folder.
/// </summary>
internal sealed partial class NamespaceGraph
{
    private NamespaceGraph(string project, IReadOnlyDictionary<string, SortedSet<string>> edges)
    {
        Project = project;
        Edges = edges;
    }

    public string Project { get; }

    /// <summary>Folder -> folders it uses (the project's root namespace is "(root)").</summary>
    public IReadOnlyDictionary<string, SortedSet<string>> Edges { get; }

    public static NamespaceGraph Read(string projectFolder)
    {
        var project = Path.GetFileName(projectFolder);
        var files = Directory.EnumerateFiles(projectFolder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .ToList();
        var folders = files.Select(f => FolderOf(project, File.ReadAllText(f))).Where(f => f is not null).Select(f => f!).ToHashSet(StringComparer.Ordinal);
        var edges = folders.ToDictionary(f => f, _ => new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        var declared = files.GroupBy(f => FolderOf(project, File.ReadAllText(f)) ?? "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(f => TypeDeclaration().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var rootTypes = declared.GetValueOrDefault("(root)") ?? [];
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            if (FolderOf(project, text) is not { } from)
            {
                continue;
            }

            var code = CommentsAndStrings().Replace(text, " ");
            foreach (var to in folders.Where(to => to != from))
            {
                var uses = to == "(root)"
                    ? rootTypes.Except(declared[from]).Any(type => Regex.IsMatch(code, $@"(?<![\w.]){Regex.Escape(type)}\b"))
                    : Uses(project, code, to);
                if (uses)
                {
                    edges[from].Add(to);
                }
            }
        }

        return new NamespaceGraph(project, edges);
    }

    /// <summary>One cycle as "A -> B -> A", or null when the graph is acyclic.</summary>
    public string? FindCycle()
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var node in Edges.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(node, state, path) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    private string? Visit(string node, Dictionary<string, int> state, List<string> path)
    {
        if (state.GetValueOrDefault(node) == 2)
        {
            return null;
        }

        if (state.GetValueOrDefault(node) == 1)
        {
            return string.Join(" -> ", path.SkipWhile(n => n != node).Append(node));
        }

        state[node] = 1;
        path.Add(node);
        foreach (var next in Edges.GetValueOrDefault(node) ?? [])
        {
            if (Visit(next, state, path) is { } cycle)
            {
                return cycle;
            }
        }

        path.RemoveAt(path.Count - 1);
        state[node] = 2;
        return null;
    }

    private static string? FolderOf(string project, string text)
    {
        var match = Regex.Match(text, @"^namespace ([\w.]+);", RegexOptions.Multiline);
        if (!match.Success || !match.Groups[1].Value.StartsWith(project, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = match.Groups[1].Value[project.Length..].TrimStart('.');
        return rest.Length == 0 ? "(root)" : rest.Split('.')[0];
    }

    private static bool Uses(string project, string code, string folder)
    {
        var qualified = Regex.Escape($"{project}.{folder}");
        return Regex.IsMatch(code, $@"^\s*using (static )?{qualified}(\.[\w.]+)?;", RegexOptions.Multiline)
            || Regex.IsMatch(code, $@"(?<![\w.]){qualified}\.[A-Z]")
            || Regex.IsMatch(code, $@"(?<![\w.]){Regex.Escape(folder)}\.[A-Z]\w*(?=[\s(<])(?!\s*=)");
    }

    [GeneratedRegex(@"^\s*(?:(?:public|internal|private|protected|static|sealed|abstract|partial|readonly|file)\s+)*(?:class|record|struct|interface|enum)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@?""(?:[^""\\\n]|\\.)*""", RegexOptions.Singleline)]
    private static partial Regex CommentsAndStrings();
}
