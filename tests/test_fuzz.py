"""Fuzzing ``analyze()``: arbitrary Unicode and generated Thai-heavy text (pieces of real
press-release language run together with noise) either give a document that validates
against the schema, with every span inside the text and giving back its text, or raise
the project's documented input error.  Nothing else: no IndexError from an extractor,
no schema failure, no spaCy error."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline import analyze
from pipeline.errors import InputError
from pipeline.output.schema import validate

from .test_pipeline import spans_of

# the language of press releases, in pieces: titles, posts, bodies, dates, venues, decisions
FRAGMENTS = [
    "นาย", "นางสาว", "พล.ต.อ.", "ดร.", "ผศ.", "รศ.ดร.", "ว่าที่ร้อยตรี", "ประธาน", "รองปลัดกรุงเทพมหานคร",
    "ผู้อำนวยการสำนัก", "ผู้ว่าราชการจังหวัด", "กรุงเทพมหานคร", "กระทรวงสาธารณสุข", "กรมควบคุมโรค",
    "สำนักงานเขต", "จังหวัดระยอง", "อำเภอ", "ตำบล", "วันที่", "วันจันทร์ที่", "มกราคม", "ม.ค.", "ธ.ค.",
    "พ.ศ.", "2565", "๒๕๖๕", "65", "20", "๒๐", "31", "-", "–", "ถึง", "เวลา", "10.00 น.", "๙.๓๐ น.", "น.",
    "ณ", "ห้องประชุม", "ชั้น", "อาคาร", "ศาลาว่าการ- ", "ผ่านระบบ", "Zoom", "ออนไลน์", "ที่ประชุม", "มีมติ",
    "เห็นชอบ", "อนุมัติ", "รับทราบ", "ให้", "ดำเนินการ", "(", ")", "“", "”", "|", "| |", "ฯ", "ๆ", "1.", "2.",
    "เมื่อวันที่", "วันนี้", "พรุ่งนี้", "ปีงบประมาณ", "ครั้งที่ 1/2565", "\u200b", "\ufeff", "\u0e4d\u0e32",
    "เ", "\u0e31\u0e31", "\ufffd", "กล่าวว่า", "และ", "โดย", "การประชุม", "คณะกรรมการ", "(ศปช.)", "ศปช.",
]
SEPARATORS = ["", "", " ", " ", "\n", "\n\n", "  ", "\t", "\r\n"]

thai_chars = st.characters(min_codepoint=0x0E00, max_codepoint=0x0E7F)
noise = st.text(alphabet=st.one_of(thai_chars, st.sampled_from(" \n.-/()0123456789")), max_size=12)
piece = st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(FRAGMENTS), noise)
thai_heavy = st.lists(st.tuples(piece, st.sampled_from(SEPARATORS)), min_size=1, max_size=80).map(
    lambda parts: "".join(p + s for p, s in parts)
)


def check(text: str) -> None:
    try:
        doc = analyze(text)
    except InputError as exc:
        assert exc.code and exc.message  # the documented error, with its code and message
        return
    validate(doc)
    n = len(doc["text"])
    for kind, item in spans_of(doc):
        s, e = item["span"]
        assert 0 <= s <= e <= n, (kind, item)
        if "text" in item:
            assert doc["text"][s:e] == item["text"], (kind, item)
        if "raw_span" in item:
            rs, re_ = item["raw_span"]
            assert 0 <= rs <= re_ <= len(text), (kind, item)


# THAIPRESS_FUZZ_EXAMPLES=5000 for a longer hunt than the test suite's
SETTINGS = settings(
    max_examples=int(os.environ.get("THAIPRESS_FUZZ_EXAMPLES", 150)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@SETTINGS
@given(st.text(max_size=300))
@example("")
@example("\x00\x01")
@example("ก")
@example("\u0e31\u0e48\u0e49")  # marks with nothing to sit on
def test_arbitrary_unicode(text):
    check(text)


@SETTINGS
@given(thai_heavy)
@example("นาย\nประธาน")
@example("วันที่ 31 - 2 ม.ค. 65 ถึง 30 ก.พ. 2565 เวลา 25.61 น.")
@example("ณ ห้องประชุม ชั้น อาคาร ผ่านระบบ ที่ประชุมมีมติ")
def test_thai_heavy_text(text):
    check(text)
