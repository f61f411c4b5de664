"""Dates: the seed's three dates, every written form, the Thai calendar rules, flags."""

import datetime as dt

import pytest

from extractors.dates import parse
from extractors.thai_calendar import NoSuchDate, be_to_ce, ce_to_be, fiscal_year

DOC = dt.date(2022, 1, 21)


def one(text, document_date=DOC):
    found = parse(text, document_date=document_date)
    assert len(found) == 1, found
    return found[0]


def test_seed_dates_match_the_gold(seed_doc):
    got = [(d["text"], d["date"], d["flags"], d.get("suggested")) for d in seed_doc["dates"]]
    assert got == [
        ("วันศุกร์ที่ 21 มกราคม พ.ศ. 2565", "2022-01-21", [], None),
        ("วันพฤหัสบดีที่ 20 มกราคม 2565", "2022-01-20", [], None),
        ("วันที่ 23 ธันวาคม 2565", "2022-12-23", ["date_after_document"], "2021-12-23"),
    ]
    # both weekdays were checked and found right
    assert [d.get("weekday") for d in seed_doc["dates"][:2]] == ["ศุกร์", "พฤหัสบดี"]
    assert seed_doc["document_date"]["date"] == "2022-01-21"
    flag = next(f for f in seed_doc["flags"] if f["code"] == "date_after_document")
    assert flag["suggested"] == "2021-12-23" and flag["item"] == seed_doc["dates"][2]["id"]
    assert seed_doc["text"][slice(*flag["span"])] == "วันที่ 23 ธันวาคม 2565"


@pytest.mark.parametrize(
    "text, date, end",
    [
        ("20 มกราคม 2565", "2022-01-20", None),
        ("๒๐ มกราคม ๒๕๖๕", "2022-01-20", None),
        ("20 ม.ค. 65", "2022-01-20", None),
        ("20 มค. 2565", "2022-01-20", None),
        ("25 ส.ค.63", "2020-08-25", None),
        ("วันศุกร์ที่ 21 มกราคม พ.ศ. 2565", "2022-01-21", None),
        ("20 มกราคม ค.ศ. 2022", "2022-01-20", None),
        ("20 มกราคม 2022", "2022-01-20", None),
        ("มกราคม 2565", "2022-01", None),
        ("22/11/2567", "2024-11-22", None),
        ("2022-01-21", "2022-01-21", None),
        ("20-22 มกราคม 2565", "2022-01-20", "2022-01-22"),
        ("วันที่ 9–20 ธันวาคม 2568", "2025-12-09", "2025-12-20"),
        ("30 ม.ค. - 2 ก.พ. 65", "2022-01-30", "2022-02-02"),
        ("30 ธ.ค. 64 - 2 ม.ค. 65", "2021-12-30", "2022-01-02"),
        ("ระหว่างวันที่ 1 ตุลาคม 2564 ถึงวันที่ 31 มกราคม 2565", "2021-10-01", "2022-01-31"),
        ("เม.ย.- ต.ค. 65", "2022-04", "2022-10"),
        ("12 เมษายน ร.ศ. 109", "1890-04-12", None),
    ],
)
def test_written_forms(text, date, end):
    d = one(f"ที่ประชุมกำหนด{text} ณ ศาลากลาง")
    assert (d["date"], d.get("end")) == (date, end)


def test_date_without_year_takes_the_documents_year():
    d = one("การประชุม ศปช. วันจันทร์ที่ 25 พฤศจิกายน ที่จะมี", document_date=dt.date(2024, 11, 22))
    assert d["date"] == "2024-11-25" and d["year_source"] == "document" and d["year_written"] is None
    assert d["flags"] == []  # 25 November 2024 was a Monday


def test_meeting_numbers_bare_years_and_fiscal_years_are_not_dates():
    assert parse("ครั้งที่ 1/2565 คำสั่งที่ 351/2565 ปี 2565 พ.ศ. 2566 – 2570 ปีงบประมาณ 2566", document_date=DOC) == []


@pytest.mark.parametrize(
    "be, month, ce",
    [(2565, 1, 2022), (2484, 1, 1941), (2483, 4, 1940), (2483, 12, 1940), (2482, 3, 1940), (2482, 4, 1939),
     (2433, 1, 1891)],
)
def test_buddhist_era_conversion_with_the_1941_reform(be, month, ce):
    assert be_to_ce(be, month) == ce
    assert ce_to_be(ce, month) == be


def test_january_to_march_2483_never_existed():
    with pytest.raises(NoSuchDate):
        be_to_ce(2483, 2)
    d = one("วันที่ 1 มกราคม 2483", document_date=None)
    assert d["flags"] == ["invalid_date"]


@pytest.mark.parametrize("text", ["30 กุมภาพันธ์ 2565", "31 เมษายน 2565", "29 กุมภาพันธ์ 2566"])
def test_invalid_dates(text):
    d = one(text)
    assert d["flags"] == ["invalid_date"]
    assert len(d["date"]) == 7  # the month only: still a valid ISO value


def test_weekday_mismatch_suggests_the_one_date_that_fits():
    d = one("เมื่อวันจันทร์ที่ 18 สิงหาคม 2563", document_date=dt.date(2020, 8, 25))
    assert d["flags"] == ["weekday_mismatch"]
    assert d["suggested"] == "2020-08-17"  # 18 August 2020 was a Tuesday; the Monday before


def test_past_date_after_the_document_and_future_date_before_it():
    after = one("ที่ประชุมครั้งที่แล้วเมื่อวันที่ 28 ธันวาคม 2565", document_date=dt.date(2022, 1, 12))
    assert after["flags"] == ["date_after_document"] and after["suggested"] == "2021-12-28"
    # a year slip the other way: a January event announced in December with the old year
    before = one("งานจะจัดขึ้นในวันที่ 10 มกราคม 2564 ณ ศาลาว่าการกรุงเทพมหานคร", document_date=dt.date(2021, 12, 20))
    assert before["flags"] == ["date_before_document"] and before["suggested"] == "2022-01-10"
    fine = one("เมื่อวันที่ 20 มกราคม 2565")
    assert fine["flags"] == []


def test_a_release_posted_after_the_day_it_announces():
    # u1380 (unlabeled corpus): "... โดยส่งมอบในวันที่ 8 กันยายนนี้", the release dated the 10th
    late = one("บริจาคเพิ่มให้อีก 300,000 โดสโดยส่งมอบในวันที่ 8 กันยายน นี้ นอกจากนี้", document_date=dt.date(2021, 9, 10))
    assert late["flags"] == ["date_before_document"] and "suggested" not in late
    assert "posted after it" in late["flag_messages"][0]


@pytest.mark.parametrize("text, document_date", [
    # a period already running (u0757, u1165)
    ("พ.ร.บ. กองทุนสำรองเลี้ยงชีพฯ จะมีผลใช้บังคับตั้งแต่วันที่ 1 พฤศจิกายน 2558 โดยมีสาระสำคัญ", dt.date(2022, 7, 1)),
    ("โดยเริ่มฉีดตั้งแต่วันที่ 4 สิงหาคม 2564 ถือว่าเร็วกว่ากำหนด", dt.date(2021, 8, 8)),
    ("มีผลตั้งแต่วันที่ 16 ตุลาคม 2564 เป็นต้นไป", dt.date(2021, 11, 1)),
    # the old date of a change (u1176)
    ("ดำเนินการได้เร็วกว่าที่กำหนด จากเดิมส่งวันที่ 5 สิงหาคม 2564 ก็สามารถส่งล็อตแรกตั้งแต่วันที่ 3", dt.date(2021, 8, 10)),
    # a deadline narrated after it passed (u1124)
    ("สามารถเข้าอยู่ได้ทันที ภายในวันที่ 31 ก.ค. 64 เพื่อช่วยยกระดับคุณภาพชีวิต", dt.date(2021, 8, 3)),
    # an end date told with กำหนด far before it (u0205)
    ("ลงนามไปแล้วเมื่อวันที่ 10 พฤษภาคม พ.ศ.2561 กำหนดระยะเวลาสิ้นสุด ณ วันที่ 10 พฤษภาคม 2564 ดังนั้น", dt.date(2022, 2, 25)),
    # a yearly day (u1847)
    ("องค์การอนามัยโลกจึงกำหนดให้วันที่ 1 ธันวาคม ของทุกปี เป็นวันเอดส์โลก", dt.date(2021, 12, 2)),
])
def test_dates_that_are_neither_told_as_past_nor_as_to_come_are_not_flagged(text, document_date):
    found = parse(text, document_date=document_date)
    assert found and all(d["flags"] == [] for d in found), found


def test_a_past_cue_counts_as_a_whole_word():
    # u0450: "ที่ผ่านมา" glued to the next clause is "so far, ...", not "last 30 November"
    d = one("นำเสนอผลงานรอบ Thailand The Winner ในวันที่30 พฤศจิกายน 2565  ที่ผ่านมาโครงการได้รับการตอบรับ",
            document_date=dt.date(2022, 4, 28))
    assert d["flags"] == []
    d = one("การประชุมเมื่อวันที่ 30 พฤศจิกายน 2565 ที่ผ่านมา ณ ห้องประชุม", document_date=dt.date(2022, 4, 28))
    assert d["flags"] == ["date_after_document"]


def test_fiscal_year_bounds():
    assert fiscal_year(2566) == (dt.date(2022, 10, 1), dt.date(2023, 9, 30))


def test_fiscal_years_are_reported_apart(nlp):
    from pipeline import analyze

    doc = analyze("วันอังคารที่ 25 สิงหาคม 2563\nที่ประชุมอนุมัติกรอบงบประมาณประจำปีงบประมาณ พ.ศ. 2564 วงเงิน 12,000 ล้านบาท\n")
    assert [d["date"] for d in doc["dates"]] == ["2020-08-25"]
    assert [(f["year_be"], f["start"], f["end"]) for f in doc["fiscal_years"]] == [(2564, "2020-10-01", "2021-09-30")]


def test_relative_words(nlp):
    from pipeline import analyze

    doc = analyze("วันอังคารที่ 25 สิงหาคม 2563\nวันนี้ (25 ส.ค.63) รัฐมนตรีกล่าวว่า เมื่อวานนี้ได้หารือกับผู้แทนกระทรวงการต่างประเทศ\n")
    by_text = {d["text"]: d for d in doc["dates"]}
    assert by_text["25 ส.ค.63"]["relative"] == "วันนี้"
    assert by_text["เมื่อวานนี้"]["date"] == "2020-08-24"


@pytest.mark.parametrize("address", [
    "https://www.bangkok.go.th/pr/page/sub/726-2565-12-18-2564-57",  # a site's slug (the audit's case)
    "https://ddc.moph.go.th/vaccine-covid19/getFiles/11/1628849610213.pdf",  # u-corpus, a real link
    "saraban-2564-12-01@bangkok.go.th",
    "ประกาศ-15-11-2564.pdf",
])
def test_no_date_is_read_out_of_an_address(address):
    from pipeline import analyze

    text = ("20 ธันวาคม 2564\nผู้ประสงค์จะยื่นคำร้องสามารถดาวน์โหลดแบบฟอร์มได้ที่ " + address +
            " ภายในวันที่ 30 ธันวาคม 2564 เวลา 16.30 น.")
    doc = analyze(text)
    assert [d["date"] for d in doc["dates"]] == ["2021-12-20", "2021-12-30"]
    assert [t["text"] for t in doc["times"]] == ["เวลา 16.30 น."]


def test_history_is_not_an_implausible_year_but_a_slip_ahead_is():
    # u0382: a 99-year-old's birth date; u1972: the founding act of a bank
    for text in ("ปัจจุบัน ท่านอายุ 99 ปี 2 เดือน เกิดเมื่อวันที่ 30 มกราคม 2466",
                 "ได้รับการจัดตั้งขึ้นตามพระราชบัญญัติ เมื่อวันที่ 24 กันยายน พ.ศ.2496"):
        assert one(text, document_date=dt.date(2022, 4, 7))["flags"] == []
    slip = one("ให้ยื่นเอกสารได้ถึงวันที่ 12 พฤศจิกายน 2654", document_date=dt.date(2021, 11, 1))
    assert slip["flags"] == ["implausible_year"]


@pytest.mark.parametrize("text, date", [
    # u1995, u1663 (unlabeled corpus), tg-049: ปี between the month and the year
    ("เมื่อวันที่ 26 มีนาคม ปี 2562 ด้วย", "2019-03-26"),
    ("ตั้งแต่เดือนเมษายน ปี ค.ศ. 2012 เป็นต้นมา", "2012-04"),
    ("การประชุมสมัชชาใหญ่ในเดือน มิ.ย. ปี 2566 ณ กรุงปารีส", "2023-06"),
])
def test_a_year_written_after_pi(text, date):
    from pipeline import analyze
    doc = analyze("กระทรวงการต่างประเทศ\n" + text)
    assert [d["date"] for d in doc["dates"]] == [date]


# -- #26: forms PyThaiNLP's own tests parse; today without brackets; a range's weekdays ----
@pytest.mark.parametrize(
    "text, written, date",
    [
        ("ประชุมเมื่อ 15-ก.ค.-2565", "15-ก.ค.-2565", "2022-07-15"),  # hyphens between the parts
        (" 6-ต.ค.-2519", "6-ต.ค.-2519", "1976-10-06"),
        ("15 07 2565", "15 07 2565", "2022-07-15"),  # the month as a number between spaces
        ("15 7 2565", "15 7 2565", "2022-07-15"),
    ],
)
def test_dates_pythainlp_reads(text, written, date):
    d = one(text, document_date=dt.date(2022, 7, 20))
    assert (d["text"], d["date"], d["flags"]) == (written, date, [])


@pytest.mark.parametrize("text", [
    "ให้มีผลบังคับตั้งแต่วันที่ 1 เม.ย.-30 ก.ย. 2565",  # ev-225: "-30" is the range's end, no year
    "โทร. 02 1 2565 1234",  # numbers that are not a date
    "จำนวน 12 10 2000 บาท 5",
])
def test_hyphens_and_spaced_numbers_read_nothing_else(text):
    found = parse(text, document_date=dt.date(2022, 3, 1))
    assert [(d["date"], d.get("end")) for d in found] in ([], [("2022-04-01", "2022-09-30")])


def test_a_range_checks_both_weekdays():
    right = one("วันอังคารที่ 28 ถึงวันพุธที่ 29 กันยายน 2564", document_date=dt.date(2021, 9, 20))
    assert (right["date"], right["end"], right["weekday"], right["flags"]) == ("2021-09-28", "2021-09-29", "อังคาร", [])
    wrong_first = one("วันจันทร์ที่ 28 ถึงวันพุธที่ 29 กันยายน 2564", document_date=dt.date(2021, 9, 20))
    assert wrong_first["flags"] == ["weekday_mismatch"] and "2021-09-28 is a Tuesday" in wrong_first["flag_messages"][0]
    wrong_last = one("วันอังคารที่ 28 กันยายน ถึงวันพฤหัสบดีที่ 29 กันยายน 2564", document_date=dt.date(2021, 9, 20))
    assert wrong_last["flags"] == ["weekday_mismatch"] and "2021-09-29 is a Wednesday" in wrong_last["flag_messages"][0]


@pytest.mark.parametrize("body, today, apart", [
    ("วันนี้ 16 พฤศจิกายน 2564 นายอนุทิน ชาญวีรกูล รองนายกรัฐมนตรี เป็นประธานการประชุม", "2021-11-16", "1 day apart"),
    ("ลดราคาสินค้า ตั้งแต่วันนี้ 11 พฤศจิกายน 2564 (11.11) เป็นต้นไป", "2021-11-11", "6 days apart"),
])
def test_today_without_brackets_is_today(body, today, apart):
    from pipeline import analyze

    doc = analyze("วันพุธที่ 17 พฤศจิกายน 2564\nกระทรวงสาธารณสุขแถลงข่าว\n" + body)
    assert doc["document_date"]["date"] == "2021-11-17"
    item = next(d for d in doc["dates"] if d["date"] == today)
    assert item["relative"] == "วันนี้" and "dateline_conflict" in item["flags"]
    flag = next(f for f in doc["flags"] if f["code"] == "dateline_conflict")
    assert apart in flag["message"] and flag["severity"] == ("info" if apart == "1 day apart" else "warning")


def test_today_without_brackets_dates_a_release_without_dateline():
    from pipeline import analyze

    # u0152-like: "วันนี้ 13 กรกฎาคม 2564 นายอนุชา บูรพชัยศรี โฆษกประจำสำนักนายกรัฐมนตรี ..."
    doc = analyze("วันนี้ 13 กรกฎาคม 2564 นายอนุชา บูรพชัยศรี โฆษกประจำสำนักนายกรัฐมนตรี เปิดเผยว่า")
    assert doc["document_date"]["date"] == "2021-07-13"


def test_a_headline_the_site_names_is_a_headline_whatever_it_opens_with():
    from pipeline import analyze

    # u0863 of the unlabeled corpus: the headline opens with วันนี้
    doc = analyze("รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-วันนี้ สธ. ลงนาม Pfizer ประเทศไทย นำเข้าวัคซีน 20 ล้านโดส ไตรมาส 4\n\n\n"
                  "วันอังคารที่ 20 กรกฎาคม 2564\n"
                  "วันนี้ สธ. ลงนาม Pfizer ประเทศไทย นำเข้าวัคซีน 20 ล้านโดส ไตรมาส 4\n"
                  "กระทรวงสาธารณสุข โดยกรมควบคุมโรค และ ผู้จัดการบริษัท Pfizer ประเทศไทยและอินโดไชนา ลงนามในสัญญา\n"
                  "วันนี้ (20 กรกฎาคม 2564) ที่กระทรวงสาธารณสุข จ.นนทบุรี")
    assert doc["title"]["text"] == "วันนี้ สธ. ลงนาม Pfizer ประเทศไทย นำเข้าวัคซีน 20 ล้านโดส ไตรมาส 4"
    assert "no_title" not in {f["code"] for f in doc["flags"]}
    # without the site's word for it, a line opening with วันนี้ is still the body
    body = analyze("วันอังคารที่ 20 กรกฎาคม 2564\nวันนี้ (20 กรกฎาคม 2564) ที่กระทรวงสาธารณสุข จ.นนทบุรี นายอนุทิน ชาญวีรกูล")
    assert body["title"] is None
