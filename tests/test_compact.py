"""Memory savings must not change what the models and the blanking of table lines mean."""
from budgetlint.engine import _without
from budgetlint.facts import Amount, Num
from budgetlint.model import Span


def _amount(subject: str) -> Amount:
    span = Span(start=3, end=9)
    return Amount(span=span, subject=subject, entity=subject, key=subject,
                  value=Num.parse("791.59", span, unit="万元"))


def test_fields_set_keeps_pydantic_meaning_when_shared():
    a, b = _amount("收入"), _amount("支出")
    assert a.model_fields_set == {"span", "subject", "entity", "key", "value"}
    a.id = 7  # set after construction (FactSet.add numbers every fact)
    assert a.model_fields_set == {"span", "subject", "entity", "key", "value", "id"}
    assert b.model_fields_set == {"span", "subject", "entity", "key", "value"}  # the other is untouched
    assert "id" not in b.model_dump(exclude_unset=True) and a.model_dump(exclude_unset=True)["id"] == 7
    c = b.model_copy(update={"role": "决算"})
    assert c.role == "决算" and b.role == "" and c.value.value == b.value.value


def test_without_blanks_claimed_characters_but_keeps_line_breaks_and_offsets():
    text = "表头\t合计\n收入\t100\n正文说明。"
    # the first two lines claimed, in two overlapping spans given out of order
    out = _without(text, [Span(start=6, end=12), Span(start=0, end=8)])
    assert out == "  " + " " + "  " + "\n" + "  " + " " + "   " + "\n" + "正文说明。"
    assert len(out) == len(text)


def test_span_keeps_the_meaning_it_had_as_a_model():
    import pickle

    import pytest
    from pydantic import ValidationError

    a = _amount("收入")
    assert a.span == Span(start=3, end=9) and a.span != Span(start=3, end=8) and a.span != (3, 9)
    assert len({Span(start=3, end=9), Span(start=3, end=9), Span(start=0, end=9)}) == 2
    with pytest.raises(AttributeError):
        a.span.start = 4  # immutable, as the frozen model was
    dumped = a.model_dump(mode="json")
    assert dumped["span"] == {"start": 3, "end": 9} and dumped["value"]["span"] == {"start": 3, "end": 9}
    assert Amount.model_validate(a.model_dump()) == a  # a mapping is read back as a span
    assert Amount.model_validate_json(a.model_dump_json()) == a
    assert pickle.loads(pickle.dumps(a)) == a  # results travel to worker processes and Dask
    with pytest.raises(ValidationError):
        Num(text="1", value=1, decimals=0, span="3-9")


def test_cells_dump_and_compare_as_the_models_did():
    import pickle

    from budgetlint.model import Location
    from budgetlint.tables.model import Cell, Row, Table

    cell = Cell(text="1,234.50", span=Span(start=4, end=12))
    cell.col = 2  # readers number the columns after building the cells
    row = Row(cells=[cell], span=Span(start=0, end=12))
    assert row.cells[0] is cell and cell.number == 1234.5 and cell.decimals == 2
    assert Table(rows=[row]).model_dump(mode="json")["rows"][0]["cells"] == [
        {"text": "1,234.50", "span": {"start": 4, "end": 12}, "col": 2, "merged": False, "location": None}]
    cell.location = Location(line=1, column=5, end_line=1, end_column=13, page=3)
    assert Table(rows=[row]).model_dump()["rows"][0]["cells"][0]["location"]["page"] == 3
    assert cell == Cell(text="1,234.50", span=Span(start=4, end=12), col=2, location=cell.location)
    assert cell != Cell(text="1,234.50", span=Span(start=4, end=12))
    assert pickle.loads(pickle.dumps(row)) == row


def test_parsed_number_is_the_model_validation_would_build():
    import pickle
    from decimal import Decimal

    span = Span(start=10, end=16)
    n = Num.parse("−12.50", span, unit="万元")  # a minus sign as typed in Word
    v = Num(text="-12.50", value=Decimal("-12.50"), decimals=2, unit="万元", span=span, approx=False)
    assert n == v and repr(n) == repr(v) and n.model_dump(mode="json") == v.model_dump(mode="json")
    assert n.model_fields_set == v.model_fields_set == {"text", "value", "decimals", "unit", "span", "approx"}
    assert (n.value, n.decimals) == (Decimal("-12.50"), 2) and Num.parse("3000", span).decimals == 0
    assert pickle.loads(pickle.dumps(n)) == v
    n.unit = "元"  # set later, as assignment always did
    assert n.unit == "元" and v.unit == "万元" and n.model_dump()["unit"] == "元"


def test_setting_an_unknown_name_still_fails():
    import pytest

    a = _amount("收入")
    with pytest.raises(ValueError):
        a.no_such_field = 1
    assert "no_such_field" not in a.model_fields_set


def test_facts_of_a_kind_follow_additions_and_replacements_in_order():
    from budgetlint.facts import Change, FactBase, FactSet, Share

    fs = FactSet()
    a, b = fs.add(_amount("收入")), fs.add(_amount("支出"))
    sh = fs.add(Share(span=Span(start=0, end=1), value=Num.parse("50", Span(start=0, end=1), unit="%")))
    assert fs.of(Amount) == [a, b] and fs.of(Share) == [sh] and fs.of(Change) == []
    c = fs.add(_amount("结余"))  # added after the kinds were asked for
    assert [x.id for x in fs.of(Amount)] == [0, 1, 3] and fs.of(Amount)[-1] is c
    fs.of(Amount).clear()  # a new list each time: the set is not changed through it
    assert len(fs.of(Amount)) == 3
    fs.replace(1, sh2 := Share(span=Span(start=2, end=3), value=Num.parse("25", Span(start=2, end=3), unit="%")))
    assert fs.of(Amount) == [a, c] and fs.of(Share) == [sh2, sh] and sh2.id == 1
    assert [x.id for x in fs.of(FactBase)] == [0, 1, 2, 3]  # a base class: every kind, in the set's order
    assert FactSet(facts=[a, sh]).of(Share) == [sh]  # facts given to the constructor are filed too


def test_amount_read_from_prose_is_the_model_validation_would_build():
    from budgetlint.extract.assemble import extract_facts
    from budgetlint.normalize import normalize
    from budgetlint.segment import segment

    norm = normalize("2023年收入预算为791.59万元。")
    [a] = extract_facts(norm, segment(norm)).of(Amount)
    # by hand: the number 791.59 is at offsets 10-16 (after the ten characters 「2023年收入预算为」); the
    # statement runs from its subject to the number; the entity is 收入 (its year is no part of its name)
    span = Span(start=10, end=16)
    v = Amount(span=span, text="2023年收入预算为791.59", subject="2023年收入预算", entity="收入", role="budget",
               key="收入|budget", lead="2023年收入预算为", value=Num.parse("791.59", span, unit="万元"))
    v.id = 0
    assert a == v and repr(a) == repr(v) and a.model_dump(mode="json") == v.model_dump(mode="json")
    assert type(a.value.value) is type(v.value.value) and a.kind == "amount"
