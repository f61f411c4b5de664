"""Property: any date from 1890 to 2100, written in any supported style inside a Thai
sentence, is read back as exactly that date (the pre-1941 calendar included)."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.dates import parse
from extractors.datafiles import calendar
from extractors.thai_calendar import ce_to_be, ce_to_rs

MONTHS = calendar()["months"]
WEEKDAYS = [w["name"] for w in calendar()["weekdays"]]
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def full(d):
    return MONTHS[d.month - 1]["full"]


def abbr(d):
    return MONTHS[d.month - 1]["abbreviations"][0]  # "ม.ค."


def be(d):
    return ce_to_be(d.year, d.month)


STYLES = {
    "day month BE": lambda d: f"{d.day} {full(d)} {be(d)}",
    "วันที่ day month พ.ศ.": lambda d: f"วันที่ {d.day} {full(d)} พ.ศ. {be(d)}",
    "weekday": lambda d: f"วัน{WEEKDAYS[d.weekday()]}ที่ {d.day} {full(d)} {be(d)}",
    "thai digits": lambda d: f"{d.day} {full(d)} {be(d)}".translate(THAI_DIGITS),
    "abbreviated": lambda d: f"{d.day} {abbr(d)} {be(d)}",
    "dotless abbreviation": lambda d: f"{d.day} {abbr(d).replace('.', '')}. {be(d)}",
    "ค.ศ.": lambda d: f"{d.day} {full(d)} ค.ศ. {d.year}",
    "CE year": lambda d: f"{d.day} {full(d)} {d.year}",
    "numeric": lambda d: f"{d.day:02d}/{d.month:02d}/{be(d)}",
    "iso": lambda d: d.isoformat(),
}
# two-digit BE years name a year of the 2500s (1957-2056)
SHORT = {
    "short year": lambda d: f"{d.day} {abbr(d)} {be(d) % 100:02d}",
    "glued short year": lambda d: f"{d.day} {abbr(d)}{be(d) % 100:02d}",
}
TEMPLATES = ["เมื่อ{} ณ ศาลากลางจังหวัด", "ที่ประชุมกำหนดจัดงาน{}เป็นต้นไป", "วันนี้ ({}) เวลา 10.00 น. นาย", "{}\nนายกรัฐมนตรี"]

dates = st.dates(min_value=dt.date(1890, 1, 1), max_value=dt.date(2100, 12, 31))


def read_back(text):
    found = parse(text)
    assert len(found) == 1, (text, found)
    return found[0]


@settings(max_examples=1500, deadline=None)
@given(dates, st.sampled_from(sorted(STYLES)), st.sampled_from(TEMPLATES))
def test_every_style_reads_back(date, style, template):
    d = read_back(template.format(STYLES[style](date)))
    assert d["date"] == date.isoformat(), style
    assert "invalid_date" not in d["flags"] and "weekday_mismatch" not in d["flags"]


@settings(max_examples=500, deadline=None)
@given(st.dates(min_value=dt.date(1957, 4, 1), max_value=dt.date(2056, 12, 31)), st.sampled_from(sorted(SHORT)))
def test_two_digit_years(date, style):
    assert read_back(f"ประชุมเมื่อ {SHORT[style](date)} ที่ผ่านมา")["date"] == date.isoformat()


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=dt.date(1890, 4, 6), max_value=dt.date(1912, 12, 31)))
def test_rattanakosin_era(date):
    assert read_back(f"เมื่อวันที่ {date.day} {full(date)} ร.ศ. {ce_to_rs(date)}")["date"] == date.isoformat()


@settings(max_examples=600, deadline=None)
@given(dates, st.integers(1, 40), st.sampled_from(["same month", "cross month", "between"]))
def test_ranges_read_back_as_one_item(start, length, style):
    end = start + dt.timedelta(days=length)
    if style == "same month":
        if end.month != start.month or end.year != start.year:
            end = start.replace(day=min(start.day + 1, 28)) if start.day < 28 else start
            if end == start:
                return
        text = f"ระหว่างวันที่ {start.day}-{end.day} {full(start)} {be(start)}"
    elif style == "cross month":
        text = f"{start.day} {abbr(start)} - {end.day} {abbr(end)} {be(end)}"
    else:
        text = f"ระหว่างวันที่ {start.day} {full(start)} {be(start)} ถึงวันที่ {end.day} {full(end)} {be(end)}"
    d = read_back(f"จัดงาน{text} ณ ท้องสนามหลวง")
    assert (d["date"], d["end"]) == (start.isoformat(), end.isoformat()), text


@settings(max_examples=300, deadline=None)
@given(dates)
def test_month_and_year(date):
    d = read_back(f"ในเดือน{full(date)} {be(date)} ที่ผ่านมา")
    assert d["date"] == date.isoformat()[:7]
