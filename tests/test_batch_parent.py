"""What the parent process of a batch does: results stream back in path order whatever the chunks the
workers take, findings cross the process boundary unchanged, and the cross-document findings built
without validation are the ones validation would build."""
from __future__ import annotations

import pickle
from decimal import Decimal

from budgetlint.model import Evidence, Finding, Location, Operand, Severity, Span


def test_chunks_grow_with_the_run_but_every_worker_keeps_many():
    from budgetlint.batch import chunk_size

    assert chunk_size(10, 2) == 1  # a small run: one file at a time, no worker left with a long last chunk
    assert chunk_size(100, 2) == 2  # 100 files, 2 workers: 25 chunks each
    assert chunk_size(400, 2) == 4 and chunk_size(10_000, 2) == 4  # at most 4
    assert chunk_size(5, 1) == 1


def test_results_stream_in_path_order_with_chunks(tmp_path):
    from budgetlint.batch import run
    from budgetlint.config import Config

    # 120 short documents, each with its own total: chunks of 2 files per worker
    jobs = []
    for i in range(120):
        p = tmp_path / f"{i:03d}.txt"
        p.write_text(f"岳阳县财政局2023年部门决算公开说明\n本单位2023年收入合计{100 + i}.00万元，支出合计{100 + i}.00万元。\n",
                     encoding="utf-8")
        jobs.append((str(p), Config()))
    results = list(run(jobs, 2))
    assert [r.path for r in results] == [p for p, _ in jobs]
    assert all(r.error is None for r in results)
    assert [r.ledger.quantities[0].text for r in results[:2]] == ["100.00万元", "101.00万元"]


def _finding() -> Finding:
    span = Span(start=3, end=9)
    where = Location(line=2, column=4, end_line=2, end_column=10)
    ev = Evidence(stated="949.54万元", recomputed="949.45万元", difference="0.09万元",
                  operands=[Operand(label="收支总计", value="949.54万元", span=span),
                            Operand(label="收支总计", value="949.45万元", location=where, path="b.txt", line_text="…")])
    return Finding(code="BL953", severity=Severity.ERROR, span=span, message_zh="不符", message_en="differs",
                   evidence=ev, statement="收支总计949.54万元")


def test_a_finding_crosses_the_process_boundary_unchanged():
    f = _finding()
    g = pickle.loads(pickle.dumps(f))
    assert g == f and g.span == Span(start=3, end=9) and g.evidence.operands[1].location.line == 2
    assert g.model_dump_json() == f.model_dump_json()
    assert g.model_fields_set == {"code", "severity", "span", "message_zh", "message_en", "evidence", "statement"}


def test_a_cross_document_finding_is_the_one_validation_would_build():
    from budgetlint.config import Config
    from budgetlint.crossdoc import CrossContext, Ledger, Quantity
    from budgetlint.identity import Identity

    want = _finding()
    span, where = want.span, want.evidence.operands[1].location

    def quantity(text: str, lo: str, hi: str, location: Location, line: str = "") -> Quantity:
        return Quantity(key="收支总计", year=2023, basis="actual", lo=Decimal(lo), hi=Decimal(hi), text=text,
                        label="收支总计", span=span, location=location, line=line, statement="收支总计949.54万元")

    a = Ledger(path="a.txt", identity=Identity(unit="岳阳县财政局", year=2023))
    b = Ledger(path="b.txt", identity=Identity(unit="岳阳县财政局", year=2023))
    ctx = CrossContext([a, b], {"a.txt": Config()})
    ctx._code = "BL953"
    ctx.report(a, quantity("949.54万元", "9495350", "9495450", Location(line=1, column=1, end_line=1, end_column=2)),
               b, quantity("949.45万元", "9494450", "9494550", where, "…"), "不符", "differs")
    got = ctx.findings["a.txt"]
    assert len(got) == 1 and got[0].model_dump_json() == want.model_dump_json()  # difference: 0.09万元
    assert (got[0].message_zh, got[0].statement, got[0].span) == ("不符", "收支总计949.54万元", span)
