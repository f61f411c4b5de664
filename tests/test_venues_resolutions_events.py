"""Venues, resolutions, events and the title."""

import pytest

from pipeline import analyze, analyze_file

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def samples():
    return {p.name: analyze_file(p) for p in SAMPLES.iterdir()}


def by_id(doc):
    return {x["id"]: x for k in ("dates", "times", "venues", "people", "resolutions", "events") for x in doc[k]}


def test_seed_venue_online_call_resolution_and_meeting(seed_doc):
    hall, webex = seed_doc["venues"]
    assert (hall["room"], hall["floor"], hall["building"]) == ("ห้องนพรัตน์", "5", "ศาลาว่าการกรุงเทพมหานคร")
    assert hall["text"] == "ห้องนพรัตน์ ชั้น 5 ศาลาว่าการกรุงเทพมหานคร (เสาชิงช้า)"
    assert webex["online"] and webex["platform"] == "Cisco Webex"
    [res] = seed_doc["resolutions"]
    assert "".join(res["text"].split()) == "".join(
        'เห็นควรเสนอพื้นที่ "โครงการคลองผดุงกรุงเกษม" เพื่อพิจารณาคัดเลือกเข้าสู่โครงการความร่วมมือ Smart Change '
        "ระหว่างกรุงเทพมหานครและกรุงเบอร์ลิน".split())
    assert res["kind"] == "propose"
    meeting, call = seed_doc["events"]
    ids = by_id(seed_doc)
    assert meeting["number"] == "1/2565" and ids[meeting["chair_id"]]["name"] == "สุพรพล หนูครองสิน"
    assert meeting["venue_ids"] == [hall["id"]] and ids[meeting["date_id"]]["date"] == "2022-01-20"
    assert res["id"] in meeting["resolution_ids"]
    # the Webex call is the venue of the earlier, informal meeting the release reports on
    assert call["venue_ids"] == [webex["id"]] and ids[call["date_id"]]["date"] == "2022-12-23"


@pytest.mark.parametrize(
    "sample, text, room, floor, building",
    [
        ("moph-dengue-thai-digits.txt", None, "ห้องประชุมชัยนาทนเรนทร", "2", "อาคาร ๑"),  # ชั้น ๒
        ("rayong-flood-command.txt", None, "ห้องประชุมพลาญชัย", "4", "ศาลากลางจังหวัดระยอง"),  # outside Bangkok
        ("justice-online-meeting.txt", None, "ห้องประชุม 10-01", "10", "อาคารกระทรวงยุติธรรม"),  # numbered room
        ("cabinet-songkran-utf8-bom.txt", "ตึกสันติไมตรี ทำเนียบรัฐบาล", None, None, "ตึกสันติไมตรี"),
        ("chiangmai-culture-festival.html", None, "ห้องประชุมสุริยา", "3", "โรงแรมเชียงใหม่ริเวอร์ไซด์"),  # a hotel
    ],
)
def test_venue_forms(samples, sample, text, room, floor, building):
    venue = next(v for v in samples[sample]["venues"] if not v["online"])
    assert (venue["room"], venue["floor"], venue["building"]) == (room, floor, building)
    if text:
        assert venue["text"] == text


def test_online_meetings(samples):
    justice = [v for v in samples["justice-online-meeting.txt"]["venues"] if v["online"]]
    assert [(v["text"], v["platform"]) for v in justice] == [
        ("ผ่านระบบการประชุมทางไกล (Video Conference)", "Video Conference")]
    chiangmai = [v for v in samples["chiangmai-culture-festival.html"]["venues"] if v["online"]]
    assert chiangmai[0]["platform"] == "Zoom"


def test_a_place_introduced_by_ti_in_an_event_sentence():
    doc = analyze("วันศุกร์ที่ 25 เมษายน 2568\nกีฬาอาเซียนพาราเกมส์ ครั้งที่ 13 จะจัดขึ้นระหว่างวันที่ 20–26 มกราคม 2569 ที่จังหวัดนครราชสีมา\n")
    assert [v["text"] for v in doc["venues"]] == ["จังหวัดนครราชสีมา"]


def test_numbered_list_of_resolutions(samples):
    moph = samples["moph-dengue-thai-digits.txt"]
    assert [(r["kind"], r["text"]) for r in moph["resolutions"]] == [
        ("approve", "เห็นชอบแผนปฏิบัติการป้องกันและควบคุมโรคไข้เลือดออก ประจำปีงบประมาณ พ.ศ. ๒๕๖๕"),
        ("assign", "มอบหมายให้กรมควบคุมโรคจัดทำแนวทางการสื่อสารความเสี่ยงให้แล้วเสร็จภายในวันที่ ๓๑ มีนาคม ๒๕๖๕"),
        ("acknowledge", "รับทราบรายงานสถานการณ์โรคไข้เลือดออก ณ วันที่ ๑๕ กุมภาพันธ์ ๒๕๖๕"),
    ]
    rayong = samples["rayong-flood-command.txt"]  # inline (1) (2) (3) after "ที่ประชุมมีมติ"
    texts = [r["text"] for r in rayong["resolutions"]]
    assert "อนุมัติงบประมาณทดรองราชการ 5 ล้านบาท เพื่อช่วยเหลือผู้ประสบภัยเบื้องต้น" in texts
    assert not any("(2)" in t for t in texts)


def test_cabinet_decisions_name_the_cabinet(samples):
    cabinet = samples["cabinet-songkran-utf8-bom.txt"]
    assert {r["body"] for r in cabinet["resolutions"]} == {"คณะรัฐมนตรี"}
    assert "appoint" in {r["kind"] for r in cabinet["resolutions"]}


def test_decisions_for_someone_else_are_not_resolutions():
    doc = analyze("วันพุธที่ 24 มกราคม 2567\nมอบหมายให้ฝ่ายเลขานุการฯ นำเสนอต่อคณะรัฐมนตรีพิจารณาอนุมัติ ก่อนแจ้งเวียนจังหวัด\n")
    assert doc["resolutions"] == []


def test_title_is_the_headline(samples, seed_doc):
    assert seed_doc["title"]["text"].startswith("การประชุมพิจารณากรอบความร่วมมือโครงการ Smart Change")
    assert samples["chiangmai-culture-festival.html"]["title"]["text"] == "เชียงใหม่เตรียมจัดงานมหกรรมวัฒนธรรมล้านนา 11-15 ก.ค. นี้"


def _decisions(text):
    from pipeline import analyze

    return [r["text"] for r in analyze(text)["resolutions"]]


def test_a_condition_stays_with_its_decision_and_the_lead_in_does_not():
    # unlabeled corpus (a vaccination committee): โดยให้... is the decision's condition
    assert _decisions("กระทรวงสาธารณสุข\nที่ประชุมมีมติว่าสามารถฉีดวัคซีนไฟเซอร์เข็ม 2 ในเด็กชายอายุ 12-16 ปีได้ "
                      "โดยให้เป็นไปตามความสมัครใจ ขึ้นกับความประสงค์ของผู้ปกครองและนักเรียน") == [
        "สามารถฉีดวัคซีนไฟเซอร์เข็ม 2 ในเด็กชายอายุ 12-16 ปีได้ โดยให้เป็นไปตามความสมัครใจ "
        "ขึ้นกับความประสงค์ของผู้ปกครองและนักเรียน"]


def test_what_a_decision_consists_of_is_not_the_decision():
    # unlabeled corpus (botanical gardens): the list after ประกอบด้วย details the policy
    assert _decisions("กรมอุทยานแห่งชาติ สัตว์ป่า และพันธุ์พืช\nที่ประชุมยังมีมติเห็นชอบร่างนโยบายการจัดการสวนพฤกษศาสตร์"
                      "และสวนรุกขชาติ 7 ด้าน ประกอบด้วย 1) นโยบายด้านการอนุรักษ์และรวบรวมพรรณไม้มีชีวิต 2) นโยบายด้านการวิจัย") == [
        "เห็นชอบร่างนโยบายการจัดการสวนพฤกษศาสตร์และสวนรุกขชาติ 7 ด้าน"]


def test_what_a_decision_names_after_dai_kae_stays_with_it():
    # unlabeled corpus (u1389): ได้แก่ ("namely") lists the hospitals the purchase is for
    assert _decisions("กระทรวงสาธารณสุข\nคณะรัฐมนตรีอนุมัติให้จัดซื้อเครื่องฉายรังสี LINAC วงเงิน 878.20 ล้านบาท "
                      "ให้แก่โรงพยาบาล 3 แห่ง ได้แก่ สถาบันมะเร็งแห่งชาติ โรงพยาบาลพุทธชินราชพิษณุโลก และโรงพยาบาลสมุทรสาคร "
                      "ซึ่งจะทำให้ผู้ป่วยมะเร็งเข้าถึงการฉายรังสีได้สะดวกมากขึ้น") == [
        "อนุมัติให้จัดซื้อเครื่องฉายรังสี LINAC วงเงิน 878.20 ล้านบาท ให้แก่โรงพยาบาล 3 แห่ง ได้แก่ สถาบันมะเร็งแห่งชาติ "
        "โรงพยาบาลพุทธชินราชพิษณุโลก และโรงพยาบาลสมุทรสาคร"]


def test_decisions_announced_by_dai_kae_are_the_decisions_not_the_announcement():
    # tg-049 (dev gold): "เห็นชอบวาระสำคัญ ... ได้แก่ เห็นชอบ...", the next line goes on
    # with more decisions separated by commas
    assert _decisions("สำนักนายกรัฐมนตรี\nน.ส.ไตรศุลี กล่าวว่า ที่ประชุมได้พิจารณาและเห็นชอบวาระสำคัญซึ่งเป็นการขับเคลื่อน"
                      "การเสนอตัวเป็นเจ้าภาพฯ ในครั้งนี้ ได้แก่ เห็นชอบการดำเนินการตามขั้นตอนเสนอตัวเป็นเจ้าภาพฯ\n"
                      "เห็นชอบแนวทางการดำเนินการเพื่อให้ได้รับเสียงสนับสนุนจากสมาชิก BIE ของประเทศไทย, "
                      "เห็นชอบต่อกรอบความร่วมมือด้านสาธารณสุขกับประเทศกำลังพัฒนา\n") == [
        "เห็นชอบการดำเนินการตามขั้นตอนเสนอตัวเป็นเจ้าภาพฯ",
        "เห็นชอบแนวทางการดำเนินการเพื่อให้ได้รับเสียงสนับสนุนจากสมาชิก BIE ของประเทศไทย",
        "เห็นชอบต่อกรอบความร่วมมือด้านสาธารณสุขกับประเทศกำลังพัฒนา"]


@pytest.mark.parametrize("text, decision", [
    # u0531 (unlabeled corpus): "โดยขณะนี้ ..." tells what is happening now
    ("คณะรัฐมนตรีอนุมัติให้สำนักงานปลัดกระทรวงสาธารณสุขเบิกจ่ายงบประมาณ จำนวน 7,777 ล้านบาท "
     "โดยขณะนี้อยู่ระหว่างการจัดสรรลงพื้นที่ คาดว่าจะแล้วเสร็จไม่เกินต้นสัปดาห์หน้า",
     "อนุมัติให้สำนักงานปลัดกระทรวงสาธารณสุขเบิกจ่ายงบประมาณ จำนวน 7,777 ล้านบาท"),
    # u1909: "โดยที่ผ่านมา ..." reports the past, with statistics
    ("ที่ประชุมรับทราบผลการดำเนินงานของกองทุนพัฒนาดิจิทัลเพื่อเศรษฐกิจและสังคม โดยที่ผ่านมามีการเบิกจ่ายงบประมาณ"
     "โครงการที่ได้รับอนุมัติทั้ง 4 ครั้ง ในภาพรวมเฉลี่ยแล้วมากกว่าร้อยละ 88",
     "รับทราบผลการดำเนินงานของกองทุนพัฒนาดิจิทัลเพื่อเศรษฐกิจและสังคม"),
    # tg-054 (dev gold): "โดยไม่ต้อง..." is how the decision is carried out and stays
    ("ที่ประชุมเห็นชอบให้กรมอุทยานแห่งชาติฯ ดำเนินการตามระเบียบฯ และช่วยเหลือประชาชน "
     "โดยไม่ต้องเพิกถอนพื้นที่ออกจากอุทยานแห่งชาติ",
     "เห็นชอบให้กรมอุทยานแห่งชาติฯ ดำเนินการตามระเบียบฯ และช่วยเหลือประชาชน โดยไม่ต้องเพิกถอนพื้นที่ออกจากอุทยานแห่งชาติ"),
    # u0395: "โดยกรมการแพทย์ ดำเนินการ..." names who acts for the ministry, and stays
    ("คณะรัฐมนตรีเห็นชอบให้กระทรวงสาธารณสุข โดยกรมการแพทย์ ดำเนินการจัดซื้อจัดหาจำนวน 50,000 คอร์ส การรักษา",
     "เห็นชอบให้กระทรวงสาธารณสุข โดยกรมการแพทย์ ดำเนินการจัดซื้อจัดหาจำนวน 50,000 คอร์ส การรักษา"),
])
def test_a_clause_with_its_own_subject_after_doi_ends_a_decision(text, decision):
    assert _decisions("กระทรวงสาธารณสุข\n" + text) == [decision]


def test_two_decisions_joined_by_ruam_thueng_are_two():
    # unlabeled corpus (u0113): ... รวมถึงเห็นชอบ ...
    assert _decisions("กระทรวงสาธารณสุข\nในที่ประชุมได้มีมติเห็นชอบแต่งตั้งคณะอนุกรรมการภายใต้คณะกรรมการบำบัดรักษา"
                      "และฟื้นฟูผู้ติดยาเสพติด รวมถึงเห็นชอบ (ร่าง) อนุบัญญัติกฎหมายลำดับรองภายใต้ประมวลกฎหมายยาเสพติด 6 ฉบับ") == [
        "เห็นชอบแต่งตั้งคณะอนุกรรมการภายใต้คณะกรรมการบำบัดรักษาและฟื้นฟูผู้ติดยาเสพติด",
        "เห็นชอบ (ร่าง) อนุบัญญัติกฎหมายลำดับรองภายใต้ประมวลกฎหมายยาเสพติด 6 ฉบับ"]


def test_two_decisions_joined_by_ruam_thang_are_two():
    # the form of tg-045 (dev gold): รับทราบ ... รวมทั้งรับทราบ ...
    assert _decisions("กระทรวงยุติธรรม\nที่ประชุมได้รับทราบสรุปการจัดงานแถลงผลการดำเนินงานของกระทรวงยุติธรรม ประจำปี 2564 "
                      "รวมทั้งรับทราบสถานการณ์การแพร่ระบาดของโรคโควิด-19 ในเรือนจำ") == [
        "รับทราบสรุปการจัดงานแถลงผลการดำเนินงานของกระทรวงยุติธรรม ประจำปี 2564",
        "รับทราบสถานการณ์การแพร่ระบาดของโรคโควิด-19 ในเรือนจำ"]


def test_a_list_whose_verb_is_in_its_lead_in_gives_one_decision_per_entry():
    # the form of tg-055 (dev gold): the lead-in line ends with ได้แก่, numbered lines follow
    assert _decisions("สำนักงานปลัดกระทรวง\nในการประชุมครั้งนี้ ที่ประชุมฯ เห็นชอบอนุมัติเรื่องต่างๆ ได้แก่\n"
                      "1. มอบเหรียญเกียรติคุณให้แก่พนักงาน จำนวน 23 คน\n2. โครงการให้ทุนการศึกษาแก่นักศึกษาพยาบาล ปีละไม่เกิน 10 ทุน\n") == [
        "มอบเหรียญเกียรติคุณให้แก่พนักงาน จำนวน 23 คน", "โครงการให้ทุนการศึกษาแก่นักศึกษาพยาบาล ปีละไม่เกิน 10 ทุน"]


def _venues(text):
    from pipeline import analyze

    return [v["text"] for v in analyze(text)["venues"]]


def test_a_room_after_thi_is_a_venue():
    # unlabeled corpus (สธ.): ที่ห้องประชุม... opens a venue like ณ does
    assert _venues("กระทรวงสาธารณสุข\nเมื่อวันที่ 7 มกราคม 2565 ที่ห้องประชุมชัยนาทนเรนทร สำนักงานปลัดกระทรวงสาธารณสุข "
                   "จ.นนทบุรี นายอนุทิน ชาญวีรกูล รองนายกรัฐมนตรี เป็นประธานการประชุม")[0].startswith(
        "ห้องประชุมชัยนาทนเรนทร สำนักงานปลัดกระทรวงสาธารณสุข")


def test_na_in_a_family_name_is_no_venue():
    # unlabeled corpus: อิศรางกูร ณ อยุธยา is a family name, not "at Ayutthaya"
    assert _venues("ทำเนียบรัฐบาล\nโดยมีผู้เข้าร่วม ได้แก่ นายจิรุตถ์ อิศรางกูร ณ อยุธยา ผู้อำนวยการสำนักงานส่งเสริม"
                   "การจัดประชุมและนิทรรศการ (องค์การมหาชน) และผู้แทนหน่วยงานที่เกี่ยวข้อง") == []


@pytest.mark.parametrize("text", [
    # a relative clause about the place (tg-057's form): ที่ opens it, no venue
    "กรมทรัพยากรธรณี\nทำให้การกำจัดและกู้ภัยเป็นไปได้ยาก ถือเป็นเรื่องใหม่ที่จังหวัดน่านพบเจอ",
    # a country after ที่ is where an activity happens, not its venue (tg-049's form)
    "กระทรวงพาณิชย์\nซึ่งถ้าไทยชนะจะเป็นงานระดับโลกครั้งแรกที่มีการจัดขึ้นที่ประเทศไทย ซึ่งจะทำรายได้เข้าประเทศ",
])
def test_a_place_after_thi_that_is_no_venue(text):
    assert _venues(text) == []


def test_where_something_is_set_up_is_no_venue():
    # samples/rayong-flood-command.txt: shelters set up at a school, not an event's venue
    assert "โรงเรียนวัดตะพงนอก" not in _venues(
        "จังหวัดระยอง\nที่ประชุมมีมติ (3) เห็นชอบให้จัดตั้งศูนย์พักพิงชั่วคราว 3 แห่ง ที่โรงเรียนวัดตะพงนอก\n")


def test_the_next_decision_after_a_list_in_the_same_sentence():
    # unlabeled corpus (u1381): the list after ได้แก่ ("namely") names what was decided and
    # stays; the second decision follows it with และ
    found = _decisions("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม\nที่ประชุมวันนี้ยังได้เห็นชอบให้แต่งตั้งคณะทำงาน ได้แก่ "
                       "คณะทำงานวิเคราะห์โครงการ หรือกิจกรรมฯ ตามประกาศเปิดรับทุนปี 2564 จำนวน 5 คณะย่อย "
                       "และคณะทำงานพิจารณากลั่นกรองโครงการ สำหรับการขับเคลื่อนยุทธศาสตร์ 5G ของประเทศไทย "
                       "และเห็นชอบ (ร่าง) หลักเกณฑ์การอนุมัติค่าใช้จ่ายอื่น ๆ ตามมาตรา 26 (6) แห่งพระราชบัญญัติ"
                       "การพัฒนาดิจิทัลเพื่อเศรษฐกิจและสังคม พ.ศ. 2560")
    assert found[0] == ("เห็นชอบให้แต่งตั้งคณะทำงาน ได้แก่ คณะทำงานวิเคราะห์โครงการ หรือกิจกรรมฯ ตามประกาศเปิดรับทุนปี 2564 "
                        "จำนวน 5 คณะย่อย และคณะทำงานพิจารณากลั่นกรองโครงการ สำหรับการขับเคลื่อนยุทธศาสตร์ 5G ของประเทศไทย")
    assert found[1].startswith("เห็นชอบ (ร่าง) หลักเกณฑ์การอนุมัติค่าใช้จ่ายอื่น ๆ") and len(found) == 2


@pytest.mark.parametrize("text, decisions", [
    # u0676, u1356 (unlabeled corpus): the meeting's own order to a body is a decision
    ("ที่ประชุมได้ให้หน่วยงานภาครัฐเป็นตัวอย่างในการดำเนินงานตามแนวปฏิบัติแห่งชาติ",
     ["ให้หน่วยงานภาครัฐเป็นตัวอย่างในการดำเนินงานตามแนวปฏิบัติแห่งชาติ"]),
    ("ที่ประชุมฯ ได้ให้จังหวัดเสี่ยงสูงและเสี่ยงปานกลางที่จะเกิดอุทกภัย เตรียมแผนรับเหตุอุทกภัย",
     ["ให้จังหวัดเสี่ยงสูงและเสี่ยงปานกลางที่จะเกิดอุทกภัย เตรียมแผนรับเหตุอุทกภัย"]),
    # u0526: ให้ความสำคัญ is no order; u0702: a call made in the meeting is not the meeting's;
    # u1750: a proposal to the cabinet is not yet its decision
    ("ที่ประชุมฯ ได้ให้ความสำคัญกับนโยบายความร่วมมือด้านสาธารณสุขของอาเซียน", []),
    ("และได้เรียกร้องในที่ประชุมให้ทุกภาคส่วนที่เกี่ยวข้องเร่งดำเนินการเพื่อการยุติปัญหาโรคเอดส์", []),
    ("\"สาธิต\" เตรียมชง ครม.ให้ค่าตอบแทน อสม. 1,500 บาทตลอดชีพ", []),
])
def test_the_meetings_own_order_is_a_decision(text, decisions):
    doc = analyze("กระทรวงสาธารณสุข\n" + text)
    assert [r["text"] for r in doc["resolutions"]] == decisions


@pytest.mark.parametrize("text, decisions", [
    # u1687 (unlabeled corpus), tg-057: what a person says he assigned is his order
    ("การประชุมติดตามสถานการณ์โควิด นายอนุทิน กล่าวว่า ความสามารถในการฉีดไม่ต่ำกว่า 25,000 คนต่อวัน"
     "จึงได้มอบหมายให้กรมควบคุมโรค จัดส่งวัคซีนเพิ่มอีก 7 แสนโดส", []),
    # ... but the meeting named after the speaker decides
    ("การประชุมคณะกรรมการ นายอนุทิน กล่าวว่า ที่ประชุมได้พิจารณาแล้ว โดยมอบหมายให้กรมควบคุมโรค จัดส่งวัคซีนเพิ่ม",
     ["มอบหมายให้กรมควบคุมโรค จัดส่งวัคซีนเพิ่ม"]),
])
def test_a_persons_own_order_in_what_he_says_is_no_decision(text, decisions):
    doc = analyze("กระทรวงสาธารณสุข\n" + text)
    assert [r["text"] for r in doc["resolutions"]] == decisions


@pytest.mark.parametrize("text, decisions", [
    # u1917, u0684 (unlabeled corpus): when the cabinet decided, right after มีมติ, is no decision
    ("ประการแรก คือ คณะรัฐมนตรีได้มีมติเมื่อวันที่ 7 ธันวาคม 2564 เห็นชอบคู่มือ GRB และให้หน่วยงานต่างๆ "
     "นำคู่มือไปใช้เป็นแนวทางในการจัดทำงบประมาณ",
     ["เห็นชอบคู่มือ GRB และให้หน่วยงานต่างๆ นำคู่มือไปใช้เป็นแนวทางในการจัดทำงบประมาณ"]),
    ("โดยคณะรัฐมนตรีได้มีมติเมื่อปี 2538 กำหนดให้วันที่ 21 ตุลาคมของทุกปี เป็นวันสังคมสงเคราะห์แห่งชาติ",
     ["กำหนดให้วันที่ 21 ตุลาคมของทุกปี เป็นวันสังคมสงเคราะห์แห่งชาติ"]),
])
def test_an_earlier_cabinet_decision_without_its_date(text, decisions):
    assert _decisions("กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์\n" + text) == decisions


def test_the_chairs_orders_are_no_decisions():
    # u0062 (unlabeled corpus): กำชับให้ ..., with สั่งการให้ and ขอให้, said of the chair of a meeting
    assert _decisions("กระทรวงสาธารณสุข\nการประชุมคณะกรรมการโรคติดต่อแห่งชาติ ที่ประชุมเห็นชอบแนวทางการฉีดวัคซีนเข็มกระตุ้น\n"
                      "นายอนุทิน ชาญวีรกูล ประธานการประชุม ได้กำชับให้หน่วยบริการฉีดวัคซีนเข็มกระตุ้นตามสูตรที่กำหนด "
                      "และสั่งการให้กรมควบคุมโรคติดตามสถานการณ์ และขอให้ทุกหน่วยงานเร่งรัดการฉีดวัคซีน") == [
        "เห็นชอบแนวทางการฉีดวัคซีนเข็มกระตุ้น"]


@pytest.mark.parametrize("text", [
    # tg-046 (dev gold): the prime minister's suggestion in a board meeting's release
    "การประชุมคณะกรรมการส่งเสริมการลงทุน ครั้งที่ 4/2564\nนายกรัฐมนตรียังเสนอแนะถึงการส่งเสริมการลงทุนสำหรับ SMEs "
    "ในกิจการโรงแรมโดยมอบหมาย BOI และหน่วยงานที่เกี่ยวข้องบูรณาการข้อมูลและการทำงานร่วมกับกระทรวงมหาดไทย",
    # u0379 (unlabeled corpus): what a ministry did, in what a spokeswoman goes on to say
    "การประชุมคณะกรรมการ ACWC\nนางสาวแรมรุ้ง กล่าวต่อไปว่า ดังนั้น กระทรวง พม. ในฐานะส่วนราชการเจ้าของเรื่อง "
    "จึงได้แต่งตั้งคณะกรรมการคัดเลือกผู้แทนไทยใน ACWC",
])
def test_what_a_person_does_in_a_line_about_him_is_no_decision(text):
    assert analyze("สำนักนายกรัฐมนตรี\n" + text)["resolutions"] == []


@pytest.mark.parametrize("text, venue, building", [
    # u1724, u1449 (unlabeled corpus): a room's or building's number glued to its name
    ("การประชุมครั้งที่1/2566 ณ ห้องประชุม 301 ตึกบัญชาการ1 ทำเนียบรัฐบาล โดยมี นายกิตติรัตน์ ณ ระนอง",
     "ห้องประชุม 301 ตึกบัญชาการ1 ทำเนียบรัฐบาล", "ตึกบัญชาการ1"),
    ("การประชุม ณ ห้องประชุม801 ชั้น 8 สำนักงานปลัดกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม",
     "ห้องประชุม801 ชั้น 8 สำนักงานปลัดกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม", None),
])
def test_a_number_glued_to_a_room_or_building_is_part_of_the_venue(text, venue, building):
    doc = analyze("ทำเนียบรัฐบาล\n" + text)
    (v,) = doc["venues"]
    assert v["text"] == venue and (building is None or v["building"] == building)


@pytest.mark.parametrize("text, venue, room, floor, building", [
    # u0187 (unlabeled corpus): a room named after a person, then its floor and building
    ("กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์\nวันที่ 21 ก.พ. 65 เวลา 14.00 น. ที่ห้องประชุมปกรณ์ อังศุสิงห์ ชั้น 2 "
     "อาคารกรมพัฒนาสังคมและสวัสดิการ สะพานขาว กรุงเทพฯ นายจุติ ไกรฤกษ์ เป็นประธาน",
     "ห้องประชุมปกรณ์ อังศุสิงห์ ชั้น 2 อาคารกรมพัฒนาสังคมและสวัสดิการ สะพานขาว กรุงเทพฯ",
     "ห้องประชุมปกรณ์ อังศุสิงห์", "2", "อาคารกรมพัฒนาสังคมและสวัสดิการ"),
    # u0285: a ballroom's name in two words, then the hotel
    ("กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์\nวันที่ 10 มี.ค. 65 เวลา 13.00 น. ณ ห้องพิจิตรา แกรนด์บอลรูม "
     "โรงแรมเมย์ฟลาวเวอร์ แกรนด์ จังหวัดพิษณุโลก นายจุติ ไกรฤกษ์ เป็นประธาน",
     "ห้องพิจิตรา แกรนด์บอลรูม โรงแรมเมย์ฟลาวเวอร์ แกรนด์ จังหวัดพิษณุโลก",
     "ห้องพิจิตรา แกรนด์บอลรูม", None, "โรงแรมเมย์ฟลาวเวอร์ แกรนด์"),
    # u0700: a floor named by a letter
    ("กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์\nการจัดงาน ณ ชั้น G บริเวณลานอีเดน ศูนย์การค้าเซ็นทรัลเวิลด์ กรุงเทพฯ",
     "ชั้น G บริเวณลานอีเดน ศูนย์การค้าเซ็นทรัลเวิลด์ กรุงเทพฯ", None, "G", "บริเวณลานอีเดน"),
    # u1782: a hotel's name ends where the next sentence begins
    ("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม\nพิธีมอบรางวัล ณ บางกอกคอนเวนชั่นเซ็นเตอร์ A2 ชั้น 22 โรงแรมเซ็นทารา แกรนด์ "
     "แอท เซ็นทรัลเวิลด์ ในการนี้ ปลัดกระทรวงดิจิทัลฯ กล่าวถึง",
     "บางกอกคอนเวนชั่นเซ็นเตอร์ A2 ชั้น 22 โรงแรมเซ็นทารา แกรนด์ แอท เซ็นทรัลเวิลด์", None, "22",
     "โรงแรมเซ็นทารา แกรนด์ แอท เซ็นทรัลเวิลด์"),
])
def test_a_venue_goes_on_over_a_name_written_apart_to_its_next_part(text, venue, room, floor, building):
    found = analyze(text)["venues"]
    assert [v["text"] for v in found] == [venue]
    assert (found[0]["room"], found[0]["floor"], found[0]["building"]) == (room, floor, building)


@pytest.mark.parametrize("text", [
    # the seed's venue written across commas and across a line break (no release of the
    # corpus happens to write one so; #12 asks for both)
    "กรุงเทพมหานคร\nการประชุม ณ ห้องนพรัตน์, ชั้น 5, ศาลาว่าการกรุงเทพมหานคร (เสาชิงช้า) โดยมีนายชัชชาติ สิทธิพันธุ์ เป็นประธาน",
    "กรุงเทพมหานคร\nการประชุม ณ ห้องนพรัตน์ ชั้น 5\nศาลาว่าการกรุงเทพมหานคร (เสาชิงช้า) โดยมีนายชัชชาติ สิทธิพันธุ์ เป็นประธาน",
])
def test_a_venue_goes_on_across_commas_and_line_breaks(text):
    venue = analyze(text)["venues"][0]
    assert (venue["room"], venue["floor"], venue["building"]) == ("ห้องนพรัตน์", "5", "ศาลาว่าการกรุงเทพมหานคร")
    assert "\n" not in venue["text"]


def test_a_line_that_opens_with_a_body_after_a_venue_is_a_sentence_of_its_own():
    venues = analyze("กรุงเทพมหานคร\nการประชุม ณ ทำเนียบรัฐบาล\nกระทรวงสาธารณสุข ได้เตรียมการ")["venues"]
    assert [v["text"] for v in venues] == ["ทำเนียบรัฐบาล"]


def test_words_between_parts_of_a_venue_that_are_a_clause_do_not_join_it():
    # a verb among the words: the venue ends before them
    found = analyze("กระทรวงสาธารณสุข\nการประชุม ณ ห้องประชุม 1 เพื่อหารือ ชั้น 2 อาคาร 1")["venues"]
    assert [v["text"] for v in found] == ["ห้องประชุม 1"]


@pytest.mark.parametrize("text, venue", [
    # tg-043's construction; u1075, u1804 (unlabeled corpus): a remote meeting named by its
    # system, the clause after it left out
    ("และเป็นการประชุมผ่านระบบวีดิทัศน์ทางไกล (VCS) โดยมีผู้ว่าราชการจังหวัดร่วมประชุม",
     "ผ่านระบบวีดิทัศน์ทางไกล (VCS)"),
    ("การประชุมรัฐมนตรีสาธารณสุขอาเซียน ผ่านระบบวิดีโอทางไกลร่วมกับรัฐมนตรีสาธารณสุขอาเซียน", "ผ่านระบบวิดีโอทางไกล"),
])
def test_a_remote_meeting_named_by_its_system(text, venue):
    doc = analyze("กระทรวงสาธารณสุข\n" + text)
    assert [v["text"] for v in doc["venues"] if v["online"]] == [venue]


def test_a_decision_ends_before_a_body_that_reports_on_it():
    # u1352 (unlabeled corpus): "โดยกองทุนฯได้ดำเนินการ..." tells what the fund did, a tail
    doc = analyze("กองทุนพัฒนาสื่อปลอดภัยและสร้างสรรค์\nในการประชุมวันนี้ คณะกรรมการบริหารกองทุนฯ "
                  "ยังได้รับทราบและติดตามผลการดำเนินงานของกองทุนฯ ประจำปีงบประมาณ พ.ศ. 2564 "
                  "โดยกองทุนฯได้ดำเนินการตามตัวชี้วัดการประเมินผลการดำเนินงานทุนหมุนเวียน ประจำปีบัญชี 2564")
    assert [r["text"] for r in doc["resolutions"]] == [
        "รับทราบและติดตามผลการดำเนินงานของกองทุนฯ ประจำปีงบประมาณ พ.ศ. 2564"]


def test_a_body_assigned_may_act_through_another():
    # u0395 (unlabeled corpus): the decision goes on past "โดยกรมการแพทย์"
    doc = analyze("กระทรวงสาธารณสุข\nยาแพกซ์โลวิด ซึ่งคณะรัฐมนตรีเห็นชอบให้กระทรวงสาธารณสุข โดยกรมการแพทย์ "
                  "ดำเนินการจัดซื้อจัดหาจำนวน 50,000 คอร์ส การรักษา")
    assert [r["text"] for r in doc["resolutions"]] == [
        "เห็นชอบให้กระทรวงสาธารณสุข โดยกรมการแพทย์ ดำเนินการจัดซื้อจัดหาจำนวน 50,000 คอร์ส การรักษา"]


@pytest.mark.parametrize("text, decision", [
    # u0794 (unlabeled corpus): a purpose, "as a way to ..."
    ("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม\nที่ประชุมคณะรัฐมนตรีมีมติให้รัฐมนตรีว่าการกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม "
     "ไปร่วมลงนามใน MOU เรื่องความร่วมมือด้านการปราบปรามแก๊ง Call Center และ Hybrid Scam "
     "เพื่อเป็นการสร้างความร่วมมือระหว่างประเทศในการป้องกันปราบปรามปัญหานี้",
     "รัฐมนตรีว่าการกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม ไปร่วมลงนามใน MOU เรื่องความร่วมมือด้านการปราบปรามแก๊ง "
     "Call Center และ Hybrid Scam"),
    # u0379 (unlabeled corpus): a reason, then the next sentence (ดังนั้น ...)
    ("กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์\nที่ประชุม ACWC มีมติเห็นชอบให้นายวันชัย รุจนวงศ์ "
     "ดำรงตำแหน่งต่ออีก 1 วาระ เนื่องจากนายวันชัย รุจนวงศ์ มีผลงานที่โดดเด่น ดังนั้น การต่อวาระการดำรงตำแหน่งดังกล่าว "
     "จะทำให้การดำเนินงานเป็นไปอย่างต่อเนื่อง",
     "เห็นชอบให้นายวันชัย รุจนวงศ์ ดำรงตำแหน่งต่ออีก 1 วาระ"),
    ("กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์\nที่ประชุม ACWC มีมติเห็นชอบให้นายวันชัย รุจนวงศ์ "
     "ดำรงตำแหน่งต่ออีก 1 วาระ ดังนั้น การต่อวาระการดำรงตำแหน่งดังกล่าว จะทำให้การดำเนินงานเป็นไปอย่างต่อเนื่อง",
     "เห็นชอบให้นายวันชัย รุจนวงศ์ ดำรงตำแหน่งต่ออีก 1 วาระ"),
])
def test_a_decision_ends_before_its_purpose_its_reason_and_the_next_sentence(text, decision):
    assert [r["text"] for r in analyze(text)["resolutions"]] == [decision]


def test_a_body_that_takes_part_in_a_decision_stays_in_it():
    # tg-044: "โดย" + bodies that join the work is a condition of the decision, not a report
    doc = analyze("กระทรวงเกษตรและสหกรณ์\nที่ประชุมเห็นชอบให้กระทรวงเกษตรและสหกรณ์ ดำเนินโครงการเชื่อมโยงตลาดข้าวอินทรีย์ "
                  "ในระยะที่ 2 (ปี 2565 – 2568) โดยกระทรวงพาณิชย์ และ ธ.ก.ส. ร่วมเป็นหน่วยงานร่วมดำเนินการ")
    assert [r["text"] for r in doc["resolutions"]] == [
        "เห็นชอบให้กระทรวงเกษตรและสหกรณ์ ดำเนินโครงการเชื่อมโยงตลาดข้าวอินทรีย์ ในระยะที่ 2 (ปี 2565 – 2568) "
        "โดยกระทรวงพาณิชย์ และ ธ.ก.ส. ร่วมเป็นหน่วยงานร่วมดำเนินการ"]


def test_a_list_announced_with_its_first_item_inline_goes_on_over_lines_that_open_with_a_verb():
    # tg-053: "มีมติดังนี้ เห็นชอบ...", then a line that opens with the next decision's verb
    doc = analyze("กระทรวงมหาดไทย\nน.ส.ไตรศุลี กล่าวว่า ที่ประชุมฯ ได้มีวาระเพื่อพิจารณาและมีมติดังนี้ "
                  "เห็นชอบการแต่งตั้งคณะอนุกรรมการขับเคลื่อนการแก้ไขปัญหาหนี้นอกระบบ\n"
                  "เห็นชอบมาตรการในการแก้ไขปัญหาหนี้นอกระบบ 3 ด้าน\n"
                  "ทั้งนี้ กระทรวงมหาดไทยจะเร่งดำเนินการต่อไป")
    assert [r["text"] for r in doc["resolutions"]] == [
        "เห็นชอบการแต่งตั้งคณะอนุกรรมการขับเคลื่อนการแก้ไขปัญหาหนี้นอกระบบ",
        "เห็นชอบมาตรการในการแก้ไขปัญหาหนี้นอกระบบ 3 ด้าน"]


def test_a_meeting_that_considers_and_assigns_decides_and_the_chairs_emphasis_is_no_part_of_it():
    # tg-059: "ที่ประชุมได้พิจารณา ... และมอบหมายให้..." is the meeting's; "และเน้นย้ำว่า" opens the chair's words
    doc = analyze("สำนักงานคณะกรรมการป้องกันและปราบปรามยาเสพติด\nนอกจากนี้ ที่ประชุมได้พิจารณา (ร่าง) ปฏิบัติการกวาดล้างยาเสพติด "
                  "ระยะที่ 1 โดยมีเป้าหมายในการทำให้หมู่บ้านปลอดผู้ค้าภายใน 3 เดือน และมอบหมายให้ทุกหน่วยงานจัดทำแผนรองรับ"
                  "ในระยะที่ 2 - 3 ต่อไป และเน้นย้ำว่าเจ้าหน้าที่รัฐจะต้องรับผิดชอบ")
    assert [r["text"] for r in doc["resolutions"]] == ["มอบหมายให้ทุกหน่วยงานจัดทำแผนรองรับในระยะที่ 2 - 3 ต่อไป"]
