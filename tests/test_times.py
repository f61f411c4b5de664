import pytest

from pipeline import analyze

DATELINE = "วันพุธที่ 16 กุมภาพันธ์ 2565\n"


def times_of(body):
    doc = analyze(DATELINE + body + "\n")
    return [(t["text"], t["time"], t.get("end")) for t in doc["times"]], doc


@pytest.mark.parametrize(
    "body, expected",
    [
        ("วันนี้ เวลา 13.30 น. ณ ห้องประชุม", ("เวลา 13.30 น.", "13:30", None)),
        ("เริ่ม 13:30 น. ที่ห้องประชุม", ("13:30 น.", "13:30", None)),
        ("เวลา ๑๓.๓๐ น. ณ ห้องประชุม", ("เวลา ๑๓.๓๐ น.", "13:30", None)),
        ("เวลา 09.00 - 12.00 น. ณ ห้องประชุม", ("เวลา 09.00 - 12.00 น.", "09:00", "12:00")),
        ("ตั้งแต่เวลา 18.00-22.00 น. ทุกวัน", ("เวลา 18.00-22.00 น.", "18:00", "22:00")),
        ("เวลา 9 นาฬิกา ณ ศาลากลาง", ("เวลา 9 นาฬิกา", "09:00", None)),
        ("พิธีเปิดเริ่มเวลาบ่ายโมงครึ่ง ที่ลานหน้าศาลากลาง", ("บ่ายโมงครึ่ง", "13:30", None)),
    ],
)
def test_time_forms(body, expected):
    found, _ = times_of(body)
    assert found == [expected]


def test_numbers_and_words_that_are_not_times():
    found, _ = times_of("งบประมาณ 13.30 ล้านบาท ณ แขวงกะทุ่มราย ใช้เวลา 2 ชั่วโมง ร้อยละ 33.04")
    assert found == []


def test_time_is_attached_to_its_date():
    _, doc = times_of("เมื่อวันพฤหัสบดีที่ 20 มกราคม 2565 เวลา 13.30 น. ณ ห้องนพรัตน์")
    date = next(d for d in doc["dates"] if d["date"] == "2022-01-20")
    assert doc["times"][0]["date_id"] == date["id"]
