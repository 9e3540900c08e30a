"""Speed and memory benchmark: prints figures, asserts nothing (issue 11's table in one run).

Every budgetlint figure is printed beside a reference measured in the same
run on the same input, so the ratios hold on any machine:

- text throughput of ``check`` on the corpus texts, against the floor (read the
  file, NFKC-normalise it, regex-scan every number: what any linter must do);
- ``budgetlint check one-line.txt`` from a cold start, against ``python -c pass``;
- the 25-page 决算 PDF (text and ruled tables), against pdfplumber's plain text
  extraction of the same file;
- peak RSS and time on the corpus repeated 1×, 4× and 16× (16× is 2.9 MB);
- 400 documents of about 45 KB (cut from the corpus texts into a temporary
  folder) with ``--jobs 1`` and ``--jobs 2``, and the floor over the same files;
- with ``--dask``, the same 400 documents over a local Dask cluster of 1 and 2 workers.

Times are medians of ``--repeat`` runs, in CPU seconds (what the work costs,
steady when the machine is shared) beside wall seconds. Commands run in fresh
processes, with bytecode compiled as after ``pip install``, where start-up or
memory is measured.

    python scripts/bench.py [--corpus DIR] [--repeat N] [--dask] [--only ROW,...]
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
PDF = "pdf/shanghai-putuo-finance-bureau-2024-final-accounts.pdf"
ONE_LINE = "收入合计100万元，其中：财政拨款收入60万元，其他收入30万元。\n"
NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
ROWS = ("throughput", "cold", "pdf", "scaling", "batch", "dask")


def floor(paths: list[Path]) -> int:
    """What any linter must do: read, NFKC, find every number. Returns the numbers found."""
    n = 0
    for p in paths:
        n += len(NUMBER.findall(unicodedata.normalize("NFKC", p.read_bytes().decode("utf-8-sig"))))
    return n


def median_time(func, repeat: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``repeat`` calls."""
    walls, cpus = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        func()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus)


def budgetlint_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("budgetlint")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "budgetlint"]


# Runs the command and reports its wall time, CPU time and peak RSS. A small fresh interpreter starts it:
# a child forked from this (large) process would count this process's memory as its own peak.
_MEASURE = """
import resource, subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], stderr=subprocess.DEVNULL)
u = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stderr.write(f"{time.perf_counter() - t} {u.ru_utime + u.ru_stime} {u.ru_maxrss}")
"""
# as after `pip install`: modules compiled to bytecode once, not at every start
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(cmd: list[str]) -> tuple[float, float, float, bytes]:
    """Wall seconds, CPU seconds (all processes), peak RSS in MB and stdout of one command in a fresh process."""
    p = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, env=_ENV)
    wall, cpu, kb = p.stderr.decode().split()
    return float(wall), float(cpu), int(kb) / 1024, p.stdout


def run_median(cmd: list[str], repeat: int) -> tuple[float, float, float, bytes]:
    runs = [run(cmd) for _ in range(repeat)]
    return (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs), max(r[2] for r in runs),
            runs[-1][3])


def corpus_texts(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("*.txt"))


def make_documents(corpus: Path, folder: Path, n: int = 400, size: int = 45_000) -> list[Path]:
    """``n`` documents of about ``size`` bytes: windows of whole lines over the corpus texts, each
    starting further on (the corpus read as a ring), so that no two are the same."""
    lines = [ln for p in corpus_texts(corpus) + sorted((corpus / "wild").glob("*.txt"))
             for ln in p.read_text(encoding="utf-8").splitlines(keepends=True)]
    step = max(1, len(lines) // n)
    paths = []
    for i in range(n):
        out, k, got = [], i * step, 0
        while got < size:
            ln = lines[k % len(lines)]
            out.append(ln)
            got += len(ln.encode("utf-8"))
            k += 1
        path = folder / f"doc{i:04d}.txt"
        path.write_text("".join(out), encoding="utf-8")
        paths.append(path)
    return paths


def throughput(corpus: Path, repeat: int) -> None:
    from budgetlint import lint_path
    from budgetlint.config import Config

    paths = corpus_texts(corpus)
    mb = sum(p.stat().st_size for p in paths) / 1e6
    cfg = Config()
    lint_once = lambda: [lint_path(str(p), cfg) for p in paths]  # noqa: E731
    lint_once()  # imports, grammar, rule registry
    gc.freeze()  # then the collector as the command sets it (budgetlint.__main__.run)
    gc.set_threshold(50_000)
    # both measured in turn, rounds of a tenth of a second or less: medians of three times --repeat
    times = [(median_time(lint_once, 1), median_time(lambda: floor(paths), 1)) for _ in range(3 * repeat)]
    wall, cpu = statistics.median(t[0][0] for t in times), statistics.median(t[0][1] for t in times)
    ref_wall, ref_cpu = statistics.median(t[1][0] for t in times), statistics.median(t[1][1] for t in times)
    print(f"| text throughput, {len(paths)} corpus texts ({mb:.2f} MB) | {mb / cpu:.2f} MB/s CPU ({mb / wall:.2f} wall) "
          f"| floor {mb / ref_cpu:.1f} MB/s CPU ({mb / ref_wall:.1f} wall) | {cpu / ref_cpu:.1f}× the floor |")


def cold(repeat: int, tmp: Path) -> None:
    one = tmp / "one-line.txt"
    one.write_text(ONE_LINE, encoding="utf-8")
    cmd = budgetlint_cmd() + ["check", str(one)]
    run(cmd)  # bytecode written, files in the page cache
    wall, cpu, rss, _ = run_median(cmd, max(repeat, 5))
    ref_wall, ref_cpu, _, _ = run_median([sys.executable, "-c", "pass"], max(repeat, 5))
    print(f"| `budgetlint check one-line.txt`, cold | {cpu:.3f} s CPU ({wall:.3f} wall, {rss:.0f} MB) "
          f"| `python -c pass` {ref_cpu:.3f} s CPU ({ref_wall:.3f} wall) | {cpu - ref_cpu:.3f} s CPU above the interpreter |")


def pdf(corpus: Path, repeat: int) -> None:
    import pdfplumber
    import pypdfium2

    from budgetlint import lint_path
    from budgetlint.config import Config

    path = corpus / PDF
    pages = len(pypdfium2.PdfDocument(str(path)))
    cfg = Config()
    lint_path(str(path), cfg)
    wall, cpu = median_time(lambda: lint_path(str(path), cfg), repeat)

    def plumber() -> None:
        with pdfplumber.open(path) as doc:
            "\n".join(p.extract_text() or "" for p in doc.pages)

    ref_wall, ref_cpu = median_time(plumber, max(1, min(repeat, 3)))
    cold_wall, cold_cpu, _, _ = run_median(budgetlint_cmd() + ["check", str(path)], repeat)
    print(f"| {pages}-page 决算 PDF, tables included, warm | {cpu:.2f} s CPU ({wall:.2f} wall) "
          f"| pdfplumber text {ref_cpu:.2f} s CPU ({ref_wall:.2f} wall) | {ref_cpu / cpu:.1f}× faster |")
    print(f"| the same PDF, `budgetlint check` cold | {cold_cpu:.2f} s CPU ({cold_wall:.2f} wall) "
          f"| | {ref_cpu / cold_cpu:.1f}× faster than pdfplumber warm |")


def scaling(corpus: Path, repeat: int, tmp: Path) -> None:
    base = "\n".join(p.read_text(encoding="utf-8") for p in corpus_texts(corpus))
    ref_rss = run([sys.executable, "-c", "import budgetlint.engine"])[2]
    for k in (1, 4, 16):
        f = tmp / f"corpus-x{k}.txt"
        f.write_text("\n".join([base] * k), encoding="utf-8")
        wall, cpu, rss, _ = run_median(budgetlint_cmd() + ["check", "--jobs", "1", str(f)], repeat)
        mb = f.stat().st_size / 1e6
        print(f"| corpus ×{k} ({mb:.2f} MB), `check` | {cpu:.2f} s CPU ({wall:.2f} wall), peak RSS {rss:.0f} MB "
              f"| imports alone {ref_rss:.0f} MB | {mb / cpu:.2f} MB/s CPU, {(rss - ref_rss) / mb:.0f} MB per MB |")


def batch(corpus: Path, repeat: int, tmp: Path) -> Path:
    folder = tmp / "docs"
    folder.mkdir(exist_ok=True)
    paths = make_documents(corpus, folder)
    mb = sum(p.stat().st_size for p in paths) / 1e6
    _, ref = median_time(lambda: floor(paths), repeat)
    outputs, walls = {}, {}
    for jobs in (1, 2):
        wall, cpu, _, out = run_median(budgetlint_cmd() + ["check", "--jobs", str(jobs), str(folder)], repeat)
        outputs[jobs], walls[jobs] = out, wall
        print(f"| {len(paths)} documents ({mb:.1f} MB), `--jobs {jobs}` | {wall:.1f} s wall, {cpu:.1f} s CPU "
              f"(10,000 ≈ {wall * 25 / 60:.1f} min) | floor {ref:.2f} s CPU | {cpu / ref:.0f}× the floor (CPU) |")
    print(f"| `--jobs 2` over `--jobs 1` (wall) | {walls[1] / walls[2]:.2f}× | identical output: "
          f"{'yes' if outputs[1] == outputs[2] else 'NO'} ({hashlib.sha1(outputs[1]).hexdigest()[:8]}) | |")
    return folder


def dask(folder: Path, repeat: int) -> None:
    from distributed import LocalCluster

    local, _, _, expected = run(budgetlint_cmd() + ["check", "--jobs", "1", str(folder)])
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster:
            cmd = budgetlint_cmd() + ["check", "--scheduler", cluster.scheduler_address, str(folder)]
            run(cmd)  # workers import budgetlint and build the parser once
            wall, _, _, out = run_median(cmd, repeat)
        print(f"| Dask local cluster, {workers} worker{'s' * (workers > 1)} | {wall:.1f} s wall | `--jobs 1` {local:.1f} s wall "
              f"| same output as local: {'yes' if out == expected else 'NO'} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is printed")
    ap.add_argument("--dask", action="store_true", help="also time a local Dask cluster of 1 and 2 workers")
    ap.add_argument("--only", help=f"comma-separated rows among {', '.join(ROWS)}")
    a = ap.parse_args()
    rows = set(a.only.split(",")) if a.only else set(ROWS) - ({"dask"} if not a.dask else set())
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          f"medians of {a.repeat} runs\n")
    print("| measure | budgetlint | reference, same run | ratio |\n|---|---|---|---|")
    tmp = Path(tempfile.mkdtemp(prefix="budgetlint-bench-"))
    try:
        if "throughput" in rows:
            throughput(a.corpus, a.repeat)
        if "cold" in rows:
            cold(a.repeat, tmp)
        if "pdf" in rows:
            pdf(a.corpus, a.repeat)
        if "scaling" in rows:
            scaling(a.corpus, a.repeat, tmp)
        folder = batch(a.corpus, a.repeat, tmp) if rows & {"batch", "dask"} else None
        if "dask" in rows:
            dask(folder, a.repeat)
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
