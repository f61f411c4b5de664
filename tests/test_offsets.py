from hypothesis import given
from hypothesis import strategies as st

from pipeline.offsets import OffsetMap, TextEdits


def test_single_pass_maps_back():
    ed = TextEdits("ab  cd-- ef")
    ed.replace(2, 4, " ")
    ed.delete(6, 8)
    text, m = ed.apply()
    assert text == "ab cd ef"
    assert m.span_to_raw(0, 2) == (0, 2)  # "ab"
    assert m.span_to_raw(3, 5) == (4, 6)  # "cd"
    assert m.span_to_raw(6, 8) == (9, 11)  # "ef"


def test_longer_overlapping_edit_wins():
    ed = TextEdits("x | |")
    ed.delete(1, 2)  # a trailing space ...
    ed.delete(1, 5)  # ... inside the table debris starting at the same place
    assert ed.apply()[0] == "x"


def test_composition_through_two_passes():
    raw = "ก  ข- ค"
    first = TextEdits(raw)
    first.replace(1, 3, " ")  # "ก ข- ค"
    t1, m1 = first.apply()
    second = TextEdits(t1)
    second.delete(3, 5)  # "ก ขค"
    t2, m2 = second.apply()
    m = m1.then(m2)
    assert t2 == "ก ขค"
    assert raw[slice(*m.span_to_raw(2, 3))] == "ข"
    assert raw[slice(*m.span_to_raw(3, 4))] == "ค"
    assert m.span_to_raw(0, 4) == (0, len(raw))


def test_serialization_round_trip():
    ed = TextEdits("abc def")
    ed.delete(3, 4)
    _, m = ed.apply()
    back = OffsetMap.from_list(m.to_list(), m.norm_length, m.raw_length)
    assert [back.raw_start(i) for i in range(7)] == [m.raw_start(i) for i in range(7)]


@given(st.text(alphabet="กข คง-|\n", max_size=60), st.data())
def test_copied_text_maps_to_itself(raw, data):
    """Whatever the edits, every character that was copied maps back to itself."""
    ed = TextEdits(raw)
    for _ in range(data.draw(st.integers(0, 5))):
        if not raw:
            break
        a = data.draw(st.integers(0, len(raw) - 1))
        b = data.draw(st.integers(a, min(len(raw), a + 4)))
        ed.replace(a, b, data.draw(st.sampled_from(["", " ", "x"])))
    text, m = ed.apply()
    for seg in m.segments:
        if seg.copy:
            assert text[seg.norm_start : seg.norm_end] == raw[seg.raw_start : seg.raw_end]
    starts = [m.raw_start(i) for i in range(len(text) + 1)]
    assert starts == sorted(starts)
