"""Loading: the four encodings, HTML, and inputs that are not Thai press releases."""

import pytest
from hypothesis import given, strategies as st

from pipeline.errors import (
    EmptyInputError,
    InputError,
    NoThaiTextError,
    NotTextError,
    TooLargeError,
    UnsupportedFileError,
)
from pipeline.loading import load_bytes, load_file

from .conftest import SAMPLES

THAI = "วันพุธที่ 12 มกราคม 2565 นางสาวปิยะนุช รัตนพันธ์ รองปลัดกระทรวงยุติธรรม เป็นประธานการประชุม “คณะอนุกรรมการ”\n"


@pytest.mark.parametrize(
    "encoded, expected",
    [
        (THAI.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + THAI.encode("utf-8"), "utf-8 (BOM)"),
        (THAI.encode("utf-16"), "utf-16 (BOM)"),
        (b"\xfe\xff" + THAI.encode("utf-16-be"), "utf-16 (BOM)"),
        (THAI.replace("“", "").replace("”", "").encode("tis-620"), "tis-620"),
        (THAI.encode("cp874"), "windows-874"),  # curly quotes are 0x93/0x94: Windows-874 only
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "tis-620", "windows-874"],
)
def test_encodings_are_detected(encoded, expected):
    src = load_bytes(encoded, path="x.txt")
    assert src.encoding == expected
    assert "ปิยะนุช รัตนพันธ์" in src.text
    assert not src.text.startswith("\ufeff")


def test_tis620_sample_file():
    src = load_file(SAMPLES / "agriculture-budget-tis620.txt")
    assert src.encoding == "tis-620"
    assert src.text.startswith("วันอังคารที่ 25 สิงหาคม 2563")


def test_mostly_utf8_with_broken_bytes_is_kept_and_counted():
    data = THAI.encode("utf-8") * 3
    data = data[:50] + b"\xff\xfe" + data[50:]
    src = load_bytes(data)
    assert src.encoding == "utf-8"
    assert src.invalid_bytes == 2
    assert src.to_json()["invalid_bytes"] == 2


def test_html_drops_scripts_and_navigation():
    src = load_file(SAMPLES / "chiangmai-culture-festival.html")
    assert src.media_type == "text/html"
    assert src.html_title.startswith("เชียงใหม่เตรียมจัดงาน")
    assert "dataLayer" not in src.text and "gtag" not in src.text
    assert "ติดต่อเรา" not in src.text  # navigation
    assert "ข่าวที่เกี่ยวข้อง" not in src.text  # aside
    # an inline <b> stays inside its line
    assert "และผ่านระบบ Zoom Meeting ผู้ว่าราชการจังหวัดเชียงใหม่ (นายนิรันดร์ แสงสุวรรณ) เป็นประธาน" in src.text


def test_html_sniffed_without_extension():
    html = ("<html><body><p>" + THAI + "</p><script>var x = 'ไม่ใช่ข่าว';</script></body></html>").encode()
    src = load_bytes(html)
    assert src.media_type == "text/html"
    assert "ไม่ใช่ข่าว" not in src.text


@pytest.mark.parametrize(
    "data, error, words",
    [
        (b"", EmptyInputError, "empty"),
        (b"   \n\n\t ", EmptyInputError, "white space"),
        (bytes(range(256)) * 8, NotTextError, "binary"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200) + b"IHDR", NotTextError, "binary"),
        ("Bangkok, 12 January 2022 - The Ministry of Justice held a meeting today.\n".encode() * 5,
         NoThaiTextError, "no Thai"),
        ("สวัสดี hello world this is an English text with a Thai word\n".encode() * 3, NoThaiTextError, "no Thai"),
    ],
    ids=["empty", "whitespace", "binary", "png", "english", "mostly-english"],
)
def test_bad_inputs_get_clear_errors(data, error, words):
    with pytest.raises(error) as info:
        load_bytes(data, path="bad.txt")
    assert isinstance(info.value, InputError)
    assert words in str(info.value)
    assert "bad.txt" in str(info.value)


def test_too_large_and_unsupported(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(THAI.encode() * 10)
    with pytest.raises(TooLargeError, match="MB"):
        load_file(big, max_bytes=100)
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(UnsupportedFileError, match=".pdf"):
        load_file(pdf)


@given(st.text(alphabet=st.characters(min_codepoint=0x0DF0, max_codepoint=0x0E60) | st.characters(), max_size=200))
def test_thai_letters_are_counted_as_the_regex_counts_them(text):
    import re

    from pipeline.loading import _thai_letters

    assert _thai_letters(text) == len(re.findall(r"[\u0e01-\u0e4e]", text))
    assert _thai_letters(text + "\ud800") == _thai_letters(text)  # a lone surrogate from a bad decode
