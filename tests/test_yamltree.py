"""The YAML layer: YAML 1.2 core-schema scalars, positions of keys, values and items, refusals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from generator.yamltree import BadScalar, YamlMap, YamlProblem, YamlSeq, parse_yaml


def value(text: str) -> object:
    return parse_yaml(f"v: {text}\n", 32)["v"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", "yes"),  # YAML 1.2: text, not a boolean
        ("on", "on"),
        ("true", True),
        ("FALSE", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("12", 12),
        ("1_000", 1000),
        ("017", 17),  # 1.2: a leading zero is not octal
        ("0o17", 15),
        ("0x1F", 31),
        ("-3", -3),
        ("9818.3", Decimal("9818.3")),
        ("1e3", Decimal("1e3")),
        (".inf", Decimal("Infinity")),
        ("2020-08-20", dt.date(2020, 8, 20)),
        ("2020-08-20 09:30:00", dt.datetime(2020, 8, 20, 9, 30)),
        ("'12'", "12"),
        ('"true"', "true"),
        ("!!str 12", "12"),
        ("!!int '12'", 12),
        ("! 12", "12"),
        ("9818.3万元", "9818.3万元"),
        ("1:30", "1:30"),  # no sexagesimal numbers in 1.2
    ],
)
def test_scalars_follow_the_yaml_1_2_core_schema(text, expected):
    got = value(text)
    assert got == expected and type(got) is type(expected)


def test_a_date_that_does_not_exist_and_a_huge_integer_stay_text_with_their_reason():
    bad = value("2020-02-30")
    assert isinstance(bad, BadScalar) and bad == "2020-02-30" and bad.key == "bad_date"
    huge = value("9" * 5000)
    assert isinstance(huge, BadScalar) and huge.key == "number_too_long" and huge.fields["digits"] == 5000


def test_every_key_value_and_item_knows_its_line_and_column():
    tree = parse_yaml("report:\n  id: x\n  keywords: [a, 'b']\nparts:\n  - heading: 一\n", 32)
    assert isinstance(tree, YamlMap) and isinstance(tree["report"]["keywords"], YamlSeq)
    assert tree.lc.key("parts") == (3, 0)
    assert tree["report"].lc.key("id") == (1, 2) and tree["report"].lc.value("id") == (1, 6)
    assert tree["report"]["keywords"].lc.item(1) == (2, 16)
    assert tree["parts"].lc.item(0) == (4, 4)
    assert list(tree) == ["report", "parts"]


@pytest.mark.parametrize(
    ("text", "key", "where"),
    [
        ("a: &x 1\nb: *x\n", "alias", (2, 4)),
        ("a: 1\n<<: {b: 2}\n", "merge_key", (2, 1)),
        ("a: !!python/object:os.system 1\n", "tag", (1, 4)),
        ("a: !custom 1\n", "tag", (1, 4)),
        ("a: 1\nb: 2\na: 3\n", "duplicate_key", (3, 1)),
        ("a: [1\n", "yaml_syntax", (2, 1)),
        ("a: 1\n---\nb: 2\n", "yaml_syntax", (2, 1)),
        ("? [a]\n: 1\n", "yaml_syntax", (1, 3)),
        ("a: " + "[" * 40 + "]" * 40 + "\n", "too_deep", (1, 35)),
    ],
)
def test_refusals_are_positioned(text, key, where):
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(text, 32)
    assert caught.value.key == key
    assert (caught.value.line, caught.value.column) == where


def test_an_empty_stream_is_none_and_a_quoted_merge_key_is_text():
    assert parse_yaml("", 32) is None
    assert parse_yaml("# only a comment\n", 32) is None
    assert parse_yaml("'<<': 1\n", 32) == {"<<": 1}


def test_no_pydantic_plugin_finder_is_imported():
    """Loading a source validates it with no pydantic plugin and never imports importlib.metadata (start-up cost)."""
    import subprocess
    import sys

    from conftest import SOURCE

    probe = (
        "import sys, generator; from generator.loader import load_report; "
        f"report = load_report({str(SOURCE)!r}); "
        "from pydantic.plugin._schema_validator import create_schema_validator; "
        "print(report.meta.id, 'importlib.metadata' in sys.modules, type(report.__pydantic_validator__).__name__)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["changying-2020-midyear", "False", "SchemaValidator"]


def test_without_libyaml_the_python_parser_gives_the_same_tree(monkeypatch):
    """Where PyYAML has no C binding its own parser is used: same values, same positions."""
    import yaml
    from conftest import SOURCE

    text = SOURCE.read_text(encoding="utf-8")
    fast = parse_yaml(text, 32)
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    slow = parse_yaml(text, 32)
    assert slow == fast

    def positions(node, path=()):
        if isinstance(node, YamlMap):
            for key, item in node.items():
                yield path + (key,), node.lc.key(key), node.lc.value(key)
                yield from positions(item, path + (key,))
        elif isinstance(node, YamlSeq):
            for index, item in enumerate(node):
                yield path + (index,), node.lc.item(index)
                yield from positions(item, path + (index,))

    assert list(positions(slow)) == list(positions(fast))
    with pytest.raises(YamlProblem) as caught:
        parse_yaml("a: &x 1\nb: *x\n", 32)
    assert (caught.value.key, caught.value.line, caught.value.column) == ("alias", 2, 4)
