"""People: titles of every family, names, positions (after and before the name), the
body inside the position, roles, later mentions."""

import pytest

from pipeline import analyze, analyze_file

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def samples():
    return {p.name: analyze_file(p) for p in SAMPLES.iterdir()}


def person(doc, name):
    return next(p for p in doc["people"] if p["name"] == name)


def test_seed_people_match_the_gold(seed_doc):
    got = [(p["honorific"], p["name"], p["position"], p["organization"]) for p in seed_doc["people"]]
    assert [(h, n, "".join(pos.split()), "".join(org.split())) for h, n, pos, org in got] == [
        ("นาย", "สุพรพล หนูครองสิน", "รองผู้อำนวยการสำนักยุทธศาสตร์และประเมินผล", "สำนักยุทธศาสตร์และประเมินผล"),
        ("นางสาว", "พรรณราย จริงจิตร", "ผู้อำนวยการสำนักงานการต่างประเทศ", "สำนักงานการต่างประเทศ"),
        ("นาง", "นทีทิพย์ จึงสมประสงค์", "ผู้อำนวยการกองยุทธศาสตร์สาธารณสุขและสิ่งแวดล้อม",
         "กองยุทธศาสตร์สาธารณสุขและสิ่งแวดล้อม"),
        ("นาย", "กิรทัต เจิมจรุง", "หัวหน้ากลุ่มงานยุทธศาสตร์สิ่งแวดล้อม", "กลุ่มงานยุทธศาสตร์สิ่งแวดล้อม"),
        ("นาง", "รสสุคนธ์ ชาติประเสริฐ", "หัวหน้ากลุ่มงานยุทธศาสตร์สาธารณสุข", "กลุ่มงานยุทธศาสตร์สาธารณสุข"),
    ]
    chairs = [p["name"] for p in seed_doc["people"] if "chair" in p["roles"]]
    assert chairs == ["สุพรพล หนูครองสิน"]  # the deputy director
    assert "secretariat" in person(seed_doc, "รสสุคนธ์ ชาติประเสริฐ")["roles"]


@pytest.mark.parametrize(
    "sample, name, honorific, family",
    [
        ("bma-smart-change-2565.txt", "พรรณราย จริงจิตร", "นางสาว", "civil"),
        ("moph-dengue-thai-digits.txt", "ธนวัฒน์ ศรีประเสริฐ", "นายแพทย์", "medical"),
        ("moph-dengue-thai-digits.txt", "วิภาวี จันทร์เพ็ญ", "ศ.ดร.", "academic"),
        ("moph-dengue-thai-digits.txt", "กิตติศักดิ์ บุญมา", "ผศ.ดร.นพ.", "academic"),
        ("moph-dengue-thai-digits.txt", "อรุณี แสงทอง", "พญ.", "medical"),
        ("chiangmai-culture-festival.html", "ศิริพร คำแก้ว", "รศ.ดร.", "academic"),
        ("chiangmai-culture-festival.html", "ปิยาภรณ์ สุขสวัสดิ์", "ม.ล.", "royal"),
        ("agriculture-budget-tis620.txt", "จัตุมงคล โสณกุล", "ม.ร.ว.", "royal"),
        ("agriculture-budget-tis620.txt", "วรรณา เรืองศรี", "คุณหญิง", "noble"),
        ("rayong-flood-command.txt", "ประเสริฐ วงศ์ไทย", "พล.ต.อ.", "police"),
        ("rayong-flood-command.txt", "ชาติชาย ศรีสุข", "พลเอก", "military"),  # "พลเอก ชาติชาย": a space after
        ("rayong-flood-command.txt", "วีระพล มั่นคง", "ว่าที่ร้อยตรี", "military"),
        ("rayong-flood-command.txt", "สุภาพร เกิดผล", "พ.ต.ท.หญิง", "police"),
        ("justice-online-meeting.txt", "ณัฐพล อินทรวงศ์", "ร.ต.อ.ดร.", "police"),
        ("cabinet-songkran-utf8-bom.txt", "ธีรชัย สุขประเสริฐ", "พลอากาศเอก", "air_force"),
        ("cabinet-songkran-utf8-bom.txt", "ประพันธ์ ทะเลทอง", "พลเรือเอก", "navy"),
    ],
)
def test_titles_of_every_family(samples, sample, name, honorific, family):
    p = person(samples[sample], name)
    assert (p["honorific"], p["honorific_family"]) == (honorific, family)


def test_children_and_titles_that_are_words_of_their_own():
    doc = analyze("วันจันทร์ที่ 24 มกราคม 2565\nนายกรัฐมนตรีมอบทุนแก่ ด.ช.ภูมิ ใจดี และ ด.ญ.ฟ้าใส รักไทย ที่ทำเนียบรัฐบาล\n")
    assert [(p["honorific"], p["name"]) for p in doc["people"]] == [("ด.ช.", "ภูมิ ใจดี"), ("ด.ญ.", "ฟ้าใส รักไทย")]


def test_position_written_before_the_name(samples):
    rayong = person(samples["rayong-flood-command.txt"], "สมศักดิ์ ทองดี")
    assert rayong["position"] == "ผู้ว่าราชการจังหวัดระยอง" and "chair" in rayong["roles"]
    justice = person(samples["justice-online-meeting.txt"], "ปิยะนุช รัตนพันธ์")
    assert (justice["position"], justice["organization"]) == ("รองปลัดกระทรวงยุติธรรม", "กระทรวงยุติธรรม")


def test_a_repeated_person_is_one_item_with_its_later_mentions(samples):
    doc = samples["justice-online-meeting.txt"]
    assert [p["name"] for p in doc["people"]].count("ปิยะนุช รัตนพันธ์") == 1
    p = person(doc, "ปิยะนุช รัตนพันธ์")
    mentioned = [doc["text"][s:e] for s, e in p["mentions"]]
    assert "นางสาวปิยะนุช" in mentioned  # by given name
    assert set(doc["text"][s:e] for s, e in p["post_mentions"]) == {"รองปลัดกระทรวงยุติธรรม"}  # by the post alone
    assert "speaker" in p["roles"]
    glued = samples["agriculture-budget-tis620.txt"]  # "ม.ร.ว.จัตุมงคล กล่าวว่า"
    assert [p["name"] for p in glued["people"]].count("จัตุมงคล โสณกุล") == 1


def test_organization_wrapped_across_lines(seed_doc):
    orgs = {"".join(o["name"].split()) for o in seed_doc["organizations"]}
    assert "สำนักยุทธศาสตร์และประเมินผล" in orgs  # "สำนักยุทธศาสตร์และ ประเมินผล" in the raw text
    assert "กองยุทธศาสตร์สาธารณสุขและสิ่งแวดล้อม" in orgs  # "กองยุทธศาสตร์สาธารณสุข และสิ่งแวดล้อม"


def test_family_names_that_begin_like_verbs():
    doc = analyze("วันศุกร์ที่ 6 พฤศจิกายน 2563\nนางสาวสราญภัทร อนุมัติราชกิจ รองปลัดกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ "
                  "พร้อมด้วยนางศิริลักษณ์ มีมาก ผู้เชี่ยวชาญเฉพาะด้านผู้สูงอายุ เข้าร่วมประชุม นางสาวสราญภัทร กล่าวว่า\n")
    assert [p["name"] for p in doc["people"]] == ["สราญภัทร อนุมัติราชกิจ", "ศิริลักษณ์ มีมาก"]


def test_ministry_named_by_its_short_name_in_a_position():
    doc = analyze("วันจันทร์ที่ 4 ธันวาคม 2566\nนายสุริยะ จึงรุ่งเรืองกิจ รมว.คมนาคม ได้ให้สถานีกลางบางซื่อเป็นช่องทางจำหน่ายสินค้า\n")
    assert doc["people"][0]["organization"] == "กระทรวงคมนาคม"


def _chairs(text):
    from pipeline import analyze

    return [p["name"] for p in analyze(text)["people"] if "chair" in p["roles"]]


@pytest.mark.parametrize("text, chairs", [
    # the post's abbreviation in brackets before เป็นประธาน (u-corpus, พม. releases)
    ("วันนี้ (4 มี.ค. 65) เวลา 10.00 น. นายจุติ ไกรฤกษ์ รัฐมนตรีว่าการกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ "
     "(รมว.พม.) เป็นประธานการประชุมคณะกรรมการผู้สูงอายุแห่งชาติ ครั้งที่ 1/2565", ["จุติ ไกรฤกษ์"]),
    # a capacity between the post and เป็นประธาน (unlabeled corpus)
    ("วันนี้ (4 มี.ค. 65) เวลา 10.00 น. พล.อ.ประวิตร วงษ์สุวรรณ รองนายกรัฐมนตรี ในฐานะประธานคณะกรรมการนโยบายอวกาศแห่งชาติ "
     "เป็นประธานการประชุมคณะกรรมการนโยบายอวกาศแห่งชาติ", ["ประวิตร วงษ์สุวรรณ"]),
    # said after chairing (unlabeled corpus)
    ("นายชัยวุฒิ ธนาคมานุสรณ์ รัฐมนตรีว่าการกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม (ดีอีเอส) กล่าวภายหลังเป็นประธานการประชุม"
     "คณะกรรมการป้องกันปราบปรามการกระทำความผิดเกี่ยวกับเทคโนโลยี", ["ชัยวุฒิ ธนาคมานุสรณ์"]),
    # co-chairs: the first joined by และ to the one who ร่วมเป็นประธาน (unlabeled corpus)
    ("วันนี้ (3 ส.ค. 64) นายจุติ ไกรฤกษ์ รัฐมนตรีว่าการกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ (รมว.พม.) และนายชัยวุฒิ "
     "ธนาคมานุสรณ์ รัฐมนตรีว่าการกระทรวงดิจิตอลเพื่อเศรษฐกิจและสังคม (รมว.ดีอีเอส)  ร่วมเป็นประธานในพิธีส่งต่อถุงยังชีพ",
     ["จุติ ไกรฤกษ์", "ชัยวุฒิ ธนาคมานุสรณ์"]),
    # a capacity alone is no chair of an event: a statement (unlabeled corpus)
    ("วันนี้ (22 กุมภาพันธ์ 2565) นพ.โสภณ เมฆธน ผู้ช่วยรัฐมนตรีประจำกระทรวงสาธารณสุข ในฐานะประธานคณะอนุกรรมการอำนวยการ"
     "บริหารจัดการการให้วัคซีนโควิด 19 กล่าวว่า ขณะนี้สถานการณ์การแพร่ระบาดของโรคโควิด 19 ในประเทศ", []),
])
def test_who_chairs(text, chairs):
    assert _chairs(text) == chairs


@pytest.mark.parametrize("text, chairs", [
    # u1485, u0294, u0794 (unlabeled corpus): what the person did while or after chairing
    ("กระทรวงสาธารณสุข\nนายอนุทิน ชาญวีรกูล รองนายกรัฐมนตรีและรัฐมนตรีว่าการกระทรวงสาธารณสุข "
     "ให้สัมภาษณ์ภายหลังเป็นประธานการประชุมคณะกรรมการกำกับดูแล", ["อนุทิน ชาญวีรกูล"]),
    ("สำนักนายกรัฐมนตรี\nพลเอกประยุทธ์ จันทร์โอชา นายกรัฐมนตรี กล่าวระหว่างเป็นประธานในพิธีลงนามความร่วมมือ",
     ["ประยุทธ์ จันทร์โอชา"]),
    ("สำนักนายกรัฐมนตรี\nวันนี้ (8 ก.ค. 65) พลเอกประยุทธ์ จันทร์โอชา นายกรัฐมนตรี กล่าวในโอกาสเป็นประธานการมอบโล่ประกาศเกียรติคุณ",
     ["ประยุทธ์ จันทร์โอชา"]),
    # u0627: the spouse who comes along; u0415: a second post after a slash
    ("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม\nโดยมี พล.อ.ประยุทธ์ จันทร์โอชา นายกรัฐมนตรี และภริยา เป็นประธานในพิธีทางศาสนา",
     ["ประยุทธ์ จันทร์โอชา"]),
    ("กระทรวงกลาโหม\nวันนี้ พลเอก ประยุทธ์ จันทร์โอชา นายกรัฐมนตรี และรัฐมนตรีว่าการกระทรวงกลาโหม/นายกสภาทหารผ่านศึก "
     "ได้เป็นประธานในการประกอบพิธีบำเพ็ญกุศล", ["ประยุทธ์ จันทร์โอชา"]),
    # u0495: a representative chairs in the place of the one he represents; เป็นประธาน on the next line
    ("กระทรวงกลาโหม\nเวลา ๐๙.๐๐ น. พลเรือเอก มนัสวี บูรณพงศ์ รองปลัดกระทรวงกลาโหม ผู้แทน พลเอก ประยุทธ์ จันทร์โอชา "
     "นายกรัฐมนตรีและรัฐมนตรีว่าการกระทรวงกลาโหม\nเป็นประธานในพิธีบรรพชาสามเณร", ["มนัสวี บูรณพงศ์"]),
    # u0255: the ministry's name with spaces in it, then its abbreviation in brackets
    ("กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม\nเมื่อวันที่ 5 มี.ค. ศ.(พิเศษ) ดร.เอนก เหล่าธรรมทัศน์ "
     "รมว.การอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม (อว.) เป็นประธานการประชุมสรุปผล", ["เอนก เหล่าธรรมทัศน์"]),
    # u0081: the vice-president of a council (อุปนายก...)
    ("กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม\nโดยมี ศ.สมบูรณ์  สุขสำราญ อุปนายกสภามหาวิทยาลัยรามคำแหง "
     "เป็นประธานในพิธี", ["สมบูรณ์ สุขสำราญ"]),
    # #12's forms no release of the corpus writes: the post itself, a capacity that names the
    # meeting (unlike ในฐานะประธานคณะอนุกรรมการ..., the chair of a body)
    ("กระทรวงสาธารณสุข\nนายอนุทิน ชาญวีรกูล ประธานการประชุม กล่าวว่า ที่ประชุมเห็นชอบมาตรการ", ["อนุทิน ชาญวีรกูล"]),
    ("กระทรวงสาธารณสุข\nนายอนุทิน ชาญวีรกูล รองนายกรัฐมนตรี ในฐานะประธานการประชุม กล่าวว่า ที่ประชุมเห็นชอบ",
     ["อนุทิน ชาญวีรกูล"]),
    # the chair named by the given name alone, after the full name
    ("กระทรวงสาธารณสุข\nวันนี้ นายอนุทิน ชาญวีรกูล รองนายกรัฐมนตรี เดินทางมาถึงจังหวัดภูเก็ต\n"
     "ต่อมา นายอนุทิน เป็นประธานการประชุมคณะกรรมการโรคติดต่อจังหวัดภูเก็ต", ["อนุทิน ชาญวีรกูล"]),
    # โดยมี X เป็นประธาน after a list of those who attend
    ("กระทรวงสาธารณสุข\nการประชุมคณะกรรมการโรคติดต่อแห่งชาติ มีผู้เข้าร่วม ได้แก่ นายสาธิต ปิตุเตชะ "
     "รัฐมนตรีช่วยว่าการกระทรวงสาธารณสุข นายเกียรติภูมิ วงศ์รจิต ปลัดกระทรวงสาธารณสุข โดยมีนายอนุทิน ชาญวีรกูล "
     "รองนายกรัฐมนตรี เป็นประธาน", ["อนุทิน ชาญวีรกูล"]),
])
def test_more_ways_to_say_who_chairs(text, chairs):
    assert _chairs(text) == chairs


def test_the_subject_of_a_sentence_that_goes_on_to_chair():
    # u0476 (unlabeled corpus): "... ลงพื้นที่จังหวัดพิษณุโลก เพื่อเป็นประธานเปิดโครงการ"
    assert _chairs("กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์\nวันนี้ ( 5 พ.ค. 65) เวลา 14.00 น. นายจุติ ไกรฤกษ์ "
                   "รัฐมนตรีว่าการกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ (รมว.พม.) ลงพื้นที่จังหวัดพิษณุโลก "
                   "เพื่อเป็นประธานเปิดโครงการ \"พัฒนาคุณภาพชีวิต\"") == ["จุติ ไกรฤกษ์"]
    # ... not when another person stands between: the one who sends is no chair
    assert "จุติ ไกรฤกษ์" not in _chairs("กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์\nนายจุติ ไกรฤกษ์ รัฐมนตรีว่าการกระทรวงการพัฒนาสังคม"
                   "และความมั่นคงของมนุษย์ มอบหมายให้นายสมชาย ใจดี ผู้ตรวจราชการกระทรวง เดินทางไปจังหวัดพิษณุโลก "
                   "เพื่อเป็นประธานเปิดโครงการ")


def test_a_chair_named_by_given_name_in_quotes():
    # u1095 (unlabeled corpus): the headline names the minister by his given name in quotes
    doc = analyze("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม\n“ชัยวุฒิ” รมว.ดีอีเอส นั่งหัวโต๊ะประชุม คกก. ป้องกันฯ\n"
                  "นายชัยวุฒิ ธนาคมานุสรณ์ รัฐมนตรีว่าการกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม (ดีอีเอส) กล่าวว่า")
    people = {p["name"]: p for p in doc["people"]}
    assert list(people) == ["ชัยวุฒิ ธนาคมานุสรณ์"]
    assert people["ชัยวุฒิ ธนาคมานุสรณ์"]["roles"] == ["chair", "speaker"]
    assert people["ชัยวุฒิ ธนาคมานุสรณ์"]["honorific"] == "นาย"


@pytest.mark.parametrize("text, name, position", [
    # posts mined from the unlabeled corpus (u0029, u0285)
    ("จังหวัดเชียงใหม่\nนายแพทย์จตุชัย มณีรัตน์ นายแพทย์สาธารณสุขจังหวัดเชียงใหม่ กล่าวว่า สถานการณ์โควิด",
     "จตุชัย มณีรัตน์", "นายแพทย์สาธารณสุขจังหวัดเชียงใหม่"),
    ("มหาวิทยาลัยนเรศวร\nดร.กาญจนา เงารังษี อดีตอธิการบดีมหาวิทยาลัยนเรศวร ได้รับรางวัล",
     "กาญจนา เงารังษี", "อดีตอธิการบดีมหาวิทยาลัยนเรศวร"),
    # a civil-service post: a field and its grade (ก.พ. classification)
    ("กรมพัฒนาสังคมและสวัสดิการ\nนางพัชรี ศุภดิษฐ์ นักพัฒนาสังคมชำนาญการพิเศษ กองคุ้มครองและพัฒนาอาชีพ ได้รับรางวัล",
     "พัชรี ศุภดิษฐ์", "นักพัฒนาสังคมชำนาญการพิเศษ กองคุ้มครองและพัฒนาอาชีพ"),
])
def test_posts_learned_from_releases(text, name, position):
    from pipeline import analyze

    people = {p["name"]: p for p in analyze(text)["people"]}
    assert people[name]["position"] == position


def test_na_lineage_family_names_are_whole():
    # unlabeled corpus: ณ อยุธยา is part of the family name, the post follows it
    from pipeline import analyze

    doc = analyze("ทำเนียบรัฐบาล\nโดยมีผู้เข้าร่วม ได้แก่ นายจิรุตถ์ อิศรางกูร ณ อยุธยา ผู้อำนวยการสำนักงานส่งเสริม"
                  "การจัดประชุมและนิทรรศการ (องค์การมหาชน) และนายกิตติรัตน์ ณ ระนอง ประธานที่ปรึกษานายกรัฐมนตรี")
    people = {p["name"]: p for p in doc["people"]}
    assert people["จิรุตถ์ อิศรางกูร ณ อยุธยา"]["position"].startswith("ผู้อำนวยการสำนักงานส่งเสริม")
    assert people["กิตติรัตน์ ณ ระนอง"]["position"] == "ประธานที่ปรึกษานายกรัฐมนตรี"
    # ณ before a room is still where the meeting is
    doc = analyze("กระทรวงมหาดไทย\nนายจุติ ไกรฤกษ์ ณ ห้องประชุมราชสีห์ ศาลาว่าการกระทรวงมหาดไทย")
    assert [p["name"] for p in doc["people"]] == ["จุติ ไกรฤกษ์"]


def test_a_later_mention_that_says_more_of_the_post_completes_it():
    # u0440 (unlabeled corpus): the headline cuts the post short, the body gives it whole;
    # tg-041: นายกรัฐมนตรี, then นายกรัฐมนตรี และรัฐมนตรีว่าการกระทรวงกลาโหม
    doc = analyze("กระทรวงการท่องเที่ยวและกีฬา\nการประชุมครั้งที่ 1/2565 โดยมีนายพิพัฒน์ รัชกิจประการ รัฐมนตรีว่าการกระท\n"
                  "การประชุมครั้งที่ 1/2565 โดยมีนายพิพัฒน์ รัชกิจประการ รัฐมนตรีว่าการกระทรวงการท่องเที่ยวและกีฬา "
                  "นายโชติ ตราชู ปลัดกระทรวงการท่องเที่ยวและกีฬา เข้าร่วม")
    person = next(p for p in doc["people"] if p["name"] == "พิพัฒน์ รัชกิจประการ")
    assert person["position"] == "รัฐมนตรีว่าการกระทรวงการท่องเที่ยวและกีฬา"
    assert person["organization"] == "กระทรวงการท่องเที่ยวและกีฬา"



@pytest.mark.parametrize("text, name, position", [
    # tg-048, u0221 (unlabeled corpus): a given name that opens with a verb (ทรง, ชู) the
    # segmenter cuts off is still a name when PyThaiNLP's list of given names holds it
    ("นายทรงศักดิ์ ทองศรี รัฐมนตรีช่วยว่าการกระทรวงมหาดไทย กล่าว", "ทรงศักดิ์ ทองศรี", "รัฐมนตรีช่วยว่าการกระทรวงมหาดไทย"),
    ("พลเอก ชูชาติ บัวขาว รองปลัดกระทรวงกลาโหม เป็นประธาน", "ชูชาติ บัวขาว", "รองปลัดกระทรวงกลาโหม"),
])
def test_a_given_name_that_opens_with_a_verb(text, name, position):
    doc = analyze("กระทรวงมหาดไทย\n" + text)
    person = next(p for p in doc["people"] if p["name"] == name)
    assert person["position"] == position


@pytest.mark.parametrize("text, name, position, organization", [
    # tg-055, tg-058 (dev gold): a ministry by its abbreviation in a post is named in full
    ("นายสุทิน คลังแสง รมว.กห. ในฐานะนายกสภาทหารผ่านศึก", "สุทิน คลังแสง", "รมว.กห.", "กระทรวงกลาโหม"),
    # u0141 (unlabeled corpus), tg-058: the rank written apart from the post is the post's;
    # the police (ตร.) glued to the commander's post is its body, as written
    ("ภายใต้การนำทีมของพล.ต.อ.ดำรงศักดิ์ กิตติประภัสร์ รอง ผบ.ตร. ในฐานะผู้อำนวยการศูนย์",
     "ดำรงศักดิ์ กิตติประภัสร์", "รอง ผบ.ตร.", "ตร."),
    ("พร้อมด้วย ร.อ.รชฏ พิสิษฐบรรณกร ผู้ช่วย รมว.ทส. นายจตุพร บุรุษพัฒน์ ปลัดกระทรวงฯ",
     "รชฏ พิสิษฐบรรณกร", "ผู้ช่วย รมว.ทส.", "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม"),
    # u0752: และ glued to the end of a post joins what follows, it is not the post's
    ("โดยมี พล.อ.ชัยชาญ ช้างมงคล รมช.กห.และ พล.อ.ณัฐ อินทรเจริญ ปลัดกระทรวงกลาโหม",
     "ชัยชาญ ช้างมงคล", "รมช.กห.", "กระทรวงกลาโหม"),
])
def test_posts_written_with_abbreviations(text, name, position, organization):
    doc = analyze("กระทรวงกลาโหม\n" + text)
    person = next(p for p in doc["people"] if p["name"] == name)
    assert (person["position"], person["organization"]) == (position, organization)


@pytest.mark.parametrize("text, people", [
    # tg-055, u1696 (unlabeled corpus): a title at the end of a dotted abbreviation is none
    ("พร้อมปฏิบัติงานที่ รพ.ผศ. รวมจำนวน 10 คน", []),
    ("เงินทุนสะสมของ อผศ. รวมจำนวน 10 ทุน", []),
    # ... but after a word or a number it is one (u1163, u1844)
    ("ขนาด 450 เตียง มีนพ.อธิวัฒน์ น้อยประสิทธิ ผู้อำนวยการโรงพยาบาล", ["อธิวัฒน์ น้อยประสิทธิ"]),
    ("เขตสุขภาพที่ 8 9.นพ.ทวีศิลป์ วิษณุโยธิน ผู้ตรวจราชการกระทรวงสาธารณสุข", ["ทวีศิลป์ วิษณุโยธิน"]),
])
def test_a_title_inside_a_dotted_abbreviation_is_none(text, people):
    assert [p["name"] for p in analyze("กระทรวงกลาโหม\n" + text)["people"]] == people


def test_a_family_name_the_sentence_runs_on_from_is_cut_to_the_one_written_before():
    # u0520 (unlabeled corpus)
    doc = analyze("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม\nเมื่อวันที่ 11 พฤษภาคม 2565 นายชัยวุฒิ ธนาคมานุสรณ์ "
                  "รัฐมนตรีว่าการกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม ให้การต้อนรับคณะทูต ซึ่งนายชัยวุฒิ "
                  "ธนาคมานุสรณ์ได้แสดงความสนใจการจัดทำระบบเลือกตั้งทางอิเล็กทรอนิกส์")
    assert [p["name"] for p in doc["people"]] == ["ชัยวุฒิ ธนาคมานุสรณ์"]
    assert len(doc["people"][0]["mentions"]) == 1


def test_a_post_abbreviated_in_brackets_is_no_body_and_its_ministry_is_the_persons():
    # u0006 (unlabeled corpus): "(รมว.พม.)" abbreviates the post; พม. later is the ministry
    doc = analyze("กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์\nตามที่นายจุติ ไกรฤกษ์ "
                  "รัฐมนตรีว่าการกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ (รมว.พม.) ได้รับมอบหมาย ทั้งนี้ "
                  "นายวิทยา สมใจ ผู้ช่วย รมว.พม. กล่าวว่า กระทรวง พม. พร้อมดูแล")
    orgs = {o["name"]: o for o in doc["organizations"]}
    assert "พม." not in orgs and "รมว.พม." not in orgs
    assert orgs["กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์"]["abbreviation"] != "รมว.พม."
    people = {p["name"]: p["organization"] for p in doc["people"]}
    assert people["วิทยา สมใจ"] == "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์"


@pytest.mark.parametrize("text, name, post", [
    # u0956, u0893 (unlabeled corpus): a second post after "และ" and a space
    ("กระทรวงกลาโหม\nโดยมีพล.อ.ประยุทธ์ จันทร์โอชา นายกรัฐมนตรี และ รมว.กลาโหม พร้อมด้วยภริยา เป็นประธานในพิธี",
     "ประยุทธ์ จันทร์โอชา", "นายกรัฐมนตรี และ รมว.กลาโหม"),
    ("สำนักงานตำรวจแห่งชาติ\nนำโดย พล.ต.อ.ดำรงศักดิ์ กิตติประภัสร์ รอง ผบ.ตร. และ ผอ.ศปอส.ตร. (PCT) ได้เข้าไปสืบสวน",
     "ดำรงศักดิ์ กิตติประภัสร์", "รอง ผบ.ตร. และ ผอ.ศปอส.ตร."),
    # u1263 (unlabeled corpus), tg-057: a body's initials after the post, apart from it
    ("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม\nด้านนายไตรรัตน์ วิริยะศิริกุล รองเลขาธิการ กสทช. ให้ความเห็นเพิ่มเติมว่า",
     "ไตรรัตน์ วิริยะศิริกุล", "รองเลขาธิการ กสทช."),
    ("ทำเนียบรัฐบาล\nนายจิรายุ ห่วงทรัพย์ ที่ปรึกษาของนายกรัฐมนตรี และ กรรมการ ศปช.เปิดเผยว่า นายภูมิธรรม เวชยชัย",
     "จิรายุ ห่วงทรัพย์", "ที่ปรึกษาของนายกรัฐมนตรี และ กรรมการ ศปช."),
    # u0494 (unlabeled corpus): ณ. is no body's initials
    ("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม\nนายบอเวียงคำ วงดารา รัฐมนตรีว่าการกระทรวงเทคโนโลยีและการสื่อสาร ณ.นครเวียงจันทร์",
     "บอเวียงคำ วงดารา", "รัฐมนตรีว่าการกระทรวงเทคโนโลยีและการสื่อสาร"),
])
def test_a_post_goes_on_over_a_second_post_and_a_bodys_initials(text, name, post):
    people = {p["name"]: p["position"] for p in analyze(text)["people"]}
    assert people[name] == post


def test_the_post_written_with_the_full_name_wins_over_the_headlines():
    # u0887 (unlabeled corpus): the headline gives the given name and a short post
    doc = analyze("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม\nดร.ณัฐพล รองปลัดดีอีเอส ร่วมพิธีถวายเครื่องราชสักการะ\n"
                  "เมื่อวันที่ 28 กรกฎาคม 2565 ดร.ณัฐพล ณัฏฐสมบูรณ์ รองปลัดกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม "
                  "ร่วมพิธีถวายเครื่องราชสักการะ")
    [person] = doc["people"]
    assert person["position"] == "รองปลัดกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"


def test_a_body_the_model_finds_inside_a_post_is_a_body():
    # u1263 (unlabeled corpus): the post covers กสทช.; the body is listed all the same
    doc = analyze("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม\nด้านนายไตรรัตน์ วิริยะศิริกุล รองเลขาธิการ กสทช. "
                  "ให้ความเห็นเพิ่มเติมว่าที่ผ่านได้ทำงานร่วมกัน")
    assert "กสทช." in {o["name"] for o in doc["organizations"]}


@pytest.mark.parametrize("text, name", [
    # a word glued to the given name (unlabeled releases u1943, u1734)
    ("บริเวณถนนเพชรบุรี แขวงมักกะสัน เขตราชเทวี กรุงเทพฯ  โดยนายณรงค์ได้รับบาดเจ็บที่แขนเกิดจากการถูกไม้ฟาดหลายครั้ง",
     "ณรงค์"),
    ("เราจึงพร้อมสนับสนุนโครงการพัฒนาศักยภาพบุคคลอย่าง “Seeds for the Future” นางสาวอัจฉรินทร์กล่าวสรุป", "อัจฉรินทร์"),
    # a verb after a space, not a family name (u0179, u0262)
    ("ดร.สาธิต ยก “อสม.” เป็นกำลังสำคัญหนุนระบบสุขภาพปฐมภูมิของประเทศ", "สาธิต"),
    ("ซึ่งในกรณีของ นพ.สมิทธิ์ ตรวจสอบแล้ว มีการกระทำผิดเกิดขึ้นทั้งในและนอกประเทศ", "สมิทธิ์"),
    # a relative clause taken for a second family name because a post comes later (u0558)
    ("นายสรรเพชร มารัตน์เเละ นายสรวิชญ มหาวนากูล ซึ่งทั้งหมดเป็น นักกีฬา Arena of Valor เข้ารอบเป็นที่ 1 ของสายกับ เวียดนาม",
     "สรวิชญ มหาวนากูล"),
    # a family name stays, also one the model ends sooner, when the word after the space is no verb
    ("ทีมที่ 7 ประกอบด้วย นางสาวธนิษศาศ์ อัครพันธุ์ทวี  นางสาวสุพัตรา สำอางค์ศรี", "ธนิษศาศ์ อัครพันธุ์ทวี"),
])
def test_the_model_ends_a_name_the_sentence_runs_on_from(text, name):
    assert name in [p["name"] for p in analyze(text)["people"]]


def test_a_civil_service_level_goes_on_with_the_post_and_its_unit():
    # the civil service's own way of listing staff: post, level (ระดับ ..., ส 4), unit; from tg-051 (unlabeled
    # u1959 writes the same form for staff it does not name)
    doc = analyze("วันศุกร์ที่ 6 กันยายน 2567\n4) นางสุนันท์ กรรณาริก พนักงานธุรการ ส 4 สถานสงเคราะห์เด็กหญิงสระบุรี "
                  "5) นายชุมพร ฌานอนันต์ พนักงานการเกษตร ระดับ ส 4 ศูนย์พัฒนาราษฎรบนพื้นที่สูงจังหวัดแม่ฮ่องสอน\n")
    got = [(p["name"], p["position"], p["organization"]) for p in doc["people"]]
    assert got == [
        ("สุนันท์ กรรณาริก", "พนักงานธุรการ ส 4 สถานสงเคราะห์เด็กหญิงสระบุรี", "สถานสงเคราะห์เด็กหญิงสระบุรี"),
        ("ชุมพร ฌานอนันต์", "พนักงานการเกษตร ระดับ ส 4 ศูนย์พัฒนาราษฎรบนพื้นที่สูงจังหวัดแม่ฮ่องสอน",
         "ศูนย์พัฒนาราษฎรบนพื้นที่สูงจังหวัดแม่ฮ่องสอน"),
    ]
