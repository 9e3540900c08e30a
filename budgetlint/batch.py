"""Batch runs: which files to lint, linting them in worker processes, and per-document summaries.

Each file is linted on its own (read → lint → per-file ignores →
suppressions), so files can go to ``--jobs`` worker processes; results are
put back in path order and findings sorted by position, so the output does
not depend on the number of jobs.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Iterator, Optional

from .config import Config, Resolver
from .crossdoc import Ledger
from .document import Document
from .ingest import InputError, expand_paths, read_document
from .model import Finding


@dataclass
class FileResult:
    """The outcome for one input: its document and findings, or the one-line reason it was not read."""

    path: str
    doc: Optional[Document] = None
    findings: list[Finding] = field(default_factory=list)
    facts: int = 0
    unchecked: int = 0
    numbers_seen: int = 0
    numbers_used: int = 0
    error: Optional[tuple[str, str, str]] = None  # (path, zh, en): exceptions with custom args do not pickle
    ledger: Optional[Ledger] = None  # identity and comparable quantities, for the cross-document rules

    def input_error(self) -> Optional[InputError]:
        return InputError(*self.error) if self.error else None


def collect(paths: list[str], resolver: Resolver) -> Iterator[tuple[str, Optional[Config], Optional[InputError]]]:
    """Files to lint with their config. Files named on the command line are always linted; files
    found by walking a directory must match the config's ``include`` globs (if any) and no ``exclude`` glob."""
    seen: set[str] = set()
    for arg in paths:
        for path, err in expand_paths([arg]):
            if err:
                yield path, None, err
                continue
            key = os.path.abspath(path)
            if key in seen:
                continue
            seen.add(key)
            cfg = resolver.for_path(path)
            if path != arg and (cfg.matches(path, cfg.exclude) or (cfg.include and not cfg.matches(path, cfg.include))):
                continue
            yield path, cfg.for_file(path), None


def check_file(path: str, cfg: Config) -> FileResult:
    """Read and lint one file; any failure becomes a one-line error for this file only."""
    from .checks import load_rules
    from .crossdoc import build_ledger
    from .engine import lint
    from .facts import Unparsed
    from .identity import identify
    from .suppress import apply_suppressions

    try:
        doc = read_document(path, cfg.max_file_size)
        res = lint(doc, cfg)
        findings = [f for f in res.findings if cfg.enabled(f.code)]
        cross = {code for code, r in load_rules().items() if r.cross}  # suppressed later, in crossdoc.cross_check
        findings = apply_suppressions(doc, findings, lambda c: cfg.enabled(c) and c not in cross, cfg.severity)
        ledger = build_ledger(res.context, identify(doc.text, cfg.document_settings(path)))
    except InputError as e:
        return FileResult(path, error=(e.path, e.zh, e.en))
    except Exception as e:  # a bug must not stop a batch of hundreds of files
        return FileResult(path, error=(path, f"内部错误 {type(e).__name__}: {e}", f"internal error {type(e).__name__}: {e}"))
    findings.sort(key=lambda f: (f.span.start, f.code, f.span.end))
    unchecked = sum(1 for f in res.facts.facts if isinstance(f, Unparsed))
    return FileResult(path, doc, findings, facts=len(res.facts.facts) - unchecked, unchecked=unchecked,
                      numbers_seen=res.facts.numbers_seen, numbers_used=res.facts.numbers_used, ledger=ledger)


def _check_job(job: tuple[str, Config]) -> FileResult:
    return check_file(*job)


def run(jobs_list: list[tuple[str, Config]], jobs: int, progress_label: Optional[str] = None) -> list[FileResult]:
    """Lint every (path, config), in ``jobs`` processes; results in the order given.

    A progress bar goes to stderr when ``progress_label`` is set (the caller
    decides: a terminal and more than a few files).
    """
    from .checks import load_rules

    load_rules()  # once in the parent, so forked workers inherit the registry
    jobs = max(1, min(jobs, len(jobs_list)))
    if jobs == 1:
        results: Iterator[FileResult] = map(_check_job, jobs_list)
        return _with_progress(results, len(jobs_list), progress_label)
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return _with_progress(pool.map(_check_job, jobs_list), len(jobs_list), progress_label)


def _with_progress(results: Iterator[FileResult], n: int, label: Optional[str]) -> list[FileResult]:
    if not label:
        return list(results)
    import click

    with click.progressbar(results, length=n, label=label, file=sys.stderr, show_pos=True) as bar:
        return list(bar)


SUMMARY_HEADERS = {
    "zh": ["文件", "单位", "年度", "类型", "页数", "错误", "警告", "提示", "事实", "未检查语句", "数字识别率", "跨文件问题"],
    "en": ["file", "unit", "year", "kind", "pages", "errors", "warnings", "info", "facts", "not checked",
           "numbers understood", "cross-document"],
}


def summary_rows(results: list[FileResult], lang: str = "zh") -> list[list]:
    """One row per document read, worst first (errors, then warnings, cross-document findings, info),
    then a total row: identity, pages, findings by severity, facts, statements not checked, coverage."""
    from .checks import load_rules

    rules = load_rules()
    rows = []
    for r in results:
        if r.doc is None:
            continue
        count = {s: sum(1 for f in r.findings if f.severity.value == s) for s in ("error", "warning", "info")}
        cross = sum(1 for f in r.findings if f.code in rules and rules[f.code].cross)
        ident = r.ledger.identity if r.ledger else None
        pages = len({reg.page for reg in r.doc.regions if reg.page is not None}) or "-"
        rows.append([r.path, (ident and ident.unit) or "-", (ident and ident.year) or "-",
                     (ident and ident.label(lang)) or "-", pages, count["error"], count["warning"], count["info"],
                     r.facts, r.unchecked, _coverage(r.numbers_used, r.numbers_seen), cross])
    rows.sort(key=lambda row: (-row[5], -row[6], -row[11], -row[7], row[0]))
    read = [r for r in results if r.doc is not None]
    total = ["合计" if lang == "zh" else "total", "", "", "",
             sum(row[4] for row in rows if row[4] != "-") or "-",
             *(sum(row[k] for row in rows) for k in (5, 6, 7, 8, 9)),
             _coverage(sum(r.numbers_used for r in read), sum(r.numbers_seen for r in read)),
             sum(row[11] for row in rows)]
    return rows + [total]


def _coverage(used: int, seen: int) -> str:
    return f"{100 * used / seen:.1f}%" if seen else "-"
