"""Normalization: each repair, with the offset map back to the raw text checked."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize import fold_digits


@pytest.fixture(scope="module")
def normalize(nlp):
    return nlp.tokenizer.normalizer


def check_map(raw, norm, piece):
    """``piece`` is found in the normalized text, and its span maps back to the raw text."""
    start = norm.text.index(piece)
    rs, re_ = norm.raw_span(start, start + len(piece))
    return raw[rs:re_]


def test_hyphenated_line_wrap_is_joined(normalize):
    raw = "ณ ห้องนพรัตน์ ชั้น 5 ศาลาว่าการ- กรุงเทพมหานคร (เสาชิงช้า) นาย"
    n = normalize(raw)
    assert "ศาลาว่าการกรุงเทพมหานคร (เสาชิงช้า)" in n.text
    assert check_map(raw, n, "ศาลาว่าการกรุงเทพมหานคร") == "ศาลาว่าการ- กรุงเทพมหานคร"
    assert check_map(raw, n, "(เสาชิงช้า)") == "(เสาชิงช้า)"
    assert any(r["kind"] == "line_wrap_join" and r["raw_text"] == "- " for r in n.repairs)


def test_space_inside_an_agency_name_is_joined_from_the_dictionary(normalize):
    raw = "นายสุพรพล หนูครองสิน รองผู้อำนวยการสำนักยุทธศาสตร์และ ประเมินผล เป็นประธาน"
    n = normalize(raw)
    assert "รองผู้อำนวยการสำนักยุทธศาสตร์และประเมินผล เป็นประธาน" in n.text
    assert check_map(raw, n, "ประเมินผล") == "ประเมินผล"
    # phrase-separating spaces stay, names keep their space
    assert "นายสุพรพล หนูครองสิน รอง" in n.text


def test_spaces_between_words_stay(normalize):
    raw = "การประชุม ความร่วมมือ ระหว่างหน่วยงาน กรุงเทพมหานคร และภาคี หน่วยงานต่าง ๆ ที่เกี่ยวข้อง"
    assert normalize(raw).text == raw


def test_table_debris_and_web_labels_are_removed(normalize):
    raw = "วันจันทร์ที่ 29 มีนาคม 2564\nพิมพ์\nรอง นรม. ประชุม\nเนื้อหาข่าว ต่อไป | |\n"
    n = normalize(raw)
    assert "พิมพ์" not in n.text
    assert "|" not in n.text
    assert n.text == "วันจันทร์ที่ 29 มีนาคม 2564\nรอง นรม. ประชุม\nเนื้อหาข่าว ต่อไป\n"
    assert check_map(raw, n, "รอง นรม.") == "รอง นรม."
    kinds = {r["kind"] for r in n.repairs}
    assert {"table_debris", "web_label"} <= kinds


def test_zero_width_and_odd_spaces(normalize):
    raw = "อาคาร\u200bกระทรวงยุติธรรม\u00a0ถนนแจ้งวัฒนะ  กรุงเทพมหานคร\r\n"
    n = normalize(raw)
    assert n.text == "อาคารกระทรวงยุติธรรม ถนนแจ้งวัฒนะ กรุงเทพมหานคร\n"
    assert check_map(raw, n, "กระทรวงยุติธรรม") == "กระทรวงยุติธรรม"
    assert check_map(raw, n, "กรุงเทพมหานคร") == "กรุงเทพมหานคร"


def test_thai_orthography_with_pythainlp(normalize):
    raw = "คณะทํางาน เเละ นํ้า"  # SARA AM split into NIKHAHIT + SARA AA, doubled SARA E
    n = normalize(raw)
    assert n.text == "คณะทำงาน และ น้ำ"
    assert check_map(raw, n, "คณะทำงาน") == "คณะทํางาน"


def test_spaces_inside_syllables_from_pdf(normalize):
    raw = "เ ป็นประธาน ผู้อำนวยก าร"  # a space after a leading vowel, before a following vowel
    assert normalize(raw).text == "เป็นประธาน ผู้อำนวยการ"


def test_pua_glyphs_from_pdf_fonts(normalize):
    raw = "ที\uf70aประชุม ผู\uf70bแทน"  # MAI EK, MAI THO shifted into the Private Use Area
    n = normalize(raw)
    assert n.text == "ที่ประชุม ผู้แทน"
    assert check_map(raw, n, "ผู้แทน") == "ผู\uf70bแทน"


def test_digits_fold_with_same_offsets():
    assert fold_digits("๒๐ มกราคม ๒๕๖๕") == "20 มกราคม 2565"
    assert len(fold_digits("๑๓.๓๐ น.")) == len("๑๓.๓๐ น.")


thai_piece = st.sampled_from(
    ["การประชุม", "กรุงเทพมหานคร", "ศาลาว่าการ", "สำนักยุทธศาสตร์และ", "ประเมินผล", "นาย", "๒๕๖๕", "13.30 น.",
     " ", "  ", "- ", "\n", "\u200b", "| |", "ํา", "\u00a0", "ก", "เ", "่"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(thai_piece, max_size=25))
def test_normalization_map_is_consistent(nlp, pieces):
    raw = "".join(pieces)
    n = nlp.tokenizer.normalizer(raw)
    assert n.offsets.norm_length == len(n.text)
    assert n.offsets.raw_length == len(raw)
    for seg in n.offsets.segments:
        if seg.copy:
            assert n.text[seg.norm_start : seg.norm_end] == raw[seg.raw_start : seg.raw_end]
    starts = [n.offsets.raw_start(i) for i in range(len(n.text) + 1)]
    assert starts == sorted(starts)
    assert "\u200b" not in n.text and "  " not in n.text
