namespace Nabla.NN.Registries;

/// <summary>A row of a registry: the name users write (CLI, config files, model cards) and one line of help.</summary>
public interface IRegistryRow
{
    /// <summary>The name as written on the command line, in config files and model cards (e.g. <c>he-normal</c>).</summary>
    string Name { get; }

    /// <summary>One line of help for CLI help and docs.</summary>
    string Help { get; }
}

/// <summary>
/// One registry per concept (activations, losses, optimizers, schedules, initialisers): each name appears in exactly one
/// row with its factory and help, and everything that lists or parses the names (CLI choices and help, config keys,
/// model cards, tests) derives from the rows. Adding a name is adding a row.
/// </summary>
/// <typeparam name="TRow">The row type, carrying the concept's factory.</typeparam>
/// <param name="concept">The concept in error messages, e.g. "activation".</param>
/// <param name="rows">The rows, in the order help lists them.</param>
public sealed class Registry<TRow>(string concept, IReadOnlyList<TRow> rows) where TRow : IRegistryRow
{
    private readonly Dictionary<string, TRow> _byName = rows.ToDictionary(r => r.Name, StringComparer.Ordinal);

    /// <summary>The concept's name, e.g. "activation".</summary>
    public string Concept { get; } = concept;

    /// <summary>Every row, in help order.</summary>
    public IReadOnlyList<TRow> Rows { get; } = rows;

    /// <summary>Every name, in help order.</summary>
    public IReadOnlyList<string> Names { get; } = rows.Select(r => r.Name).ToArray();

    /// <summary>Whether <paramref name="name"/> is a row.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The row called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such row; the message lists the names there are.</exception>
    public TRow this[string name] => _byName.TryGetValue(name, out var row)
        ? row
        : throw new ArgumentException($"Unknown {Concept} '{name}'. Choices: {string.Join(", ", Names)}.");

    /// <summary>"name: help" lines, one per row.</summary>
    public IEnumerable<string> HelpLines() => Rows.Select(r => $"{r.Name}: {r.Help}");
}
