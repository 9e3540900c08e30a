"""The per-machine cache of the clause lexer's compiled regexes (``grammar_cache.CachedRegexes``)."""
import pickle
import re

from budgetlint.grammar_cache import CachedRegexes, _program

# named groups, a look-ahead, a class with CJK characters and a flag: what the lexer's alternations hold
PATTERN = r"(?P<NUMBER>\d+(?:\.\d+)?)|(?P<UNIT>万元|元)|(?P<TEXT>[^\s\d,;。]+(?=\d|$))"
TEXTS = ["收入合计100.5万元", "其中：财政拨款收入60万元", "abc", "", "，。"]


def _scan(pattern: re.Pattern, text: str) -> list[tuple[str, str]]:
    """(group name, text) of each match, scanning as a lexer does."""
    out, pos = [], 0
    while pos < len(text):
        m = pattern.match(text, pos)
        if not m:
            pos += 1
            continue
        out.append((m.lastgroup, m.group(0)))
        pos = m.end()
    return out


def test_a_later_process_gets_the_same_pattern_from_the_file(tmp_path):
    first = CachedRegexes(tmp_path).compile(PATTERN, re.M)
    files = list(tmp_path.glob("re-*.pickle"))
    assert len(files) == 1
    again = CachedRegexes(tmp_path).compile(PATTERN, re.M)  # a new instance: read from the file
    plain = re.compile(PATTERN, re.M)
    assert _scan(plain, TEXTS[0]) == [("TEXT", "收入合计"), ("NUMBER", "100.5"), ("UNIT", "万元")]
    for text in TEXTS:
        assert _scan(first, text) == _scan(again, text) == _scan(plain, text)
    assert again.groupindex == plain.groupindex and again.flags == plain.flags and again.pattern == PATTERN


def test_a_file_of_another_pattern_or_a_broken_one_is_compiled_again(tmp_path):
    CachedRegexes(tmp_path).compile(PATTERN)
    (path,) = tmp_path.glob("re-*.pickle")
    other = r"(?P<X>x)"
    path.write_bytes(pickle.dumps((other, _program(other, 0))))  # a sound program, of another pattern
    assert _scan(CachedRegexes(tmp_path).compile(PATTERN), TEXTS[1]) == _scan(re.compile(PATTERN), TEXTS[1])
    assert pickle.loads(path.read_bytes())[0] == PATTERN  # rewritten
    path.write_bytes(b"not a pickle")
    assert _scan(CachedRegexes(tmp_path).compile(PATTERN), TEXTS[0]) == _scan(re.compile(PATTERN), TEXTS[0])


def test_where_re_internals_differ_it_is_re(tmp_path, monkeypatch):
    def other_python(pattern, flags):
        raise ImportError("no re._parser")

    monkeypatch.setattr("budgetlint.grammar_cache._program", other_python)
    assert CachedRegexes(tmp_path).compile(PATTERN) is re.compile(PATTERN)
    assert not list(tmp_path.iterdir())


def test_without_a_cache_folder_it_is_re():
    assert CachedRegexes(None).compile(PATTERN) is re.compile(PATTERN)
    assert CachedRegexes(None).escape("a.b") == re.escape("a.b")
