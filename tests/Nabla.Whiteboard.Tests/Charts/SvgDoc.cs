using System.Globalization;
using System.Xml.Linq;

namespace Nabla.Whiteboard.Tests.Charts;

/// <summary>Parses chart output as XML (so malformed SVG fails the test) and finds elements by class.</summary>
internal sealed class SvgDoc
{
    static readonly XNamespace Ns = "http://www.w3.org/2000/svg";
    public XElement Root { get; }

    public SvgDoc(string svg)
    {
        Root = XDocument.Parse(svg).Root!;
        Assert.Equal(Ns + "svg", Root.Name);
        Assert.DoesNotContain(Root.Descendants(), e => e.Name.LocalName == "script");
    }

    public IEnumerable<XElement> All(string localName) => Root.Descendants(Ns + localName);

    public IEnumerable<XElement> WithClass(string cssClass) =>
        Root.Descendants().Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cssClass) == true);

    public string[] Texts(string cssClass) => WithClass(cssClass).Select(e => e.Value).ToArray();

    /// <summary>Tick labels of one axis ("x-axis" or "y-axis").</summary>
    public string[] TickLabels(string axis) =>
        WithClass(axis).Single().Descendants().Where(e => (string?)e.Attribute("class") == "tick-label").Select(e => e.Value).ToArray();

    public XElement[] Polylines => All("polyline").ToArray();

    public static int PointCount(XElement polyline) => ((string)polyline.Attribute("points")!).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    public static double Attr(XElement e, string name) => double.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);
}
