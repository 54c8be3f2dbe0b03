namespace EdgeStream.Video.Pipes;

/// <summary>The last lines a child process wrote to stderr, for the error message when it fails.</summary>
internal sealed class StderrTail(int capacity)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();

    public void Add(string line)
    {
        if (capacity == 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    /// <summary>" (stderr: a | b)" or "" when nothing was written.</summary>
    public string Format()
    {
        lock (_lock)
        {
            return _lines.Count == 0 ? "" : $" (stderr: {string.Join(" | ", _lines)})";
        }
    }
}
