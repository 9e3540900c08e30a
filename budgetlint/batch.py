"""Batch runs: which files to lint, linting them in worker processes or on a cluster, per-document summaries.

Each file is linted on its own by ``lint_path`` (read → lint → per-file
ignores → suppressions → locate), a pure function of picklable inputs whose
result holds the findings and what is needed to print them, never the
document. So files can go to ``--jobs`` worker processes or to the workers
of a Dask cluster (``--scheduler``), results stream back in path order, and
findings are sorted by position: the output does not depend on where or in
how many processes the files were linted, and a run over 10,000 files holds
only their findings.
"""
from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

from .config import Config, Resolver
from .crossdoc import Ledger
from .document import Digest, Document
from .ingest import InputError, expand_paths, read_document
from .model import Finding


@dataclass
class FileResult:
    """The outcome for one input: its findings (with the digest to print them), or why it was not read."""

    path: str
    digest: Optional[Digest] = None
    findings: list[Finding] = field(default_factory=list)
    facts: int = 0
    unchecked: int = 0
    numbers_seen: int = 0
    numbers_used: int = 0
    error: Optional[tuple[str, str, str]] = None  # (path, zh, en): exceptions with custom args do not pickle
    ledger: Optional[Ledger] = None  # identity and comparable quantities, for the cross-document rules
    pages: int = 0  # PDF pages (0 for other formats)
    doc: Optional[Document] = None  # kept only on request (the HTML report shows the text)

    def input_error(self) -> Optional[InputError]:
        return InputError(*self.error) if self.error else None

    def located(self) -> list:
        from .report import locate

        return locate(self.digest, self.findings) if self.digest else []


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


def lint_path(path: str, config: Optional[Config] = None, keep_document: bool = False) -> FileResult:
    """Read and lint one file; any failure becomes a one-line error for this file only.

    Pure: it reads ``path`` and nothing else, writes nothing, and its inputs
    and result pickle, so it can run in another process or on another machine
    (that sees the file at the same path). ``config`` defaults to the built-in
    defaults (a command-line run passes the file's effective config). The
    cross-document rules run later, on the results' ledgers (``crossdoc``).
    The document itself is returned only with ``keep_document``.
    """
    from .checks import load_rules
    from .crossdoc import build_ledger
    from .engine import lint
    from .facts import Unparsed
    from .identity import identify
    from .suppress import apply_suppressions

    cfg = config or Config()
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
    digest = Digest.of(doc, findings, [q.span for q in ledger.quantities])
    return FileResult(path, digest, findings, facts=len(res.facts.facts) - unchecked, unchecked=unchecked,
                      numbers_seen=res.facts.numbers_seen, numbers_used=res.facts.numbers_used, ledger=ledger,
                      pages=len({reg.page for reg in doc.regions if reg.page is not None}),
                      doc=doc if keep_document else None)


def check_file(path: str, cfg: Config) -> FileResult:
    """``lint_path`` keeping the document (the HTML report and the web app show its text)."""
    return lint_path(path, cfg, keep_document=True)


def _lint_job(job: tuple[str, Config], keep_document: bool = False) -> FileResult:
    return lint_path(*job, keep_document=keep_document)


def _warm() -> None:
    """Load the rules and parsers once in the parent: forked workers inherit them."""
    from .checks import load_rules
    from .extract.parse import clause_parser

    load_rules()
    clause_parser()


def run(jobs_list: list[tuple[str, Config]], jobs: int, scheduler: Optional[str] = None,
        keep_documents: bool = False) -> Iterator[FileResult]:
    """Lint every (path, config) in ``jobs`` processes, or on the Dask cluster at ``scheduler``;
    results are yielded in the order given, each as soon as it and those before it are done."""
    if scheduler:
        yield from _on_cluster(jobs_list, scheduler, keep_documents)
        return
    from functools import partial

    _warm()
    job = partial(_lint_job, keep_document=keep_documents)
    jobs = max(1, min(jobs, len(jobs_list)))
    if jobs == 1:
        yield from map(job, jobs_list)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(job, jobs_list, chunksize=chunk_size(len(jobs_list), jobs))


def chunk_size(files: int, jobs: int) -> int:
    """How many files a worker takes at a time. One at a time, the parent pays a round trip per file
    (its threads hand the task and the result over, about 0.5 ms of CPU taken from the workers on two
    cores: 0.2 s of 400 files); four amortise most of it. Fewer for a small run, so that each worker
    still gets 25 chunks and none is left with a long last one while the others idle."""
    return max(1, min(4, files // (jobs * 25)))


def _on_cluster(jobs_list: list[tuple[str, Config]], address: str, keep_documents: bool) -> Iterator[FileResult]:
    """Map ``lint_path`` over a Dask distributed cluster (the ``dask`` extra); paths are sent as absolute
    paths, so every worker must see the files at the same place (shared storage), and results are
    labelled with the paths as given."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError(address, "需要安装 Dask：pip install 'budgetlint[dask]'",
                         "Dask is not installed: pip install 'budgetlint[dask]'") from None
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as e:
        raise InputError(address, f"无法连接 Dask 调度器（{e}）", f"cannot connect to the Dask scheduler ({e})") from None
    with client:
        futures = client.map(lint_path, [os.path.abspath(p) for p, _ in jobs_list], [c for _, c in jobs_list],
                             keep_document=keep_documents, pure=False)
        for (path, _), fut in zip(jobs_list, futures):
            yield _relabel(fut.result(), path)
            fut.release()


def _relabel(r: FileResult, path: str) -> FileResult:
    """The result of a file linted under its absolute path, reported under the path as given."""
    shown = r.path
    r.path = path
    for labelled in (r.digest, r.doc, r.ledger):
        if labelled is not None:
            labelled.path = path
    if r.error:
        r.error = (path if r.error[0] == shown else r.error[0], *r.error[1:])
    return r


class Progress:
    """``检查中 1234/10000 (12%) · 41 个/秒 · 剩余 3:35`` on one stderr line, rewritten as files are done,
    then a closing summary line."""

    def __init__(self, total: int, lang: str, stream=None):
        self.total, self.lang, self.stream = total, lang, stream or sys.stderr
        self.done = self.findings = self.with_findings = self.unread = 0
        self.start = self.last = time.monotonic()

    def step(self, r: FileResult) -> None:
        self.done += 1
        self.unread += r.error is not None
        self.findings += len(r.findings)
        self.with_findings += bool(r.findings)
        now = time.monotonic()
        if now - self.last >= 0.2 or self.done == self.total:
            self.last = now
            self.stream.write("\r" + self.line() + "\033[K")
            self.stream.flush()

    def recount(self, results: list[FileResult]) -> None:
        """Count the findings again once the cross-document rules have added theirs."""
        self.findings = sum(len(r.findings) for r in results)
        self.with_findings = sum(1 for r in results if r.findings)

    def clear(self) -> None:
        """Blank the line (before other output goes to the same terminal)."""
        self.stream.write("\r\033[K")
        self.stream.flush()

    def _rate(self) -> float:
        return self.done / max(time.monotonic() - self.start, 1e-9)

    def line(self) -> str:
        rate = self._rate()
        left = int((self.total - self.done) / rate) if rate else 0
        pct = 100 * self.done // max(self.total, 1)
        if self.lang == "en":
            return f"checking {self.done}/{self.total} ({pct}%) · {rate:.0f} files/s · {left // 60}:{left % 60:02d} left"
        return f"检查中 {self.done}/{self.total} ({pct}%) · {rate:.0f} 个/秒 · 剩余 {left // 60}:{left % 60:02d}"

    def summary(self) -> str:
        """Files, time, rate, findings (before baseline and output filters), unreadable files."""
        secs, rate = time.monotonic() - self.start, self._rate()
        if self.lang == "en":
            return (f"checked {self.done} files in {secs:.1f} s ({rate:.0f} files/s): {self.findings} findings in "
                    f"{self.with_findings} files, {self.unread} not read")
        return (f"已检查 {self.done} 个文件，用时 {secs:.1f} 秒（{rate:.0f} 个/秒）：{self.with_findings} 个文件"
                f"共 {self.findings} 个问题，{self.unread} 个无法读取")


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
        if r.digest is None:
            continue
        count = {s: sum(1 for f in r.findings if f.severity.value == s) for s in ("error", "warning", "info")}
        cross = sum(1 for f in r.findings if f.code in rules and rules[f.code].cross)
        ident = r.ledger.identity if r.ledger else None
        pages = r.pages or "-"
        rows.append([r.path, (ident and ident.unit) or "-", (ident and ident.year) or "-",
                     (ident and ident.label(lang)) or "-", pages, count["error"], count["warning"], count["info"],
                     r.facts, r.unchecked, _coverage(r.numbers_used, r.numbers_seen), cross])
    rows.sort(key=lambda row: (-row[5], -row[6], -row[11], -row[7], row[0]))
    read = [r for r in results if r.digest is not None]
    total = ["合计" if lang == "zh" else "total", "", "", "",
             sum(row[4] for row in rows if row[4] != "-") or "-",
             *(sum(row[k] for row in rows) for k in (5, 6, 7, 8, 9)),
             _coverage(sum(r.numbers_used for r in read), sum(r.numbers_seen for r in read)),
             sum(row[11] for row in rows)]
    return rows + [total]


def _coverage(used: int, seen: int) -> str:
    return f"{100 * used / seen:.1f}%" if seen else "-"
