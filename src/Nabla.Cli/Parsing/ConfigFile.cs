using System.Text;
using System.Text.Json;
using Nabla.NN.Data;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Nabla.Cli.Parsing;

/// <summary>
/// Reads a <c>--config</c> file: a JSON object or a YAML mapping whose keys are the command's option names
/// (<c>batch-size</c>; <c>batch_size</c> is accepted too) and whose values are scalars or lists of scalars.
/// Lists become comma-separated text, so <c>layers: [64, 32]</c> means the same as <c>--layers 64,32</c>.
/// </summary>
public static class ConfigFile
{
    /// <summary>Config files larger than this are refused before reading (a config is a few hundred bytes).</summary>
    public const long MaxBytes = 1 << 20;

    /// <summary>
    /// Reads <paramref name="path"/> and returns its entries as (option name, text value), in file order.
    /// JSON is chosen by a <c>.json</c> extension or a leading <c>{</c>; anything else is read as YAML.
    /// </summary>
    /// <exception cref="CliException">The file is missing, too large, not UTF-8 text, or not valid JSON/YAML.</exception>
    /// <exception cref="UsageException">A key is not an option of the command, or a value is nested.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Read(string path, IReadOnlyCollection<OptionSpec> specs)
    {
        if (!File.Exists(path)) throw new CliException($"Config file '{path}' does not exist.");
        long length = new FileInfo(path).Length;
        if (length > MaxBytes) throw new CliException($"Config file '{path}' is {length} bytes; a config file may be at most {MaxBytes} bytes.");
        string text = ReadText(path);
        bool json = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || text.TrimStart().StartsWith('{');
        var raw = json ? ParseJson(path, text) : ParseYaml(path, text);
        return raw.Select(kv => new KeyValuePair<string, string>(ResolveKey(path, kv.Key, specs), kv.Value)).ToArray();
    }

    /// <summary>
    /// The file's text: UTF-8, or UTF-16 (byte-order mark or not), as JSON and YAML allow, found by the data readers'
    /// <see cref="TextEncodings.Detect"/>. Bytes that do not decode are refused with their offset, not read as U+FFFD (a
    /// value with a replaced character would silently differ); Detect's fallback for them, Windows-1252, is not taken.
    /// </summary>
    private static string ReadText(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var (detected, preamble) = TextEncodings.Detect(bytes, complete: true);
        Encoding encoding = detected.CodePage == TextEncodings.Windows1252.CodePage ? new UTF8Encoding(false, throwOnInvalidBytes: true) : detected;
        try { return encoding.GetString(bytes, preamble, bytes.Length - preamble); }
        catch (DecoderFallbackException e)
        {
            string at = e.Index >= 0 ? $" at byte {preamble + e.Index + 1}" : "";
            throw new CliException($"Config file '{path}' is not valid {encoding.WebName} text{at}; save it as UTF-8.");
        }
    }

    private static string ResolveKey(string path, string key, IReadOnlyCollection<OptionSpec> specs)
    {
        string normal = key.Trim().TrimStart('-').Replace('_', '-');
        foreach (var spec in specs)
            if (string.Equals(spec.Name, normal, StringComparison.OrdinalIgnoreCase)) return spec.Name;
        var names = specs.Select(s => s.Name).Where(n => n is not "config").ToArray();
        string hint = RawOptions.Suggest(normal, names) is { } s ? $" Did you mean '{s}'?" : "";
        throw new UsageException($"Config file '{path}': unknown key '{key}'.{hint} Allowed keys: {string.Join(", ", names)}.");
    }

    private static List<KeyValuePair<string, string>> ParseJson(string path, string text)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw new CliException($"Config file '{path}' is not valid JSON: line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new CliException($"Config file '{path}' must hold a JSON object of option names and values, e.g. {{\"epochs\": 20}}; found a {doc.RootElement.ValueKind}.");
            var result = new List<KeyValuePair<string, string>>();
            foreach (var p in doc.RootElement.EnumerateObject())
                result.Add(new(p.Name, JsonValueText(path, p.Name, p.Value, allowArray: true)));
            return result;
        }
    }

    private static string JsonValueText(string path, string key, JsonElement e, bool allowArray) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array when allowArray => string.Join(',', e.EnumerateArray().Select(x => JsonValueText(path, key, x, allowArray: false))),
        _ => throw new UsageException($"Config file '{path}', key '{key}': expected a number, text, true/false or a list of those; found {e.ValueKind}."),
    };

    private static List<KeyValuePair<string, string>> ParseYaml(string path, string text)
    {
        var stream = new YamlStream();
        try
        {
            CheckYamlShape(path, text);
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new CliException($"Config file '{path}' is not valid YAML: line {e.Start.Line}, column {e.Start.Column}: {FirstSentence(e.Message)}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet 16.3 throws these (not a YamlException) on some malformed input: InvalidOperationException from
            // its scanner for plain scalars inside flow sequences, ArgumentException ("unsupported event") for some
            // empty keys. Found by the config fuzzer; it is still the file's fault, so it gets the file's message.
            throw new CliException($"Config file '{path}' is not valid YAML: a key or value is malformed (check brackets, colons, dashes and quotes).");
        }
        var result = new List<KeyValuePair<string, string>>();
        if (stream.Documents.Count == 0) return result;
        if (stream.Documents.Count > 1) throw new CliException($"Config file '{path}' holds {stream.Documents.Count} YAML documents; it must hold one.");
        var root = stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Value: null or "" }) return result;
        if (root is not YamlMappingNode map)
            throw new CliException($"Config file '{path}' must hold a YAML mapping of option names and values, e.g. 'epochs: 20' (line {root.Start.Line}).");
        foreach (var (keyNode, valueNode) in map.Children)
        {
            string key = keyNode is YamlScalarNode k ? k.Value ?? "" : throw new UsageException($"Config file '{path}', line {keyNode.Start.Line}: keys must be plain option names.");
            result.Add(new(key, YamlValueText(path, key, valueNode, allowList: true)));
        }
        return result;
    }

    /// <summary>Deepest nesting of YAML lists and mappings read (a config needs 2: a mapping holding lists).</summary>
    private const int MaxYamlDepth = 32;

    /// <summary>Most alias uses (<c>*name</c>) a YAML config may make.</summary>
    public const int MaxYamlAliases = 100;

    // YamlDotNet's node loader recurses once per nesting level, so "[[[[..." a few thousand deep overflows the stack
    // and kills the process (found by the config fuzzer). Its event parser keeps an explicit stack, so walk the events
    // first and refuse deep nesting before loading. The same walk sizes what aliases expand to: each alias stands for
    // its anchor's whole node, so a 1 MB file of aliases to aliases ("billion laughs") would expand to gigabytes once
    // the lists are joined; the expanded text may be no larger than a config file itself (MaxBytes).
    private static void CheckYamlShape(string path, string text)
    {
        var parser = new Parser(new StringReader(text));
        var open = new Stack<(string? Anchor, long Size)>();
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        int aliases = 0;
        void Add(long size, string? anchor)
        {
            if (anchor is not null) anchors[anchor] = size;
            if (open.Count > 0) { var (a, s) = open.Pop(); open.Push((a, Math.Min(s + size, long.MaxValue / 2))); }
            else total = Math.Min(total + size, long.MaxValue / 2);
        }
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            switch (current)
            {
                case SequenceStart or MappingStart:
                    if (open.Count + 1 > MaxYamlDepth)
                        throw new CliException($"Config file '{path}' nests lists or mappings more than {MaxYamlDepth} levels deep (line {current.Start.Line}); a config holds 'option: value' pairs and lists of values.");
                    var anchor = ((NodeEvent)current).Anchor;
                    open.Push((anchor.IsEmpty ? null : anchor.Value, 1));
                    break;
                case SequenceEnd or MappingEnd:
                    var (name, size) = open.Pop();
                    Add(size, name);
                    break;
                case Scalar scalar:
                    Add(scalar.Value.Length + 1, scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value);
                    break;
                case AnchorAlias alias:
                    if (++aliases > MaxYamlAliases)
                        throw new CliException($"Config file '{path}' uses more than {MaxYamlAliases} YAML aliases (line {current.Start.Line}); a config needs few, if any.");
                    Add(anchors.GetValueOrDefault(alias.Value.Value, 1), null);
                    break;
            }
            if (total + open.Sum(o => o.Size) > MaxBytes)
                throw new CliException($"Config file '{path}' expands to more than {MaxBytes} bytes through YAML aliases (line {current.Start.Line}); write the values out instead.");
        }
    }

    private static string YamlValueText(string path, string key, YamlNode node, bool allowList) => node switch
    {
        YamlScalarNode s => s.Value ?? "",
        YamlSequenceNode seq when allowList => string.Join(',', seq.Children.Select(c => YamlValueText(path, key, c, allowList: false))),
        _ => throw new UsageException($"Config file '{path}', key '{key}' (line {node.Start.Line}): expected a number, text, true/false or a list of those."),
    };

    private static string FirstSentence(string message)
    {
        int dot = message.IndexOf(". ", StringComparison.Ordinal);
        return (dot > 0 ? message[..(dot + 1)] : message).Trim();
    }
}
