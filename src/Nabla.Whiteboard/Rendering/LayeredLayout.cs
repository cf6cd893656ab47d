namespace Nabla.Whiteboard.Rendering;

/// <summary>A box to place: its id, its layer (column, left to right), its size and its first-guess order in the column.</summary>
internal sealed record LayoutBox(string Id, int Layer, double Width, double Height, double Order);

/// <summary>An edge to route from <paramref name="From"/> to a box in a later layer; <paramref name="LabelWidth"/> 0 for no label.</summary>
internal sealed record LayoutLink(string From, string To, double LabelWidth);

/// <summary>A placed box: top-left corner and size.</summary>
internal readonly record struct Rect(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;
}

/// <summary>A routed edge: its SVG path, where the arrow ends and, when labelled, the label's box (on the straight run into the target).</summary>
internal sealed record RoutedLink(LayoutLink Link, string Path, Rect? Label);

/// <summary>
/// A layered (Sugiyama-style) left-to-right layout. An edge that skips layers gets one dummy slot in every
/// layer it crosses, so it runs through a reserved gap of each column instead of through a box; boxes and
/// slots are ordered in their columns by barycentre sweeps (fewer crossings); every piece of an edge between
/// two columns is a cubic curve whose control points lie in the gap between them, so no edge crosses a box.
/// A labelled edge ends in a straight run as long as its label, where the label sits; a box is tall enough
/// for its incoming runs to be 16 px apart, so labels never overlap boxes or each other.
/// </summary>
internal sealed class LayeredLayout
{
    const double RowGap = 24, SlotHeight = 16, PortSpacing = 16, MinColumnGap = 60, CurveRoom = 46, ArrowGap = 2;

    /// <summary>Placed boxes by id.</summary>
    public required IReadOnlyDictionary<string, Rect> Boxes { get; init; }

    /// <summary>The routed edges, in input order.</summary>
    public required IReadOnlyList<RoutedLink> Links { get; init; }

    /// <summary>Right edge of the rightmost column.</summary>
    public required double Width { get; init; }

    /// <summary>Bottom of the lowest box or slot.</summary>
    public required double Height { get; init; }

    /// <summary>Lays out <paramref name="boxes"/> from (<paramref name="left"/>, <paramref name="top"/>); every link must go to a later layer.</summary>
    public static LayeredLayout Compute(IReadOnlyList<LayoutBox> boxes, IReadOnlyList<LayoutLink> links, double left, double top)
    {
        var byId = boxes.ToDictionary(b => b.Id);
        foreach (var l in links)
            if (byId[l.To].Layer <= byId[l.From].Layer) throw new ArgumentException($"edge {l.From} -> {l.To} does not go to a later layer");
        int layers = boxes.Count == 0 ? 0 : boxes.Max(b => b.Layer) + 1;

        // Every box is tall enough for its incoming labelled runs and outgoing ports to sit 16 px apart.
        var height = boxes.ToDictionary(b => b.Id, b => Math.Max(b.Height, Math.Max(
            links.Count(l => l.To == b.Id) * PortSpacing, links.Count(l => l.From == b.Id) * PortSpacing * 0.75) + 8));

        // Cells of each column: real boxes and dummy slots ("edge index:layer").
        var cells = new List<Cell>[layers];
        for (int l = 0; l < layers; l++) cells[l] = [];
        foreach (var b in boxes) cells[b.Layer].Add(new Cell(b.Id, b.Order, height[b.Id], null));
        var chains = new List<Cell>[links.Count];
        for (int i = 0; i < links.Count; i++)
        {
            var (from, to) = (byId[links[i].From], byId[links[i].To]);
            chains[i] = [];
            for (int l = from.Layer + 1; l < to.Layer; l++)
            {
                var slot = new Cell($"{i}:{l}", from.Order, SlotHeight, i);
                cells[l].Add(slot);
                chains[i].Add(slot);
            }
        }
        foreach (var column in cells) Renumber(column);
        Order(cells, links, chains);

        // Column widths, gaps wide enough for the labels ending in the next column, and x positions.
        var colWidth = cells.Select(c => c.Where(x => x.Edge is null).Select(x => byId[x.Id].Width).DefaultIfEmpty(20).Max()).ToArray();
        var colX = new double[layers];
        for (int l = 1; l < layers; l++)
        {
            double labels = links.Where(k => byId[k.To].Layer == l).Select(k => k.LabelWidth).DefaultIfEmpty(0).Max();
            colX[l] = colX[l - 1] + colWidth[l - 1] + Math.Max(MinColumnGap, labels + 12 + CurveRoom);
        }

        // Rows: each column stacked in its order, centred on the tallest column.
        var colHeight = cells.Select(c => c.Sum(x => x.Height) + RowGap * Math.Max(0, c.Count - 1)).ToArray();
        double tallest = colHeight.DefaultIfEmpty(0).Max();
        var place = new Dictionary<string, Rect>();
        for (int l = 0; l < layers; l++)
        {
            double y = top + (tallest - colHeight[l]) / 2;
            foreach (var c in cells[l].OrderBy(c => c.Order))
            {
                double w = c.Edge is null ? byId[c.Id].Width : colWidth[l];
                place[c.Id] = new Rect(left + colX[l] + (colWidth[l] - w) / 2, y, w, c.Height);
                y += c.Height + RowGap;
            }
        }

        var routed = Route(links, chains, place);
        return new LayeredLayout
        {
            Boxes = boxes.ToDictionary(b => b.Id, b => place[b.Id]),
            Links = routed,
            Width = layers == 0 ? left : left + colX[^1] + colWidth[^1],
            Height = top + tallest,
        };
    }

    sealed class Cell(string id, double order, double height, int? edge)
    {
        public string Id { get; } = id;
        public double Order { get; set; } = order;
        public double Height { get; } = height;
        public int? Edge { get; } = edge;
    }

    // Barycentre sweeps: a cell's order becomes the mean order of its neighbours in the previous (then the next) layer.
    static void Order(List<Cell>[] cells, IReadOnlyList<LayoutLink> links, List<Cell>[] chains)
    {
        var all = cells.SelectMany(c => c).ToDictionary(c => c.Id);
        // Adjacent pairs along every edge (source, slots..., target).
        var pairs = new List<(Cell A, Cell B)>();
        for (int i = 0; i < links.Count; i++)
        {
            var path = new List<Cell> { all[links[i].From] };
            path.AddRange(chains[i]);
            path.Add(all[links[i].To]);
            for (int k = 0; k + 1 < path.Count; k++) pairs.Add((path[k], path[k + 1]));
        }
        var left = pairs.ToLookup(p => p.B, p => p.A);
        var right = pairs.ToLookup(p => p.A, p => p.B);
        for (int sweep = 0; sweep < 4; sweep++)
        {
            for (int l = 1; l < cells.Length; l++) Sweep(cells[l], left);
            for (int l = cells.Length - 2; l >= 0; l--) Sweep(cells[l], right);
        }
    }

    static void Sweep(List<Cell> column, ILookup<Cell, Cell> neighbours)
    {
        foreach (var c in column)
            if (neighbours[c].Any()) c.Order = neighbours[c].Average(n => n.Order);
        Renumber(column);
    }

    // Sorts by (fractional) order, ties by the previous position, and writes back 0, 1, 2 ...
    static void Renumber(List<Cell> column)
    {
        var sorted = column.Select((c, i) => (c, i)).OrderBy(p => p.c.Order).ThenBy(p => p.i).Select(p => p.c).ToList();
        for (int i = 0; i < sorted.Count; i++) sorted[i].Order = i;
        column.Clear();
        column.AddRange(sorted);
    }

    static List<RoutedLink> Route(IReadOnlyList<LayoutLink> links, List<Cell>[] chains, Dictionary<string, Rect> place)
    {
        // Ports: the edges leaving a box are spread down its right side in the order of where they go next, the
        // edges entering it down its left side in the order of where they come from, so ports do not cross.
        double Next(int i) => chains[i].Count > 0 ? Mid(place[chains[i][0].Id]) : Mid(place[links[i].To]);
        double Previous(int i) => chains[i].Count > 0 ? Mid(place[chains[i][^1].Id]) : Mid(place[links[i].From]);
        var outPort = new double[links.Count];
        var inPort = new double[links.Count];
        foreach (var group in Enumerable.Range(0, links.Count).GroupBy(i => links[i].From))
        {
            var ordered = group.OrderBy(Next).ThenBy(i => i).ToList();
            var r = place[group.Key];
            for (int k = 0; k < ordered.Count; k++) outPort[ordered[k]] = r.Y + r.Height * (k + 1) / (ordered.Count + 1);
        }
        foreach (var group in Enumerable.Range(0, links.Count).GroupBy(i => links[i].To))
        {
            var ordered = group.OrderBy(Previous).ThenBy(i => i).ToList();
            var r = place[group.Key];
            for (int k = 0; k < ordered.Count; k++) inPort[ordered[k]] = r.Y + r.Height * (k + 1) / (ordered.Count + 1);
        }

        var routed = new List<RoutedLink>();
        for (int i = 0; i < links.Count; i++)
        {
            var link = links[i];
            var from = place[link.From];
            var to = place[link.To];
            double x = from.Right, y = outPort[i];
            var d = new System.Text.StringBuilder($"M {N(x)} {N(y)}");
            foreach (var slot in chains[i])
            {
                var s = place[slot.Id];
                double sy = Mid(s);
                Curve(d, x, y, s.X, sy);
                d.Append($" L {N(s.Right)} {N(sy)}");
                (x, y) = (s.Right, sy);
            }
            double ty = inPort[i], end = to.X - ArrowGap;
            double run = link.LabelWidth > 0 ? link.LabelWidth + 12 : 8;
            Curve(d, x, y, end - run, ty);
            d.Append($" L {N(end)} {N(ty)}");
            Rect? label = link.LabelWidth > 0 ? new Rect(end - run + 2, ty - 8, link.LabelWidth, 13) : null;
            routed.Add(new RoutedLink(link, d.ToString(), label));
        }
        return routed;
    }

    // A curve leaving and arriving horizontally; its control points lie between x1 and x2, so it stays in that strip.
    static void Curve(System.Text.StringBuilder d, double x1, double y1, double x2, double y2)
    {
        double mx = (x1 + x2) / 2;
        d.Append($" C {N(mx)} {N(y1)}, {N(mx)} {N(y2)}, {N(x2)} {N(y2)}");
    }

    static double Mid(Rect r) => r.Y + r.Height / 2;

    static string N(double v) => Charts.Svg.Num(v);
}
