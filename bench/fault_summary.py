"""The short Markdown account of a bench/faults run."""


def summary(results):
    """A short Markdown account of the headline figures; the .json beside it has them all."""
    machine = results["machine"]
    lines = [
        "# Fault suite",
        "",
        f"Run {results['started']} on {machine['cpus']} cores (load average {machine['load_before'][0]:.1f} before, "
        f"{machine.get('load_after', [0])[0]:.1f} after); `load_bulk {results['setup']['load_bulk']}`, two gunicorn "
        "servers (2 workers each) behind deploy/nginx, PostgreSQL and Redis of the run's own. All figures are in "
        "the .json file of the same name.",
        "",
        "| Fault | What the site did |",
        "| --- | --- |",
    ]
    for name, describe in HEADLINES.items():
        if name in results:
            value = results[name]
            text = value["failed"] if "failed" in value else describe(value)
            lines.append(f"| {name} | {text} |")
    return "\n".join(lines) + "\n"


def _db_hang(r):
    return (
        f"PostgreSQL stopped {r['hang_seconds']} s under {r['clients']} clients. `/healthz`: "
        f"{r['healthz_during']['statuses']}, slowest {r['healthz_during']['max_ms']} ms. Pages needing the database: "
        f"{r['during_uncached_pages']['statuses']}, slowest {r['during_uncached_pages']['max_ms']} ms, first error "
        f"{r['time_to_first_error_s']} s after the stop. Cached pages: {r['during_cached_pages']['statuses']}. After "
        f"resuming: all 200 again {r['time_to_recover_s']} s later ({r['after']['statuses']}), no restart."
    )


def _recycling(r):
    return (
        f"Workers recycled every 100-150 requests ({r['workers_seen']} seen in 30 s): {r['statuses']}, "
        f"p50/p95/p99/max {r['p50_ms']}/{r['p95_ms']}/{r['p99_ms']}/{r['max_ms']} ms."
    )


def _slowloris(r):
    n, d = r["nginx"], r["gunicorn_direct"]
    return (
        f"200 slow connections. Through nginx, other clients: {n['statuses']}, p50/p95 {n['p50_ms']}/{n['p95_ms']} "
        f"ms. Straight at gunicorn (no proxy): {d['statuses']}, p50 {d['p50_ms']} ms."
    )


def _uploads(r):
    return (
        f"{r['crafted_pptx_kb']} KB .pptx inflating to {r['crafted_slide_inflates_to_mb']} MB: upload "
        f"{r['upload_status']} in {r['upload_seconds']} s, warning logged: {r['warning_logged']}, largest worker RSS "
        f"increase {r['largest_rss_increase_mb']} MB. 200 MB body: `{r['oversized_body_answer']}` after "
        f"{r['oversized_body_refused_after_ms']} ms, nothing of it sent."
    )


def _password_reset(r):
    return (
        f"Medians over 50 tries: registered {r['median_ms']['registered']} ms, unknown {r['median_ms']['unknown']} ms "
        f"(difference {r['difference_ms']} ms). 8 quick posts through nginx: {r['through_nginx_statuses']}."
    )


def _lockout(r):
    return (
        f"An outsider's 5 wrong passwords for `editor`, then the right one: {r['outsider_statuses']}. The editor from "
        f"another address: {r['editor_elsewhere_status']}."
    )


def _error_page(r):
    return f"No static manifest: {r['status']}, the site's own page: {r['sites_own_page']}."


def _publishing_without_redis(r):
    return (
        f"{r['clients']} clients for {r['seconds']} s through nginx, Redis stopped for {r['redis_stopped_seconds']} s "
        f"in the middle, statements published in the admin ({r['published_through_the_admin']}) and by `add_child` + "
        f"`publish` (exit codes {r['published_in_a_shell_exit_codes']}): {r['statuses']}, "
        f"**{r['responses_5xx']} × 5xx**, p50/p95/max {r['p50_ms']}/{r['p95_ms']}/{r['max_ms']} ms."
    )


HEADLINES = {
    "publishing_without_redis": _publishing_without_redis,
    "db_hang": _db_hang,
    "recycling": _recycling,
    "slowloris": _slowloris,
    "uploads": _uploads,
    "password_reset": _password_reset,
    "lockout": _lockout,
    "error_page": _error_page,
}
