"""bench/pages.py's results as JSON, a Markdown table and an SVG plot drawn by hand (no matplotlib)."""

import json
from html import escape

# Issue 18's goals: 3x bakerydemo's share of the ceiling per page type; p95 in ms on PostgreSQL, 10k.
SHARE_GOALS = {"home": 0.046, "news_index": 0.073, "news_deep": 0.073, "article": 0.108, "policy_area": 0.064,
               "search": 0.049, "css": 0.9}  # fmt: skip
P95_GOALS = {"search": 150}
P95_GOAL = 100
FLAT_GOAL = 0.8
RSS_GOAL_MB = 200


def _rows(results):
    ceiling = results["ceiling"]["requests_per_second"]
    for name, site in results["sites"].items():
        demo = results["sites"].get(f"{site['database']}, demo")
        for key, row in site["pages"].items():
            share = row["requests_per_second"] / ceiling
            flat = None
            if site["content"] != "demo" and demo:
                flat = row["requests_per_second"] / demo["pages"][key]["requests_per_second"]
            p95_goal = P95_GOALS.get(key, P95_GOAL) if site["database"] == "postgres" and key != "css" else None
            yield name, key, row, share, flat, p95_goal


def _mark(ok):
    return "✓" if ok else "✗"


def markdown(results):
    ceiling = results["ceiling"]
    lines = [
        f"# Pages benchmark, {results['started'][:19]} UTC (commit {results['git']['commit'][:10]})",
        "",
        f"Ceiling (whitenoise alone, gunicorn -w 2): **{ceiling['requests_per_second']:.0f} req/s** "
        f"(p95 {ceiling['p95_ms']:.1f} ms). hey -z {results['settings']['duration_s']}s "
        f"-c {results['settings']['concurrency']}, {results['settings']['passes']} pass(es); load average "
        f"{results['load_average']['before'][0]:.1f} before, {results['load_average']['after'][0]:.1f} after "
        "(2 cores, shared).",
        "",
        "| site | page type | req/s | p95 ms | share of ceiling (goal) | 10k ÷ demo (goal 0.8) | p95 goal | non-200 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, key, row, share, flat, p95_goal in _rows(results):
        goal = SHARE_GOALS[key]
        flat_text = f"{flat:.2f} {_mark(flat >= FLAT_GOAL)}" if flat is not None and key != "css" else "—"
        p95_text = f"< {p95_goal} {_mark(row['p95_ms'] < p95_goal)}" if p95_goal else "—"
        lines.append(
            f"| {name} | {row['title']} | {row['requests_per_second']:.1f} | {row['p95_ms']:.0f} | "
            f"{share:.3f} ({goal} {_mark(share >= goal)}) | {flat_text} | {p95_text} | {row['non_200']} |"
        )
    lines += [
        "",
        "| site | news items | workers' RSS, MB (goal < 200) | after requests (both workers) |",
        "|---|---|---|---|",
    ]
    for name, site in results["sites"].items():
        rss = site["memory"]["workers_rss_mb"]
        ok = rss and max(rss) < RSS_GOAL_MB
        lines.append(
            f"| {name} | {site['news_items']} | {', '.join(f'{mb:.0f}' for mb in rss)} {_mark(ok)} | "
            f"{site['memory']['after_requests']} |"
        )
    return "\n".join(lines) + "\n"


def svg(results):
    """Bars: each page type's share of the ceiling per site (log scale), the goal as a tick."""
    import math

    rows = list(_rows(results))
    names = list(results["sites"])
    keys = [key for key in SHARE_GOALS if any(row[1] == key for row in rows)]
    width, height, left, top, bottom = 1100, 520, 70, 40, 110
    plot_w, plot_h = width - left - 20, height - top - bottom
    low, high = math.log10(0.005), math.log10(1.5)

    def y(share):
        share = min(max(share, 10**low), 10**high)
        return top + plot_h * (1 - (math.log10(share) - low) / (high - low))

    group = plot_w / len(keys)
    bar = group * 0.8 / len(names)
    colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
             'font-size="12"><rect width="100%" height="100%" fill="white"/>',
             f'<text x="{left}" y="20" font-size="14">Share of the static ceiling per page type (log scale); '
             'black tick: the goal</text>']  # fmt: skip
    for share in (0.01, 0.03, 0.1, 0.3, 1.0):
        parts.append(f'<line x1="{left}" x2="{width - 20}" y1="{y(share):.1f}" y2="{y(share):.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 8}" y="{y(share) + 4:.1f}" text-anchor="end">{share:g}</text>')
    by_key = {(name, key): share for name, key, _row, share, _flat, _goal in rows}
    for index, key in enumerate(keys):
        x0 = left + index * group + group * 0.1
        for number, name in enumerate(names):
            share = by_key.get((name, key))
            if share is None:
                continue
            x = x0 + number * bar
            parts.append(f'<rect x="{x:.1f}" y="{y(share):.1f}" width="{bar - 1:.1f}" '
                         f'height="{top + plot_h - y(share):.1f}" fill="{colours[number % 6]}"/>')  # fmt: skip
        goal_y = y(SHARE_GOALS[key])
        parts.append(f'<line x1="{x0:.1f}" x2="{x0 + bar * len(names):.1f}" y1="{goal_y:.1f}" y2="{goal_y:.1f}" '
                     'stroke="black" stroke-width="2"/>')  # fmt: skip
        title = escape(results["sites"][names[0]]["pages"][key]["title"])
        parts.append(
            f'<text x="{x0 + bar * len(names) / 2:.1f}" y="{top + plot_h + 18}" text-anchor="middle">{title}</text>'
        )
    for number, name in enumerate(names):
        x = left + number * 180
        parts.append(f'<rect x="{x}" y="{height - 40}" width="12" height="12" fill="{colours[number % 6]}"/>')
        parts.append(f'<text x="{x + 18}" y="{height - 30}">{escape(name)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def write_reports(stem, results):
    paths = {"json": stem.with_suffix(".json"), "md": stem.with_suffix(".md"), "svg": stem.with_suffix(".svg")}
    paths["json"].write_text(json.dumps(results, indent=2))
    paths["md"].write_text(markdown(results))
    paths["svg"].write_text(svg(results))
    return paths
