"""Command line: ``budgetlint check | facts | rules | rule``."""
from __future__ import annotations

import json
import sys

import click

from . import __version__
from .config import Config
from .ingest import InputError, expand_paths, read_document

LANG = click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Message language (default zh).")


def _codes(value: str | None) -> list[str]:
    return [c.strip().upper() for c in (value or "").split(",") if c.strip()]


def _config(lang, select=None, ignore=None) -> Config:
    cfg = Config()
    if lang:
        cfg.lang = lang
    if select:
        cfg.select = _codes(select)
    if ignore:
        cfg.ignore = _codes(ignore)
    return cfg


def _documents(paths, cfg: Config, errors: list[InputError]):
    """Yield readable documents; unreadable inputs are collected, the rest still linted."""
    for path, err in expand_paths(list(paths)):
        if err:
            errors.append(err)
            continue
        try:
            yield read_document(path, cfg.max_file_size)
        except InputError as e:
            errors.append(e)


def _print_errors(errors: list[InputError], lang: str) -> None:
    for e in errors:
        click.echo(f"budgetlint: {e.message(lang)}", err=True)


@click.group()
@click.version_option(__version__, prog_name="budgetlint")
def main() -> None:
    """budgetlint — 预决算公开文件算术一致性检查."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--select", help="Comma-separated codes or prefixes to enable (e.g. BL1,BL201).")
@click.option("--ignore", help="Comma-separated codes or prefixes to disable.")
@LANG
def check(paths, fmt, select, ignore, lang) -> None:
    """Lint documents (files or directories). Exit 0 clean, 1 findings, 2 input errors."""
    from .engine import lint
    from .report import FORMATTERS, locate

    cfg = _config(lang, select, ignore)
    errors: list[InputError] = []
    located = []
    for doc in _documents(paths, cfg, errors):
        located.extend(locate(doc, lint(doc, cfg).findings))
    click.echo(FORMATTERS[fmt](located, cfg.lang), nl=False)
    _print_errors(errors, cfg.lang)
    if errors:
        sys.exit(2)
    sys.exit(1 if any(it.finding.severity.rank >= 1 for it in located) else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@LANG
def facts(paths, lang) -> None:
    """Print every fact extracted, as JSON, with the share of numbers understood."""
    from .engine import analyse
    from .tables.scores import score_facts

    cfg = _config(lang)
    errors: list[InputError] = []
    out = []
    for doc in _documents(paths, cfg, errors):
        ctx = analyse(doc, cfg)
        items = []
        for f in ctx.facts.facts:
            d = f.model_dump(mode="json")
            d["location"] = doc.locate(f.span).model_dump(exclude_none=True)
            items.append(d)
        cov = ctx.facts.numbers_used / ctx.facts.numbers_seen if ctx.facts.numbers_seen else 1.0
        out.append({"path": doc.path, "coverage": round(cov, 4), "numbers_seen": ctx.facts.numbers_seen,
                    "numbers_used": ctx.facts.numbers_used, "facts": items,
                    "tables": [t.model_dump(mode="json") for t in ctx.tables],
                    "scores": score_facts(doc, ctx.tables)})
    click.echo(json.dumps(out, ensure_ascii=False, indent=1))
    _print_errors(errors, cfg.lang)
    sys.exit(2 if errors else 0)


@main.command("rules")
def rules_cmd() -> None:
    """List every rule: code, default severity, summary."""
    from .checks import load_rules

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
