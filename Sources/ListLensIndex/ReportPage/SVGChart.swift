import ListLensText

/// The report page's charts as inline SVG: drawn from numbers only, labels escaped by
/// ``HTMLNode``, no script and nothing fetched.
enum SVGChart {
    /// Colours for series, in order; the last is for "other".
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"]

    static func fixed(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        return "\(tenths / 10).\(Swift.abs(tenths % 10))"
    }

    /// Stacked bars, one per period, a segment per series; a legend under it.
    static func stackedBars(id: String, periods: [String], series: [(name: String, values: [Int])]) -> HTMLNode {
        let width = 920.0, height = 260.0, left = 50.0, top = 10.0, bottom = 40.0
        let totals = periods.indices.map { i in series.reduce(0) { $0 + ($1.values.indices.contains(i) ? $1.values[i] : 0) } }
        let maximum = Double(max(totals.max() ?? 1, 1))
        let slot = (width - left - 10) / Double(max(periods.count, 1))
        let bar = max(slot * 0.8, 1)
        var nodes: [HTMLNode] = [axis(left: left, top: top, width: width, height: height, bottom: bottom, maximum: maximum)]
        for (i, period) in periods.enumerated() {
            var y = height - bottom
            let x = left + Double(i) * slot + (slot - bar) / 2
            for (k, s) in series.enumerated() {
                let v = s.values.indices.contains(i) ? s.values[i] : 0
                guard v > 0 else { continue }
                let h = Double(v) / maximum * (height - top - bottom)
                y -= h
                nodes.append(.el("rect", ["x": fixed(x), "y": fixed(y), "width": fixed(bar), "height": fixed(h),
                                          "fill": palette[k % palette.count], "data-series": s.name, "data-period": period,
                                          "data-value": String(v)], [.el("title", text: "\(s.name), \(period): \(v.grouped) messages")]))
            }
            // A label under every bar when they fit, else under every few.
            let every = max(1, Int((Double(periods.count) * 50 / (width - left)).rounded(.up)))
            if i % every == 0 {
                nodes.append(.el("text", ["x": fixed(left + Double(i) * slot + slot / 2), "y": fixed(height - bottom + 14),
                                          "text-anchor": "middle", "class": "tick"], text: period))
            }
        }
        return .el("div", [:], [
            .element("svg", [("id", id), ("viewBox", "0 0 \(Int(width)) \(Int(height))"), ("role", "img"), ("class", "chart")], nodes),
            legend(series.map(\.name)),
        ])
    }

    /// Horizontal bars with a label and a value each, largest first.
    static func horizontalBars(id: String, items: [(label: String, value: Int)]) -> HTMLNode {
        let row = 22.0, labelWidth = 240.0, width = 920.0
        let maximum = Double(max(items.map(\.value).max() ?? 1, 1))
        var nodes: [HTMLNode] = []
        for (i, item) in items.enumerated() {
            let y = Double(i) * row
            let w = Double(item.value) / maximum * (width - labelWidth - 70)
            nodes.append(.el("text", ["x": fixed(labelWidth - 6), "y": fixed(y + 15), "text-anchor": "end", "class": "label"], text: item.label))
            nodes.append(.el("rect", ["x": fixed(labelWidth), "y": fixed(y + 3), "width": fixed(max(w, 1)), "height": fixed(row - 6),
                                      "fill": palette[0], "data-label": item.label, "data-value": String(item.value)],
                             [.el("title", text: "\(item.label): \(item.value.grouped)")]))
            nodes.append(.el("text", ["x": fixed(labelWidth + max(w, 1) + 6), "y": fixed(y + 15), "class": "value"], text: item.value.grouped))
        }
        let height = max(Double(items.count) * row, row)
        return .element("svg", [("id", id), ("viewBox", "0 0 \(Int(width)) \(Int(height))"), ("role", "img"), ("class", "chart")], nodes)
    }

    /// A square of cells: row `from` replying to column `to`, darker for a larger share of the row's replies.
    static func heatMap(id: String, names: [String], cells: [(from: Int, to: Int, replies: Int, share: Double)]) -> HTMLNode {
        let cell = 34.0, labelWidth = 170.0, labelHeight = 120.0
        let size = Double(names.count) * cell
        var nodes: [HTMLNode] = []
        for (i, name) in names.enumerated() {
            nodes.append(.el("text", ["x": fixed(labelWidth - 6), "y": fixed(labelHeight + Double(i) * cell + cell * 0.6),
                                      "text-anchor": "end", "class": "label"], text: name))
            let x = labelWidth + Double(i) * cell + cell * 0.6
            nodes.append(.el("text", ["x": fixed(x), "y": fixed(labelHeight - 6), "class": "label",
                                      "transform": "rotate(-55 \(fixed(x)) \(fixed(labelHeight - 6)))"], text: name))
        }
        for c in cells {
            let x = labelWidth + Double(c.to) * cell, y = labelHeight + Double(c.from) * cell
            nodes.append(.el("rect", ["x": fixed(x), "y": fixed(y), "width": fixed(cell - 2), "height": fixed(cell - 2),
                                      "fill": palette[0], "fill-opacity": fixed(0.08 + 0.92 * c.share),
                                      "data-from": names[c.from], "data-to": names[c.to], "data-replies": String(c.replies)],
                             [.el("title", text: "\(names[c.from]) → \(names[c.to]): \(c.replies.grouped) replies, \(c.share.percent) of \(names[c.from])'s")]))
            if c.replies > 0 {
                nodes.append(.el("text", ["x": fixed(x + cell / 2 - 1), "y": fixed(y + cell * 0.6), "text-anchor": "middle",
                                          "class": c.share > 0.5 ? "cell light" : "cell"], text: String(c.replies)))
            }
        }
        let width = labelWidth + size + 10, height = labelHeight + size + 10
        return .element("svg", [("id", id), ("viewBox", "0 0 \(Int(width)) \(Int(height))"), ("role", "img"), ("class", "chart square")], nodes)
    }

    /// A line through each period's value (hours), with a dot per period that has one.
    static func line(id: String, periods: [String], values: [Double?], unit: String) -> HTMLNode {
        let width = 920.0, height = 220.0, left = 50.0, top = 10.0, bottom = 40.0
        let maximum = max(values.compactMap { $0 }.max() ?? 1, 1)
        let slot = (width - left - 10) / Double(max(periods.count, 1))
        var nodes: [HTMLNode] = [axis(left: left, top: top, width: width, height: height, bottom: bottom, maximum: maximum)]
        var points: [String] = []
        let every = max(1, Int((Double(periods.count) * 50 / (width - left)).rounded(.up)))
        for (i, period) in periods.enumerated() {
            let x = left + Double(i) * slot + slot / 2
            if i % every == 0 {
                nodes.append(.el("text", ["x": fixed(x), "y": fixed(height - bottom + 14), "text-anchor": "middle", "class": "tick"], text: period))
            }
            guard let v = values[i] else { continue }
            let y = height - bottom - v / maximum * (height - top - bottom)
            points.append("\(fixed(x)),\(fixed(y))")
            nodes.append(.el("circle", ["cx": fixed(x), "cy": fixed(y), "r": "3", "fill": palette[1], "data-period": period, "data-value": fixed(v)],
                             [.el("title", text: "\(period): \(fixed(v)) \(unit)")]))
        }
        nodes.insert(.el("polyline", ["points": points.joined(separator: " "), "fill": "none", "stroke": palette[1], "stroke-width": "2"]), at: 1)
        return .element("svg", [("id", id), ("viewBox", "0 0 \(Int(width)) \(Int(height))"), ("role", "img"), ("class", "chart")], nodes)
    }

    /// One bar split into parts that add up to the whole.
    static func parts(id: String, items: [(label: String, value: Int)]) -> HTMLNode {
        let width = 920.0, height = 30.0
        let total = Double(max(items.reduce(0) { $0 + $1.value }, 1))
        var x = 0.0
        var nodes: [HTMLNode] = []
        for (k, item) in items.enumerated() where item.value > 0 {
            let w = Double(item.value) / total * width
            nodes.append(.el("rect", ["x": fixed(x), "y": "0", "width": fixed(w), "height": fixed(height), "fill": palette[k % palette.count],
                                      "data-label": item.label, "data-value": String(item.value)],
                             [.el("title", text: "\(item.label): \(item.value.grouped) (\(Double.share(item.value, of: Int(total)).percent))")]))
            x += w
        }
        return .el("div", [:], [
            .element("svg", [("id", id), ("viewBox", "0 0 \(Int(width)) \(Int(height))"), ("role", "img"), ("class", "chart bar")], nodes),
            legend(items.map { "\($0.label): \($0.value.grouped) (\(Double.share($0.value, of: Int(total)).percent))" }),
        ])
    }

    static func axis(left: Double, top: Double, width: Double, height: Double, bottom: Double, maximum: Double) -> HTMLNode {
        .el("g", ["class": "axis"], [
            .el("line", ["x1": fixed(left), "y1": fixed(top), "x2": fixed(left), "y2": fixed(height - bottom), "stroke": "#999"]),
            .el("line", ["x1": fixed(left), "y1": fixed(height - bottom), "x2": fixed(width - 10), "y2": fixed(height - bottom), "stroke": "#999"]),
            .el("text", ["x": fixed(left - 6), "y": fixed(top + 10), "text-anchor": "end", "class": "tick"], text: fixed(maximum)),
            .el("text", ["x": fixed(left - 6), "y": fixed(height - bottom), "text-anchor": "end", "class": "tick"], text: "0"),
        ])
    }

    static func legend(_ names: [String]) -> HTMLNode {
        .el("ul", ["class": "legend"], names.enumerated().map { k, name in
            .el("li", [:], [.el("span", ["class": "swatch", "style": "background:\(palette[k % palette.count])"]), .text(name)])
        })
    }
}
