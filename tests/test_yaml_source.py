"""yaml_source: what the faster composer (no YAML 1.1 tag resolution) must keep."""

import pytest

from portal import yaml_source


def test_scalars_stay_as_written_with_explicit_tags_ignored_and_lines_offset():
    located = yaml_source.load("a: !!int 072\nb: no\nc: 2568-02-30\nf:\n  - x\n", 5)
    assert located.data == {"a": "072", "b": "no", "c": "2568-02-30", "f": ["x"]}
    assert located.line("f", 0) == 9 and located.line("f") == 8 and located.line("a") == 5


def test_a_mapping_nested_700_deep_still_loads():
    # One Python frame per mapping level: the limit of "nested too deeply" is
    # the interpreter's recursion limit, not half of it.
    depth = 700
    data = yaml_source.load("{a: " * depth + "1" + "}" * depth).data
    for _ in range(depth):
        data = data["a"]
    assert data == "1"


def test_duplicate_key_names_the_first_line_even_after_a_nested_value():
    with pytest.raises(yaml_source.YamlSourceError) as error:
        yaml_source.load("k:\n  x: 1\nk: 2\n", 3)
    assert error.value.line == 5 and "ครั้งแรกที่บรรทัด 3" in error.value.message
