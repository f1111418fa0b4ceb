"""The report's charts, drawn straight to SVG in the house theme.

Why not Altair and vl-convert, the usual pairing: Vega lays out text through vl-convert at
about 0.7 ms per character, so a report's 20 to 25 charts cost 2 to 3 s (the status
overview with its long objective titles alone 0.5 s), plus 0.8 s to start the JavaScript
engine in each kernel; that was most of a report's build time above the cost of starting
its notebook (issue 7). The charts are three fixed shapes (a trend line, stacked bars), so
they are drawn directly, in well under a millisecond each, following Vega's own rules so
they look as Altair drew them: "nice" linear scales ticked as d3-scale does (nice to about
10 steps, about one tick per 40 px), point scales with half a step of padding, band scales
with 10% padding, d3-format's fixed precision and minus sign, Vega's label truncation with
an ellipsis. Text widths come from DejaVu Sans's metrics (the theme's first font). The
tests draw the same data through Altair and vl-convert and check the axes agree.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from html import escape

E10, E5, E2 = math.sqrt(50), math.sqrt(10), math.sqrt(2)
# Advance widths of DejaVu Sans 2.37 (regular and bold) in em, for ASCII 32-126, read from
# the font's hmtx table with fontTools; other characters count as 0.7 em.
_ASCII = "".join(chr(c) for c in range(32, 127))
_REGULAR = dict(zip(_ASCII, [
    0.318, 0.401, 0.46, 0.838, 0.636, 0.95, 0.78, 0.275, 0.39, 0.39, 0.5, 0.838, 0.318, 0.361,
    0.318, 0.337, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.337,
    0.337, 0.838, 0.838, 0.838, 0.531, 1.0, 0.684, 0.686, 0.698, 0.77, 0.632, 0.575, 0.775,
    0.752, 0.295, 0.295, 0.656, 0.557, 0.863, 0.748, 0.787, 0.603, 0.787, 0.695, 0.635, 0.611,
    0.732, 0.684, 0.989, 0.685, 0.611, 0.685, 0.39, 0.337, 0.39, 0.838, 0.5, 0.5, 0.613, 0.635,
    0.55, 0.635, 0.615, 0.352, 0.635, 0.634, 0.278, 0.278, 0.579, 0.278, 0.974, 0.634, 0.612,
    0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592, 0.818, 0.592, 0.592, 0.525, 0.636, 0.337,
    0.636, 0.838,
], strict=True))  # fmt: skip
_BOLD = dict(zip(_ASCII, [
    0.348, 0.456, 0.521, 0.838, 0.696, 1.002, 0.872, 0.306, 0.457, 0.457, 0.523, 0.838, 0.38,
    0.415, 0.38, 0.365, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696,
    0.4, 0.4, 0.838, 0.838, 0.838, 0.58, 1.0, 0.774, 0.762, 0.734, 0.83, 0.683, 0.683, 0.821,
    0.837, 0.372, 0.372, 0.775, 0.637, 0.995, 0.837, 0.85, 0.733, 0.85, 0.77, 0.72, 0.682, 0.812,
    0.774, 1.103, 0.771, 0.724, 0.725, 0.457, 0.365, 0.457, 0.838, 0.5, 0.5, 0.675, 0.716, 0.593,
    0.716, 0.678, 0.435, 0.716, 0.712, 0.343, 0.343, 0.665, 0.343, 1.042, 0.712, 0.687, 0.716,
    0.716, 0.493, 0.595, 0.478, 0.712, 0.652, 0.924, 0.645, 0.652, 0.582, 0.712, 0.365, 0.712,
    0.838,
], strict=True))  # fmt: skip
_OTHER = {"–": 0.5, "—": 1.0, "’": 0.318, "…": 1.0, "£": 0.636, "−": 0.838, "✓": 0.838,
          "→": 0.838, "◐": 0.873, "✗": 0.838}  # fmt: skip


def _tick_spec(start: float, stop: float, count: float) -> tuple[int, int, float]:
    """d3-array's tickSpec (d3-array/src/ticks.js, ISC licence): integers i1..i2 and the
    increment; a negative increment means "divide by -inc" (exact for decimal steps)."""
    step = (stop - start) / max(0.0, count)
    power = math.floor(math.log10(step))
    error = step / 10**power
    factor = 10 if error >= E10 else 5 if error >= E5 else 2 if error >= E2 else 1
    if power < 0:
        inc = 10 ** (-power) / factor
        i1, i2 = round(start * inc), round(stop * inc)
        if i1 / inc < start:
            i1 += 1
        if i2 / inc > stop:
            i2 -= 1
        inc = -inc
    else:
        inc = 10**power * factor
        i1, i2 = round(start / inc), round(stop / inc)
        if i1 * inc < start:
            i1 += 1
        if i2 * inc > stop:
            i2 -= 1
    if i2 < i1 and 0.5 <= count < 2:
        return _tick_spec(start, stop, count * 2)
    return i1, i2, inc


def ticks(start: float, stop: float, count: int) -> list[float]:
    """d3.ticks: about ``count`` round values from start to stop, both included if round."""
    if start == stop:
        return [start]
    i1, i2, inc = _tick_spec(start, stop, count)
    if inc < 0:
        return [(i1 + i) / -inc for i in range(i2 - i1 + 1)]
    return [(i1 + i) * inc for i in range(i2 - i1 + 1)]


def tick_increment(start: float, stop: float, count: int) -> float:
    return _tick_spec(start, stop, count)[2]


def nice(start: float, stop: float, count: int = 10) -> tuple[float, float]:
    """d3-scale's linear.nice(count): widen the domain to round numbers."""
    previous = None
    for _ in range(10):
        step = tick_increment(start, stop, count)
        if step == previous:
            break
        if step > 0:
            start, stop = math.floor(start / step) * step, math.ceil(stop / step) * step
        elif step < 0:
            start, stop = math.ceil(start * step) / step, math.floor(stop * step) / step
        else:
            break
        previous = step
    return start, stop


def tick_labels(values: list[float]) -> list[str]:
    """d3-format's ",f" at the precision of the tick step, with its minus sign."""
    step = values[1] - values[0] if len(values) > 1 else 1.0
    decimals = max(0, -math.floor(math.log10(abs(step)) + 1e-9)) if step else 0
    return [f"{v:,.{decimals}f}".replace("-", "−") for v in values]


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in px of ``text`` set in DejaVu Sans at ``size`` px."""
    table = _BOLD if bold else _REGULAR
    return sum(table.get(c, _OTHER.get(c, 0.7)) for c in text) * size


def truncate(text: str, limit: float, size: float) -> str:
    """Vega's label truncation: the longest start of ``text`` that fits with an ellipsis."""
    if text_width(text, size) <= limit:
        return text
    while text and text_width(text + "…", size) > limit:
        text = text[:-1]
    return text + "…"


def _text(x: float, y: float, text: str, size: float, fill: str, **attrs: object) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return (
        f'<text x="{x:.2f}" y="{y:.2f}" font-size="{size}" fill="{fill}"{extra}>'
        f"{escape(text)}</text>"
    )


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str, **attrs: object) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return (
        f'<line x1="{x1:.2f}" y1="{y1:.2f}" x2="{x2:.2f}" y2="{y2:.2f}" stroke="{stroke}"{extra}/>'
    )


def _frame(width: float, height: float, font: str, body: list[str]) -> str:
    w, h = round(width), round(height)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" font-family="{escape(font)}">'
        f'<rect width="{w}" height="{h}" fill="white"/>' + "".join(body) + "</svg>"
    )


def _axis_titles(
    axis: dict, w: float, h: float, left: float, x_title: str, y_title: str | None
) -> list[str]:
    """Bold axis titles: centred under the x axis, and turned up the left edge."""
    size, ink = axis["titleFontSize"], axis["titleColor"]
    out = [
        _text(w / 2, h + 2 * axis["labelFontSize"] + 15, x_title, size, ink,
              text_anchor="middle", font_weight="bold"),
    ]  # fmt: skip
    if y_title:
        out += [
            f'<g transform="translate({-(left - size - 2)},{h / 2:.2f}) rotate(-90)">',
            _text(0, 0, y_title, size, ink, text_anchor="middle", font_weight="bold"),
            "</g>",
        ]
    return out


def span_domain(values: list[float], min_span: float) -> tuple[float, float]:
    """The data's range, widened about its middle to at least ``min_span`` so that a small
    change is not drawn as a steep one (issue 25: 20.567 to 20.574 drawn full height), and
    not below 0 when no value is negative."""
    lo, hi = min(values), max(values)
    if hi - lo < min_span:
        mid = (lo + hi) / 2
        lo, hi = mid - min_span / 2, mid + min_span / 2
        if lo < 0 <= min(values):
            lo, hi = 0.0, min_span
    return lo, hi


@dataclass(frozen=True)
class LinearScale:
    """A d3/Vega linear scale from a data domain to [0, length] px, niced and ticked."""

    lo: float
    hi: float
    length: float
    reverse: bool = False  # y axes grow upwards

    @classmethod
    def fit(
        cls, values: list[float], length: float, reverse: bool = False, min_span: float = 0.0
    ) -> LinearScale:
        lo, hi = span_domain(values, min_span)
        if lo == hi:  # one value: give the axis some room around it
            lo, hi = lo - max(1.0, abs(lo) * 0.1), hi + max(1.0, abs(hi) * 0.1)
        return cls(*nice(lo, hi, 10), length, reverse)

    def __call__(self, v: float) -> float:
        frac = (min(max(v, self.lo), self.hi) - self.lo) / (self.hi - self.lo)
        return (1 - frac) * self.length if self.reverse else frac * self.length

    def ticks(self) -> list[float]:
        return ticks(self.lo, self.hi, math.ceil(self.length / 40))


def _every_year(labels: set[str]) -> list[str]:
    """Financial-year labels from the first to the last with none left out, so that a
    year without data keeps its place on the axis ("2021-22" ... "2024-25")."""
    if not labels or not all(re.fullmatch(r"\d{4}-\d{2}", s) for s in labels):
        return sorted(labels)
    starts = [int(s[:4]) for s in labels]
    return [f"{y}-{(y + 1) % 100:02d}" for y in range(min(starts), max(starts) + 1)]


@dataclass(frozen=True)
class TrendChart:
    """Observed values (with optional interval bars) and a dashed target path or threshold.

    ``observed`` rows are (year, value, lower, upper); ``reference`` rows are (year, value).
    ``theme`` is the house theme (:data:`.charts.THEME`)."""

    title: str
    y_title: str
    observed: tuple[tuple[str, float, float | None, float | None], ...]
    reference: tuple[tuple[str, float], ...]
    line_colour: str
    reference_colour: str
    theme: dict
    width: int = 460
    height: int = 200
    min_span: float = 0.0  # the value axis shows at least this range (see span_domain)
    y_domain: tuple[float, float] | None = None  # fixed (a print copy keeps the screen's)
    reference_label: str = ""  # names the dashed line at its end ("Target", "Threshold")

    def y_scale(self) -> LinearScale:
        """The value axis: every value, interval end and reference point, niced (or the
        fixed ``y_domain``)."""
        if self.y_domain is not None:
            return LinearScale(*self.y_domain, self.height, True)
        values = [v for r in self.observed for v in r[1:] if v is not None]
        return LinearScale.fit(
            values + [r[1] for r in self.reference], self.height, True, self.min_span
        )

    def to_svg(self) -> str:
        t, axis = self.theme, self.theme["axis"]
        size, title_size, ink = axis["labelFontSize"], t["title"]["fontSize"], axis["labelColor"]
        years = _every_year({r[0] for r in self.observed} | {r[0] for r in self.reference})
        y = self.y_scale()
        y_ticks = y.ticks()
        labels = tick_labels(y_ticks)
        band = self.width / len(years)  # point scale, padding 0.5: half a step at each end

        def x(year: str) -> float:
            return band * (years.index(year) + 0.5)

        left = round(max(text_width(s, size) for s in labels) + 7 + 4 + size + 6)
        top, h, w = (title_size + 14 if self.title else 10), self.height, self.width
        body = [
            _text(
                5, title_size + 3, self.title, title_size, t["title"]["color"], font_weight="bold"
            )
            if self.title
            else "",
            f'<g transform="translate({left},{top})">',
        ]
        for v, text in zip(y_ticks, labels, strict=True):
            body += [
                _line(0, y(v), w, y(v), axis["gridColor"]),
                _line(-5, y(v), 0, y(v), axis["tickColor"]),
                _text(-7, y(v) + size * 0.35, text, size, ink, text_anchor="end"),
            ]
        body += [_line(0, 0, 0, h, axis["domainColor"]), _line(0, h, w, h, axis["domainColor"])]
        for year in years:
            body += [
                _line(x(year), h, x(year), h + 5, axis["tickColor"]),
                _text(x(year), h + 7 + size, year, size, ink, text_anchor="middle"),
            ]
        body += _axis_titles(axis, w, h, left, "Financial year", self.y_title)
        for year, _, lower, upper in self.observed:
            if lower is not None and upper is not None:
                body.append(_line(x(year), y(lower), x(year), y(upper), "#555", stroke_width=1.5))
        stroke = t["line"]["strokeWidth"]
        if self.reference:
            pts = " ".join(f"{x(yr):.2f},{y(v):.2f}" for yr, v in self.reference)
            body.append(
                f'<polyline points="{pts}" fill="none" stroke="{self.reference_colour}" '
                f'stroke-width="{stroke}" stroke-dasharray="6,4"/>'
            )
            if self.reference_label:  # text in the axis ink: the line's colour is too light
                end, v = self.reference[-1]
                up = y(v) - 6 if y(v) > size + 2 else y(v) + size + 4
                body.append(_text(x(end), up, self.reference_label, size, ink, text_anchor="end"))
        # a year without a figure (withheld, or none) is a gap in the line, not bridged
        # (GSS, "Data visualisation: charts", 2023: show missing data as a break)
        runs: list[list[tuple[str, float]]] = []
        for yr, v, _, _ in self.observed:
            if runs and years.index(yr) == years.index(runs[-1][-1][0]) + 1:
                runs[-1].append((yr, v))
            else:
                runs.append([(yr, v)])
        for run in (r for r in runs if len(r) > 1):
            pts = " ".join(f"{x(yr):.2f},{y(v):.2f}" for yr, v in run)
            body.append(
                f'<polyline points="{pts}" fill="none" stroke="{self.line_colour}" '
                f'stroke-width="{stroke}"/>'
            )
        radius = math.sqrt(t["point"]["size"] / math.pi)  # Vega sizes points by area
        for yr, v, _, _ in self.observed:
            body.append(
                f'<circle cx="{x(yr):.2f}" cy="{y(v):.2f}" r="{radius:.2f}" '
                f'fill="{self.line_colour}"/>'
            )
        body.append("</g>")
        return _frame(left + w + 10, top + h + 52, t["font"], body)


@dataclass(frozen=True)
class StackedBars:
    """Horizontal bars, one per row, split into coloured segments, with a legend below.

    ``values[i][j]`` is row i's amount of series j; series are stacked left to right in
    their order, which is also the legend's. ``domain`` fixes the x scale (as 0-100 for
    percentages); without it the scale is niced from 0 to the largest row total."""

    title: str | None
    rows: tuple[str, ...]
    series: tuple[str, ...]
    colours: tuple[str, ...]
    values: tuple[tuple[float, ...], ...]
    x_title: str
    theme: dict
    y_title: str | None = None
    legend_title: str | None = None
    domain: tuple[float, float] | None = None
    width: int = 360
    step: int = 28  # px per row
    label_limit: float = 340

    def to_svg(self) -> str:
        t, axis, legend = self.theme, self.theme["axis"], self.theme["legend"]
        size, ink = axis["labelFontSize"], axis["labelColor"]
        h, w = self.step * len(self.rows), self.width
        if self.domain:
            x = LinearScale(*self.domain, w)
        else:
            x = LinearScale.fit([0.0, max(sum(r) for r in self.values)], w)
        labels = [truncate(r, self.label_limit, size) for r in self.rows]
        label_w = max(text_width(s, size) for s in labels)
        left = round(label_w + 7 + (size + 10 if self.y_title else 0) + 5)
        top = t["title"]["fontSize"] + 14 if self.title else 6
        body = []
        if self.title:
            body.append(
                _text(5, t["title"]["fontSize"] + 3, self.title, t["title"]["fontSize"],
                      t["title"]["color"], font_weight="bold")
            )  # fmt: skip
        body.append(f'<g transform="translate({left},{top})">')
        x_ticks = x.ticks()
        for v, text in zip(x_ticks, tick_labels(x_ticks), strict=True):
            body += [
                _line(x(v), 0, x(v), h, axis["gridColor"]),
                _line(x(v), h, x(v), h + 5, axis["tickColor"]),
                _text(x(v), h + 7 + size, text, size, ink, text_anchor="middle"),
            ]
        pad = self.step * 0.1  # band scale padding, as Vega's default for bars
        for i, (label, row) in enumerate(zip(labels, self.values, strict=True)):
            y0, start = i * self.step, 0.0
            for value, colour in zip(row, self.colours, strict=True):
                if value > 0:
                    x0, x1 = x(start), x(start + value)
                    body.append(
                        f'<rect x="{x0:.2f}" y="{y0 + pad:.2f}" width="{x1 - x0:.2f}" '
                        f'height="{self.step - 2 * pad:.2f}" fill="{colour}" stroke="white" '
                        'stroke-width="2"/>'
                    )
                start += value
            body.append(
                _text(-7, y0 + self.step / 2 + size * 0.35, label, size, ink, text_anchor="end")
            )
        body += [_line(0, 0, 0, h, axis["domainColor"]), _line(0, h, w, h, axis["domainColor"])]
        body += _axis_titles(axis, w, h, left, self.x_title, self.y_title)
        ly = h + 2 * size + 40
        if self.legend_title:
            body.append(
                _text(0, ly, self.legend_title, legend["titleFontSize"], ink, font_weight="bold")
            )
            ly += legend["titleFontSize"] + 8
        lx = widest = 0.0
        for name, colour in zip(self.series, self.colours, strict=True):
            item = size + 4 + text_width(name, legend["labelFontSize"])
            if lx > 0 and lx + item > w:  # wrap the legend rather than widen the chart
                lx, ly = 0.0, ly + size + 8
            body += [
                f'<rect x="{lx:.2f}" y="{ly - size + 1:.2f}" width="{size}" height="{size}" '
                f'fill="{colour}"/>',
                _text(lx + size + 4, ly, name, legend["labelFontSize"], ink),
            ]
            widest = max(widest, lx + item)
            lx += item + 14
        body.append("</g>")
        width = left + max(w, widest) + 10
        return _frame(width, top + ly + 10, t["font"], body)
