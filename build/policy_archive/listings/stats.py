"""统计, the statistics page: charts drawn at build time as static SVG, each with its numbers as a table.

The SVG is written from templates (templates/chart-*.svg.j2) and set inline in the page, so that its
bars and cells are links and its text is text (selectable, read by screen readers, drawn in the
reader's own Chinese font). A plotting library would measure the labels with a Chinese font installed on
the build machine and so draw different bytes on different machines; these charts are the same bytes
everywhere and need no font, no script and nothing from another host.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..document import Document
from ..extract.periods import years_covered
from ..knowledge import province_tiles, topics
from ..relations import Relations
from .grouping import fits_one_page, province_code, province_name
from .templating import render

# A chart is drawn at most PHONE_WIDTH wide, so that a phone (390 px, some 358 px for the content) shows it at
# about its own size: its 12 px labels stay at least 11 px tall (issue 27). Rows and cells are at least 24 px,
# the size WCAG 2.2 asks of a touch target. A wider heat map (more years than fit) is hidden on a phone, where
# its table below says the same.
PHONE_WIDTH = 340
BAR_HEIGHT = 24  # px per bar
LABEL_WIDTH = 150  # px for the labels left of the bars
BAR_WIDTH = 150  # px for the longest bar
HEAT_LABEL_WIDTH = 110  # px for the topic names left of the heat map (9 characters at 12 px)
CELL = 24  # px per heatmap cell
MOST_CITED = 20


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    path: str | None  # the docs/ page the bar links to


def bar_chart(bars: list[Bar]) -> dict:
    """What templates/chart-bars.svg.j2 draws: bars scaled to the largest value."""
    top = max((b.value for b in bars), default=1) or 1
    rows = [{"bar": b, "y": i * BAR_HEIGHT, "width": round(BAR_WIDTH * b.value / top, 1)} for i, b in enumerate(bars)]
    return {"rows": rows, "height": len(bars) * BAR_HEIGHT, "width": LABEL_WIDTH + BAR_WIDTH + 40, "label_width": LABEL_WIDTH}


def _year(doc: Document) -> str | None:
    year = doc.metadata.get("year")
    return str(year) if year else None


def per_year(docs: list[Document]) -> list[Bar]:
    """Documents per year, a plan for a period counted in every year it covers (as the year pages list it)."""
    counts = Counter(str(y) for d in docs for y in years_covered(d.metadata))
    return [Bar(f"{y}年", counts[y], f"years/{y}.md") for y in sorted(counts)]


def per_province(docs: list[Document]) -> list[Bar]:
    counts = Counter(province_code(d) for d in docs if d.metadata.get("region_code"))
    order = sorted(counts, key=lambda code: (-counts[code], code))
    return [Bar(province_name(code), counts[code], f"places/{code}.md") for code in order]


TILE = 42  # px per tile of the map (8 columns: within PHONE_WIDTH)


def province_map(docs: list[Document]) -> dict:
    """What templates/chart-tiles.svg.j2 draws: every province as a tile of the grid map
    (knowledge.province_tiles), shaded by its number of documents and linked to its list."""
    counts = Counter(province_code(d) for d in docs if d.metadata.get("region_code"))
    top = max(counts.values(), default=0) or 1
    tiles = [
        {
            "tile": t,
            "x": t.column * TILE,
            "y": t.row * TILE,
            "count": counts.get(t.code, 0),
            "opacity": round(0.15 + 0.85 * counts[t.code] / top, 2) if counts.get(t.code) else 0,
            "path": f"places/{t.code}.md" if counts.get(t.code) else None,
        }
        for t in province_tiles()
    ]
    rows = max(t.row for t in province_tiles()) + 1
    columns = max(t.column for t in province_tiles()) + 1
    return {"tiles": tiles, "tile": TILE, "width": columns * TILE, "height": rows * TILE}


def most_cited(docs: list[Document]) -> list[Bar]:
    titles = [t for t in Relations(docs).cited_titles() if not t.truncated][:MOST_CITED]
    return [Bar(f"《{t.title}》", len(t.references), f"documents/{t.held_id}.md" if t.held else "citations/index.md") for t in titles]


def topic_years(docs: list[Document]) -> dict:
    """Topic × year: the number of documents of each year with the topic among their main topics, a plan for a
    period counted in every year it covers (as the year pages and per_year count it); each cell links to that
    topic's documents of that year where the topic's list has a page for it, else to the topic's list."""
    years = sorted({str(y) for d in docs for y in years_covered(d.metadata)})
    rows = []
    for topic in topics()[0]:
        tagged = [d for d in docs if topic.name in (d.metadata.get("topics") or ())]
        counts = Counter(str(y) for d in tagged for y in years_covered(d.metadata))
        # (a long list has a page per year, each document under its own year: topics.topic_pages)
        year_pages = {y for d in tagged if (y := _year(d))} if not fits_one_page(len(tagged)) else set()
        cells = [
            {"year": y, "count": counts[y], "path": f"topics/{topic.slug}/{y}.md" if y in year_pages else f"topics/{topic.slug}.md"}
            for y in years
        ]
        rows.append({"topic": topic, "cells": cells, "total": len(tagged)})
    top = max((c["count"] for r in rows for c in r["cells"]), default=0) or 1
    for row in rows:
        for cell in row["cells"]:
            cell["opacity"] = round(0.15 + 0.85 * cell["count"] / top, 2) if cell["count"] else 0
    return {
        "years": years,
        "rows": rows,
        "cell": CELL,
        "label_width": HEAT_LABEL_WIDTH,
        "width": HEAT_LABEL_WIDTH + CELL * len(years) + 10,
        "wide": HEAT_LABEL_WIDTH + CELL * len(years) + 10 > PHONE_WIDTH,
        "height": CELL * (len(rows) + 2),
    }


def stats_pages(docs: list[Document]) -> dict[str, str]:
    """Charts of the archive: documents per year and per province, topic × year, most cited."""
    context = {
        "count": len(docs),
        "per_year": per_year(docs),
        "per_province": per_province(docs),
        "province_map": province_map(docs),
        "heatmap": topic_years(docs),
        "most_cited": most_cited(docs),
        "bar_chart": bar_chart,
    }
    return {"stats/index.md": render("stats/index.md", "stats.md.j2", **context)}
