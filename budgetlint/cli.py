"""Command line: ``budgetlint check | facts | config | rules | rule | serve``.

Exit codes of ``check``: 0 nothing at warning level or above, 1 findings,
2 a usage or config error or an input that could not be read (the other
inputs are still linted and reported).
"""
from __future__ import annotations

import json
import os
import sys
from typing import Optional

import click

from . import __version__
from .config import ConfigError, Resolver
from .ingest import InputError
from .report import FORMATTERS

LANG = click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
                    help="Message language (default zh, or the config's lang).")
CONFIG = click.option("--config", "config_file", type=click.Path(dir_okay=False),
                      help="Use this config file for every input instead of the nearest one.")


def _codes(value: Optional[str]) -> list[str]:
    return [c.strip().upper() for c in (value or "").split(",") if c.strip()]


def _fail(zh: str, en: str, lang: str) -> None:
    click.echo(f"budgetlint: {en if lang == 'en' else zh}", err=True)
    sys.exit(2)


def _resolver(config_file, lang, **overrides) -> Resolver:
    """Config files plus command-line overrides; a bad config file is one line and exit 2."""
    try:
        return Resolver(config_file, {"lang": lang, **overrides})
    except ConfigError as e:
        click.echo(f"budgetlint: {e.message(lang or 'zh')}", err=True)
        sys.exit(2)


def _print_errors(errors: list[InputError], lang: str) -> None:
    for e in errors:
        click.echo(f"budgetlint: {e.message(lang)}", err=True)


@click.group()
@click.version_option(__version__, prog_name="budgetlint")
def main() -> None:
    """budgetlint — 预决算公开文件算术一致性检查."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice([*FORMATTERS, "html"]),
              default="text", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the findings to FILE instead of stdout.")
@click.option("--select", help="Comma-separated codes or prefixes to run, replacing the config's selection (e.g. BL1,BL201).")
@click.option("--extend-select", help="Codes or prefixes to run in addition to the config's selection.")
@click.option("--ignore", help="Comma-separated codes or prefixes to disable.")
@LANG
@CONFIG
@click.option("--baseline", type=click.Path(dir_okay=False, exists=True), help="Report only findings not recorded in FILE.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Record every current finding in FILE and exit 0.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: CPU count).")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Lint on the Dask cluster with this scheduler (pip install 'budgetlint[dask]'); "
                   "every worker must see the files at the same absolute paths.")
@click.option("--progress/--no-progress", default=None,
              help="Progress line and closing summary on stderr (default: when stderr is a terminal and there are "
                   "more than three files).")
@click.option("--statistics", is_flag=True, help="Print a table of counts per code instead of the findings.")
@click.option("--summary", is_flag=True, help="Print a per-document table instead of the findings.")
@click.option("--summary-csv", type=click.Path(dir_okay=False), help="Write the per-document table to FILE as CSV.")
def check(paths, fmt, output, select, extend_select, ignore, lang, config_file, baseline, write_baseline, jobs,
          scheduler, progress, statistics, summary, summary_csv) -> None:
    """Lint documents (files or directories). Exit 0 clean, 1 findings, 2 input or config errors."""
    from . import batch
    from .checks import load_rules
    from .crossdoc import cross_check
    from .report.text import text_total

    resolver = _resolver(config_file, lang, select=_codes(select), extend_select=_codes(extend_select),
                         ignore=_codes(ignore))
    try:
        lang = lang or resolver.for_path(paths[0]).lang
        todo, errors = [], []
        for path, cfg, err in batch.collect(list(paths), resolver):
            if err:
                errors.append(err)
            else:
                todo.append((path, cfg))
    except ConfigError as e:
        _fail(e.message("zh"), e.message("en"), lang or "zh")
    todo.sort(key=lambda job: job[0])
    if not todo and not errors:
        click.echo("budgetlint: 没有要检查的文件（所有文件都被 exclude/include 排除）" if lang == "zh"
                   else "budgetlint: no files to check (every file was excluded by exclude/include)", err=True)
    bar = None
    if progress or (progress is None and sys.stderr.isatty() and len(todo) > 3):
        bar = batch.Progress(len(todo), lang)
    base = _load_baseline(baseline, lang) if baseline and not write_baseline else None
    # text and concise go out file by file as results arrive (in path order), unless a cross-document rule
    # may still add findings to a file once every file is read; other outputs need every finding
    cross_rules = [code for code, r in load_rules().items() if r.cross]
    stream = (fmt in ("text", "concise") and not (output or write_baseline or statistics or summary)
              and not any(cfg.enabled(code) for _, cfg in todo for code in cross_rules))
    done, located = [], []
    try:
        for r in batch.run(todo, jobs or os.cpu_count() or 1, scheduler, keep_documents=fmt == "html"):
            if bar:
                bar.step(r)
            if r.error:
                errors.append(r.input_error())
                continue
            done.append(r)
            if stream:
                located += _stream(r, base, fmt, lang, bar, bool(located))
    except InputError as e:  # the cluster cannot be reached
        _fail(e.message("zh"), e.message("en"), lang)
    if not stream:
        cross_check(done, dict(todo))
        for r in done:
            if base:
                r.findings = base.new(r.digest, r.findings)
            located += r.located()
    if bar:  # after the cross-document rules: its time and counts are the whole run's
        bar.recount(done)
        bar.clear()
        click.echo(f"budgetlint: {bar.summary()}", err=True)

    if write_baseline:
        from .baseline import write_baseline as write

        n = _writing(write_baseline, lang, lambda: write(write_baseline, [(r.digest, r.findings) for r in done]))
        click.echo(f"budgetlint: 已将 {n} 个问题记入 {write_baseline}" if lang == "zh"
                   else f"budgetlint: recorded {n} findings in {write_baseline}", err=True)
        _print_errors(errors, lang)
        sys.exit(2 if errors else 0)

    if stream:
        files = len({it.doc.path for it in located})
        rendered = text_total(located, files, lang) if fmt == "text" else ""
    elif fmt == "html":  # the page also shows each document's text and summary, so it takes the results
        from .report.html import format_html

        rendered = format_html(done, lang, errors)
    else:
        rendered = FORMATTERS[fmt](located, lang, [r.path for r in done])
    tables = []
    if statistics:
        tables.append(_statistics(located, lang))
    if summary or summary_csv:
        rows, headers = batch.summary_rows(done, lang), batch.SUMMARY_HEADERS[lang]
        if summary:
            from tabulate import tabulate

            tables.append(tabulate(rows, headers=headers))
        if summary_csv:
            _writing(summary_csv, lang, lambda: _write_csv(summary_csv, headers, rows))
    if output:
        _writing(output, lang, lambda: _write_text(output, rendered))
    elif not tables:
        click.echo(rendered, nl=False)
    for table in tables:
        click.echo(table)
    _print_errors(errors, lang)
    if errors:
        sys.exit(2)
    sys.exit(1 if any(it.finding.severity.rank >= 1 for it in located) else 0)


def _stream(r, base, fmt: str, lang: str, bar, after_first: bool) -> list:
    """Print one file's findings (text or concise) as soon as they are final; returns them located."""
    from .report.text import text_block

    if base:
        r.findings = base.new(r.digest, r.findings)
    items = r.located()
    if items:
        if bar:
            bar.clear()
        sep = "\n" if fmt == "text" and after_first else ""
        click.echo(sep + (text_block(items, lang) if fmt == "text" else FORMATTERS[fmt](items, lang)), nl=False)
    return items


def _load_baseline(file: str, lang: str):
    """The findings already accepted; a file that is not a baseline is one line and exit 2."""
    from .baseline import Baseline

    try:
        return Baseline(file)
    except (ValueError, KeyError, TypeError) as e:
        _fail(f"{file}: 不是有效的基线文件（{e}）", f"{file}: not a valid baseline file ({e})", lang)


def _writing(path: str, lang: str, write):
    """Run ``write``; a file that cannot be written is one line and exit 2."""
    try:
        return write()
    except OSError as e:
        _fail(f"{path}: 无法写入（{e.strerror}）", f"{path}: cannot write ({e.strerror})", lang)


def _write_text(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)


def _statistics(located, lang: str) -> str:
    """Counts per code, most frequent first (ruff's ``--statistics``)."""
    from collections import Counter

    from tabulate import tabulate

    from .checks import load_rules

    rules = load_rules()
    counts = Counter(it.finding.code for it in located)
    rows = [[n, code, rules[code].name if code in rules else ""] for code, n in
            sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    headers = ["数量", "代码", "规则"] if lang == "zh" else ["count", "code", "rule"]
    return tabulate(rows, headers=headers)


def _write_csv(path: str, headers: list[str], rows: list[list]) -> None:
    """UTF-8 with BOM, so that Excel opens the Chinese headers and paths correctly."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write(_csv_text(headers, rows))


def _csv_text(headers: list[str], rows: list[list]) -> str:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(headers)
    writer.writerows(rows)
    return buf.getvalue()


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True,
              help="json: every fact with its details; csv: one row per fact, for a spreadsheet or pandas.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE (CSV with a BOM for Excel).")
@LANG
@CONFIG
def facts(paths, fmt, output, lang, config_file) -> None:
    """Print every fact extracted, as JSON or CSV, with each document's unit, year and kind."""
    from .batch import collect
    from .engine import analyse
    from .identity import identify
    from .ingest import read_document
    from .tables.scores import score_facts
    from .tables.three_public import three_public_facts

    resolver = _resolver(config_file, lang)
    lang = lang or "zh"
    errors: list[InputError] = []
    out = []
    try:
        jobs = list(collect(list(paths), resolver))
    except ConfigError as e:
        _fail(e.message("zh"), e.message("en"), lang)
    for path, cfg, err in jobs:
        try:
            if err:
                raise err
            doc = read_document(path, cfg.max_file_size)
        except InputError as e:
            errors.append(e)
            continue
        ctx = analyse(doc, cfg)
        ident = identify(doc.text, cfg.document_settings(path))
        items = []
        for f in ctx.facts.facts:
            d = f.model_dump(mode="json")
            d["location"] = doc.locate(f.span).model_dump(exclude_none=True)
            items.append(d)
        fs = ctx.facts
        out.append({"path": doc.path, "unit": ident.unit, "year": ident.year, "kind": ident.kind,
                    "identity_source": ident.source, "coverage": round(fs.coverage, 4),
                    "numbers_seen": fs.numbers_seen, "numbers_used": fs.numbers_used,
                    "cells_seen": fs.cells_seen, "cells_used": fs.cells_used,
                    "report_year": fs.report_year, "facts": items,
                    "tables": [t.model_dump(mode="json") for t in ctx.tables],
                    "scores": score_facts(doc, ctx.tables),
                    "three_public": three_public_facts(doc, ctx.three_public),
                    "final_tables": [_final_table_json(doc, t) for t in ctx.final_tables]})
    if fmt == "csv":
        from .factcsv import HEADERS, fact_rows

        rows = [row for d in out for row in fact_rows(d, lang)]
        if output:
            _writing(output, lang, lambda: _write_csv(output, HEADERS[lang], rows))
        else:
            click.echo(_csv_text(HEADERS[lang], rows), nl=False)
    elif output:
        _writing(output, lang, lambda: _write_text(output, json.dumps(out, ensure_ascii=False, indent=1) + "\n"))
    else:
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
    _print_errors(errors, lang)
    sys.exit(2 if errors else 0)


def _final_table_json(doc, t) -> dict:
    """A recognised 决算 table as ``budgetlint facts`` shows it: each line's label, code and value cells."""
    return {"kind": t.kind, "name": t.name, "unit": t.unit,
            "location": doc.locate(t.span).model_dump(exclude_none=True),
            "lines": [{"label": ln.label, "code": ln.code, "side": ln.side,
                       "cells": {col: c.text.strip() for col, c in ln.cells.items()}} for ln in t.lines]}


@main.command("config")
@click.argument("path", default=".", type=click.Path())
@LANG
@CONFIG
def config_cmd(path, lang, config_file) -> None:
    """Print the effective configuration for PATH (a file or folder) as TOML, and where it came from."""
    resolver = _resolver(config_file, lang)
    try:
        cfg = resolver.for_path(path)
    except ConfigError as e:
        _fail(e.message("zh"), e.message("en"), lang or "zh")
    if os.path.isfile(path):
        cfg = cfg.for_file(path)
    lang = lang or cfg.lang
    if cfg.source:
        click.echo(f"# 来自 {cfg.source}" if lang == "zh" else f"# from {cfg.source}")
    else:
        click.echo("# 未找到配置文件，使用默认值" if lang == "zh" else "# no config file found: defaults")
    click.echo(cfg.to_toml(), nl=False)


@main.command("rules")
@click.option("--markdown", is_flag=True, help="Print the rule table of the README (code, default severity, summary).")
def rules_cmd(markdown) -> None:
    """List every rule: code, default severity, summary."""
    from .checks import load_rules, rules_markdown

    if markdown:
        click.echo(rules_markdown(load_rules().values()), nl=False)
        return
    for code, r in load_rules().items():
        click.echo(f"{code}\t{r.severity.value}\t{r.name}\t{r.summary}")


@main.command("rule")
@click.argument("code")
def rule_cmd(code) -> None:
    """Print the documentation of one rule."""
    from .checks import load_rules

    r = load_rules().get(code.upper())
    if not r:
        click.echo(f"budgetlint: unknown rule {code}", err=True)
        sys.exit(2)
    click.echo(f"{r.code} {r.name} ({r.severity.value})\n\n{r.doc}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (another machine can reach the page only if this says so, e.g. 0.0.0.0).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free port).")
@click.option("--max-upload-mb", type=click.FloatRange(min=0, min_open=True), default=50.0, show_default=True,
              help="Largest upload accepted at once, in MB (all files together).")
@click.option("--max-files", type=click.IntRange(min=1), default=20, show_default=True,
              help="Most files accepted at once.")
@LANG
@CONFIG
def serve(host, port, max_upload_mb, max_files, lang, config_file) -> None:
    """A local page to check documents in a browser (needs: pip install 'budgetlint[web]')."""
    try:
        from .web.app import Limits, serve as run
    except ImportError as e:
        missing = (e.name or "").split(".")[0]
        _fail(f"serve 需要 web 组件（缺少 {missing}）：pip install 'budgetlint[web]'",
              f"serve needs the web extra (missing {missing}): pip install 'budgetlint[web]'", lang or "zh")
    try:
        cfg = _resolver(config_file, lang).for_path(".")
    except ConfigError as e:
        _fail(e.message("zh"), e.message("en"), lang or "zh")
    try:
        run(cfg, lang or cfg.lang, host, port, Limits(int(max_upload_mb * 1024 * 1024), max_files))
    except OSError as e:
        _fail(f"无法监听 {host}:{port}（{e.strerror}）", f"cannot listen on {host}:{port} ({e.strerror})", lang or "zh")
