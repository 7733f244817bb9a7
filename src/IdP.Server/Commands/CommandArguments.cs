namespace IdP.Server.Commands;

/// <summary>
/// A small parser for <c>--name value</c>, repeatable options and <c>--flag</c> switches, with
/// errors that name the offending argument.
/// </summary>
public sealed class CommandArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _consumed = new(StringComparer.Ordinal);

    public CommandArguments(IEnumerable<string> args, IReadOnlySet<string> flagNames)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var arg = list[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length < 3)
            {
                throw new CommandException($"Unexpected argument '{arg}'.");
            }

            var name = arg[2..];
            string? inline = null;
            var eq = name.IndexOf('=');
            if (eq >= 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }

            if (flagNames.Contains(name))
            {
                _flags.Add(name);
                continue;
            }

            var value = inline ?? (i + 1 < list.Count ? list[++i] : throw new CommandException($"--{name} needs a value."));
            if (!_values.TryGetValue(name, out var values))
            {
                _values[name] = values = [];
            }

            values.Add(value);
        }
    }

    public string? Optional(string name)
    {
        _consumed.Add(name);
        if (!_values.TryGetValue(name, out var values))
        {
            return null;
        }

        if (values.Count > 1)
        {
            throw new CommandException($"--{name} was given {values.Count} times; give it once.");
        }

        return values[0];
    }

    public string Required(string name) => Optional(name) ?? throw new CommandException($"--{name} is required.");

    public IReadOnlyList<string> Many(string name)
    {
        _consumed.Add(name);
        return _values.TryGetValue(name, out var values) ? values : [];
    }

    public bool Flag(string name)
    {
        _consumed.Add(name);
        return _flags.Contains(name);
    }

    /// <summary>Rejects options the command did not read, so a typo never passes silently.</summary>
    public void EnsureAllUsed()
    {
        var unknown = _values.Keys.Concat(_flags).Where(k => !_consumed.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new CommandException($"Unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }
}
