"""Organizations and places: known bodies, head nouns, abbreviations, full place names."""

import pytest

from pipeline import analyze, analyze_file

from .conftest import SAMPLES


def by_name(items):
    return {i["name"]: i for i in items}


def test_bodies_their_kinds_and_abbreviations():
    doc = analyze(
        "วันพุธที่ 12 มกราคม 2565\nคณะกรรมการยุทธศาสตร์ด้านการพัฒนาจังหวัดชายแดนภาคใต้ (กพต.) ประชุมร่วมกับกระทรวงมหาดไทย "
        "และสถาบันวิจัยดาราศาสตร์แห่งชาติ (องค์การมหาชน) โดย กพต. เห็นชอบแผนงาน และ สธ. รับทราบ\n")
    orgs = by_name(doc["organizations"])
    committee = orgs["คณะกรรมการยุทธศาสตร์ด้านการพัฒนาจังหวัดชายแดนภาคใต้"]
    assert committee["kind"] == "committee" and committee["abbreviation"] == "กพต."
    assert "กพต." in committee["aliases"] and len(committee["mentions"]) == 3
    assert orgs["กระทรวงมหาดไทย"]["kind"] == "ministry"
    assert "สถาบันวิจัยดาราศาสตร์แห่งชาติ (องค์การมหาชน)" in orgs
    assert orgs["กระทรวงสาธารณสุข"]["aliases"] == ["สธ."]


def test_words_that_begin_like_a_body_are_not_bodies():
    doc = analyze("วันพุธที่ 12 มกราคม 2565\nสภาพอากาศแปรปรวน กรมธรรม์ประกันภัยหมดอายุ ศาลากลางจังหวัดปิดทำการ หน่วยงานต่าง ๆ ร่วมมือกัน\n")
    assert doc["organizations"] == []


def test_bangkok_is_the_bma_in_its_own_releases_and_a_place_elsewhere(seed_doc):
    assert "กรุงเทพมหานคร" in by_name(seed_doc["organizations"])
    assert "กรุงเทพมหานคร" not in by_name(seed_doc["places"])
    doc = analyze("วันศุกร์ที่ 25 เมษายน 2568\nการแข่งขันจะจัดขึ้น ณ กรุงเทพมหานคร จังหวัดชลบุรี และจังหวัดสงขลา\n")
    assert {"กรุงเทพมหานคร", "จังหวัดชลบุรี", "จังหวัดสงขลา"} <= set(by_name(doc["places"]))


def test_places_get_their_full_names_and_keep_the_forms_written():
    doc = analyze_file(SAMPLES / "rayong-flood-command.txt")
    places = by_name(doc["places"])
    assert "จ.ระยอง" in places["จังหวัดระยอง"]["aliases"]
    assert places["อำเภอเมืองระยอง"]["aliases"] == ["อ.เมืองระยอง"]
    assert {"อำเภอแกลง", "อำเภอวังจันทร์", "อำเภอบ้านค่าย"} <= set(places)


def test_bare_province_names_only_where_used_as_places():
    doc = analyze("วันจันทร์ที่ 4 ธันวาคม 2566\nกลุ่มจังหวัด (หนองบัวลำภู บึงกาฬ เลย หนองคาย และอุดรธานี) ไม่เคยพบปัญหานี้เลย\n")
    names = set(by_name(doc["places"]))
    assert {"จังหวัดหนองบัวลำภู", "จังหวัดบึงกาฬ", "จังหวัดเลย", "จังหวัดหนองคาย", "จังหวัดอุดรธานี"} <= names
    loei = by_name(doc["places"])["จังหวัดเลย"]
    assert len(loei["mentions"]) == 1  # "...ปัญหานี้เลย" is not the province


def test_a_district_office_is_a_body_and_its_district_a_place():
    doc = analyze("วันจันทร์ที่ 23 มิถุนายน 2568\nสำนักงานเขตคลองสาน ตั้งอยู่บนถนนเจริญนคร แขวงบางลำภูล่าง เขตคลองสาน\n")
    assert "สำนักงานเขตคลองสาน" in by_name(doc["organizations"])
    assert {"ถนนเจริญนคร", "แขวงบางลำภูล่าง", "เขตคลองสาน"} <= set(by_name(doc["places"]))


@pytest.mark.parametrize("text, name", [
    # u0771 (unlabeled corpus): a committee for the provinces and Bangkok
    ("มอบคณะกรรมการควบคุมเครื่องดื่มแอลกอฮอล์จังหวัดและกรุงเทพมหานคร จัดทำแผนและรายงานผลให้ทราบทุก 6 เดือน",
     "คณะกรรมการควบคุมเครื่องดื่มแอลกอฮอล์จังหวัดและกรุงเทพมหานคร"),
    # tg-010's construction: canals listed with spaces and และ
    ("เป็นประธานการประชุมคณะอนุกรรมการขับเคลื่อนการดำเนินการฟื้นฟูและพัฒนาพื้นที่คลองลาดพร้าว คลองเปรมประชากร "
     "และคลองแสนแสบ ครั้งที่ 1/2565",
     "คณะอนุกรรมการขับเคลื่อนการดำเนินการฟื้นฟูและพัฒนาพื้นที่คลองลาดพร้าว คลองเปรมประชากร และคลองแสนแสบ"),
    ("แต่งตั้งคณะทำงานเร่งรัดจัดทำแผนการแก้ไขปัญหาน้ำท่วมในพื้นที่จังหวัดเชียงใหม่และจังหวัดเชียงราย โดยมีปลัดกระทรวงเป็นประธาน",
     "คณะทำงานเร่งรัดจัดทำแผนการแก้ไขปัญหาน้ำท่วมในพื้นที่จังหวัดเชียงใหม่และจังหวัดเชียงราย"),
])
def test_a_committee_named_for_a_list_of_places_keeps_the_whole_list(text, name):
    doc = analyze("กระทรวงมหาดไทย\n" + text)
    assert name in {o["name"] for o in doc["organizations"]}


def test_bodies_are_not_joined_by_a_list_of_places_unless_a_committee_is_named_for_it():
    doc = analyze("กระทรวงมหาดไทย\nกรมชลประทาน กรมทางหลวง และจังหวัดเชียงราย ร่วมกันแก้ไขปัญหา")
    assert {"กรมชลประทาน", "กรมทางหลวง"} <= {o["name"] for o in doc["organizations"]}


def test_a_province_after_a_bodys_name_is_a_place_a_glued_one_is_not():
    # u0682 (unlabeled corpus): hospitals, each with its province after a space;
    # GOLD.md: a place glued inside a name is the name's (ศูนย์...พื้นที่สูงจังหวัดแม่ฮ่องสอน)
    doc = analyze("สำนักงานหลักประกันสุขภาพแห่งชาติ\nโรงพยาบาลพระปกเกล้า จ.จันทบุรี โรงพยาบาลระยอง จ.ระยอง "
                  "และหัวหน้างานสำนักกฎหมาย เป็นต้น\nณ ศูนย์พัฒนาราษฎรบนพื้นที่สูงจังหวัดแม่ฮ่องสอน")
    places = {p["name"] for p in doc["places"]}
    assert {"จังหวัดจันทบุรี", "จังหวัดระยอง"} <= places and "จังหวัดแม่ฮ่องสอน" not in places


def test_a_word_the_segmenter_cut_before_a_stop_word_stays_in_the_name():
    # u1416 (unlabeled corpus): พื้น|ที่สูง is พื้นที่ + สูง; ที่ does not end the name there
    doc = analyze("กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์\nณ ศูนย์ส่งเสริมสวัสดิการสังคมชุมชนบนพื้นที่สูง "
                  "จังหวัดเชียงราย มีผู้เข้าร่วม 100 คน")
    assert "ศูนย์ส่งเสริมสวัสดิการสังคมชุมชนบนพื้นที่สูง" in {o["name"] for o in doc["organizations"]}


@pytest.mark.parametrize("text, name", [
    # u1346, u1290 (unlabeled corpus), tg-054: two names joined by a hyphen are one place
    ("ที่อำเภอสุไหงโก-ลก จังหวัดนราธิวาส", "อำเภอสุไหงโก-ลก"),
    ("ณ อุทยานแห่งชาติภูเก้า-ภูพานคำ", "อุทยานแห่งชาติภูเก้า-ภูพานคำ"),
    ("ได้แก่ อุทยานแห่งชาติอ่าวมะนาว - เขาตันหยง จังหวัดนราธิวาส", "อุทยานแห่งชาติอ่าวมะนาว - เขาตันหยง"),
])
def test_a_place_named_with_a_hyphen_is_one_place(text, name):
    doc = analyze("กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม\n" + text)
    assert name in {p["name"] for p in doc["places"]}


def test_two_places_joined_by_a_hyphen_stay_two():
    # u1569 (unlabeled corpus)
    doc = analyze("กระทรวงการท่องเที่ยวและกีฬา\nเส้นทางเกาะยาวน้อย-เกาะยาวใหญ่ จังหวัดพังงา")
    assert {"เกาะยาวน้อย", "เกาะยาวใหญ่"} <= {p["name"] for p in doc["places"]}


def test_seas_straits_and_oceans_are_places():
    # tg-058's construction; u1344 (unlabeled corpus): weather reports name seas and gulfs
    doc = analyze("ทำเนียบรัฐบาล\nหากมีการปิดช่องแคบฮอร์มุซ มรสุมพัดปกคลุมทะเลอันดามัน อ่าวไทย และอ่าวตังเกี๋ย "
                  "ช่องแคบสำคัญของโลก")
    places = {p["name"]: p["kind"] for p in doc["places"]}
    assert places.get("ช่องแคบฮอร์มุซ") == "strait" and places.get("อ่าวตังเกี๋ย") == "sea"
    assert {"ทะเลอันดามัน", "อ่าวไทย"} <= set(places) and "ช่องแคบสำคัญ" not in places


def test_a_verb_phrase_that_the_dictionary_keeps_whole_ends_a_name():
    # tg-053's construction, u1874 (unlabeled corpus): เป็นเจ้าภาพ and ให้การสนับสนุน are one
    # dictionary word each, after a body's name
    doc = analyze("กระทรวงมหาดไทย\nโดยมีกรมการปครองเป็นเจ้าภาพหลัก ธนาคารกรุงไทยให้การสนับสนุนการดำเนินงาน")
    names = {o["name"] for o in doc["organizations"]}
    assert "กรมการปครอง" in names and "ธนาคารกรุงไทย" in names


def test_a_months_abbreviation_in_a_date_is_no_body():
    # tg-053, u0208 (unlabeled corpus): ก.พ. is February here, not the civil service commission
    doc = analyze("กระทรวงมหาดไทย\nการลงทะเบียน ดำเนินการระหว่าง 1 ธ.ค. 66 - 29 ก.พ. 67 มีกระทรวงมหาดไทยเป็นหน่วยงานหลัก")
    assert "สำนักงานคณะกรรมการข้าราชการพลเรือน" not in {o["name"] for o in doc["organizations"]}


def test_an_abbreviation_in_brackets_belongs_to_the_body_written_right_before_it():
    # u0840 (unlabeled corpus): the brackets abbreviate การเคหะแห่งชาติ, not the party
    doc = analyze("สภาผู้แทนราษฎร\nนางสาวณัฐชา บุญไชยอินสวัสดิ์ ส.ส.กทม. พรรคก้าวไกล อภิปรายไม่ไว้วางใจเรื่องการทุจริต"
                  "ในการเคหะแห่งชาติ (กคช.) ในการประชุมสภาผู้แทนราษฎร")
    names = {o["name"] for o in doc["organizations"]}
    assert "พรรคก้าวไกล" in names
    assert not any(n.startswith("พรรคก้าวไกล ") for n in names)


@pytest.mark.parametrize("text, body", [
    # u0602, u1101, u0574 (unlabeled corpus): a police station, a public company, a faculty's department
    ("สำนักงานตำรวจแห่งชาติ\nเจ้าหน้าที่ สภ.เมืองหนองคาย ได้ตรวจค้น", "สภ.เมืองหนองคาย"),
    ("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม\nนายสมศักดิ์ ขาวสุวรรณ์ กรรมการและรักษาการกรรมการผู้จัดการใหญ่ "
     "บมจ. โทรคมนาคมแห่งชาติ กล่าวว่า", "บมจ. โทรคมนาคมแห่งชาติ"),
    ("จุฬาลงกรณ์มหาวิทยาลัย\nศ.นพ.ยง ภู่วรวรรณ หัวหน้าศูนย์เชี่ยวชาญเฉพาะทางด้านไวรัสวิทยาคลินิก "
     "ภาควิชากุมารเวชศาสตร์ คณะแพทยศาสตร์ จุฬาลงกรณ์มหาวิทยาลัย เปิดเผยว่า", "ภาควิชากุมารเวชศาสตร์"),
    # u0167, u0541, u1620 (unlabeled corpus): the social-welfare bodies of กระทรวง พม.
    ("กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์\nขณะนี้ ได้ส่งเจ้าหน้าที่จากบ้านพักเด็กและครอบครัวจังหวัดนนทบุรี "
     "พร้อมด้วยศูนย์ช่วยเหลือสังคม", "บ้านพักเด็กและครอบครัวจังหวัดนนทบุรี"),
    ("กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์\nหน่วยงานที่ร่วมดำเนินการ 4) นิคมสร้างตนเองบางระกำ จังหวัดพิษณุโลก",
     "นิคมสร้างตนเองบางระกำ"),
    ("กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์\nเพื่อเยี่ยมครอบครัวอุปถัมภ์ที่รับดูแลเด็กจากสถานสงเคราะห์เด็กบ้านเวียงพิงค์"
     "และสถานสงเคราะห์เด็กชายบ้านเชียงใหม่", "สถานสงเคราะห์เด็กบ้านเวียงพิงค์"),
])
def test_bodies_named_by_their_head_noun(text, body):
    assert body in {o["name"] for o in analyze(text)["organizations"]}


@pytest.mark.parametrize("text, body", [
    # u0224, u0314 (unlabeled corpus): an auxiliary glued to the name ends it
    ("กระทรวงสาธารณสุข\nช่วงเดือนมีนาคม - เมษายน องค์การเภสัชกรรมสามารถผลิตได้อีก 63.8 ล้านเม็ด", "องค์การเภสัชกรรม"),
    ("กระทรวงสาธารณสุข\nซึ่งผู้ป่วยส่วนใหญ่ไม่มีอาการ โรงพยาบาลระยองจึงได้ร่วมมือกับผู้ประกอบการ", "โรงพยาบาลระยอง"),
    # u1071 (unlabeled corpus): นิ|มิ|บุตร, a name the segmenter cut; two letters tell nothing
    ("กระทรวงสาธารณสุข\nใช้ในผู้ป่วยโควิด 19 อย่างกว้างขวาง อาทิ ศูนย์แรกรับนิมิบุตร โรงพยาบาลบุษราคัม", "ศูนย์แรกรับนิมิบุตร"),
])
def test_a_name_ends_at_a_grammatical_word(text, body):
    names = {o["name"] for o in analyze(text)["organizations"]}
    assert body in names
    assert not any(n.startswith(body) and n != body for n in names)


def test_a_body_counted_by_its_classifier_is_no_name():
    # u1481 (unlabeled corpus): "สถาบันแห่งนี้" is "this institute"
    doc = analyze("กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม\nสถาบันแห่งนี้มีระบบรักษาความปลอดภัยที่ได้มาตรฐาน")
    assert not any(o["name"].startswith("สถาบัน") for o in doc["organizations"])


@pytest.mark.parametrize("text, body, unit", [
    # u0072 (unlabeled corpus): a group of people
    ("กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์\nเปิดโครงการสร้างโอกาส จับมือโสภณ ซุปเปอร์ "
     "ช่วยกลุ่มเปราะบางขายสินค้า", "กลุ่มเปราะบาง", False),
    # tg-004 and the site's bylines: a unit, written with the body it belongs to
    ("ทำเนียบรัฐบาล\nข้อมูลข่าว: กลุ่มประชาสัมพันธ์และเผยแพร่ สำนักโฆษก สำนักเลขาธิการนายกรัฐมนตรี",
     "กลุ่มประชาสัมพันธ์และเผยแพร่", True),
])
def test_a_group_is_a_body_only_with_the_body_it_belongs_to(text, body, unit):
    assert (body in {o["name"] for o in analyze(text)["organizations"]}) is unit


def test_a_head_noun_with_no_name_before_a_list_is_no_body():
    # u1007 (unlabeled corpus): "ระดับกระทรวง และโฆษก..." is a level, then the next post
    doc = analyze("กระทรวงสาธารณสุข\nวันนี้ นพ.รุ่งเรือง กิจผาติ ที่ปรึกษาระดับกระทรวง และโฆษกกระทรวงสาธารณสุข กล่าวว่า")
    assert not any(o["name"].startswith("กระทรวง และ") for o in doc["organizations"])


def test_a_head_noun_counted_as_one_of_many_is_no_body():
    # u0218: "โรงเรียนแห่งหนึ่ง" is "a school", and the province after it a place
    r = analyze("ผู้เสียหายที่ถูกรองผู้อำนวยการโรงเรียนแห่งหนึ่งในจังหวัดชัยภูมิแชทหาส่วนตัวด้วยคำพูดคุกคาม")
    assert not any(o["name"].startswith("โรงเรียน") for o in r["organizations"])
    assert [p["name"] for p in r["places"]] == ["จังหวัดชัยภูมิ"]


@pytest.mark.parametrize("text, name", [
    # the model ends the name where a verb is glued to it (unlabeled releases u1105, u0846, u1490)
    ("รวมทั้งเจ้าหน้าที่แบคออฟฟิศที่มาช่วยงานเอกสาร  กองทัพไทยส่งทหารมาร่วมประกอบเตียง เคลื่อนย้ายผู้ป่วย ส่งอาหาร",
     "กองทัพไทย"),
    ("ส่วนวัคซีนเดิม คือ วัคซีนโรคฝีดาษ (smallpox) ที่องค์การเภสัชกรรมเก็บไว้ อยู่ในขั้นตอนที่อาจจะนำมาใช้ได้",
     "องค์การเภสัชกรรม"),
    ("กระทรวงสาธารณสุขร่วมกับกองบังคับการตำรวจสอบสวนกลาง และกองบังคับการตำรวจรถไฟทำการจับกุมผู้ต้องหาที่กระทำผิด",
     "กองบังคับการตำรวจรถไฟ"),
    # the next sentence glued to the name (u1657)
    ("กิจกรรมหรือกิจการใด ๆ ก็ตาม ยังคงอยู่ภายใต้คณะกรรมการควบคุมโรคระดับจังหวัดทั้งนี้ให้สมาคมฯ ประสานกับพื้นที่",
     "คณะกรรมการควบคุมโรคระดับจังหวัด"),
    # a place glued to an office's name is part of it (u1750)
    ("วันนี้ (14 พฤศจิกายน 2564) ที่สำนักงานสาธารณสุขอำเภอเกาะลันตา จังหวัดกระบี่ ดร.สาธิต ปิตุเตชะ",
     "สำนักงานสาธารณสุขอำเภอเกาะลันตา"),
    # พบ (found) glued: the sentence goes on (u1896)
    ("ระหว่างวันที่ 29 ก.ค.–4 ส.ค. 65 โดยศูนย์ต่อต้านข่างปลอมพบจำนวนข้อความที่เข้ามา", "ศูนย์ต่อต้านข่างปลอม"),
    # a particle that closes the clause (u0114)
    ("ทำให้มีเงินทุนในการประกอบอาชีพโดยไม่ต้องกู้ยืมกองทุนผู้สูงอายุอีกด้วย", "กองทุนผู้สูงอายุ"),
    # รายงาน (reported) glued (u0265)
    ("ด้านความปลอดภัย ศูนย์ป้องกันควบคุมโรคแห่งสหรัฐอเมริการายงานว่า เกิดภาวะกล้ามเนื้อหัวใจอักเสบ",
     "ศูนย์ป้องกันควบคุมโรคแห่งสหรัฐอเมริกา"),
])
def test_a_body_name_ends_before_a_verb_glued_to_it(text, name):
    assert name in [o["name"] for o in analyze(text)["organizations"]]


def test_a_title_as_the_first_word_after_a_head_noun_is_part_of_the_name_and_no_person():
    # unlabeled releases u0353 (เด็กหญิง: girls) and u1683 (นางรอง: a district)
    doc = analyze("เด็กในสถานรองรับของกระทรวง พม. จำนวน 4 แห่ง ได้แก่ สถานสงเคราะห์เยาวชนมูลนิธิมหาราช  "
                  "สถานสงเคราะห์เด็กหญิงบ้านราชวิถี  สถานสงเคราะห์เด็กหญิงสระบุรี และสถานสงเคราะห์เด็กบ้านเวียงพิงค์ "
                  "ได้รับการพัฒนาทักษะ ห้องปฏิบัติการตรวจ RT PCR มีความพร้อมที่โรงพยาบาลบุรีรัมย์ โรงพยาบาลนางรอง และโรงพยาบาลสตึก")
    names = [o["name"] for o in doc["organizations"]]
    assert {"สถานสงเคราะห์เด็กหญิงบ้านราชวิถี", "สถานสงเคราะห์เด็กหญิงสระบุรี", "โรงพยาบาลนางรอง"} <= set(names)
    assert doc["people"] == []


@pytest.mark.parametrize("text", [
    # a head noun and a verb, which the model does not see as a name (unlabeled u0182, u0134)
    "ได้ย้ายมาอาศัยอยู่ที่บ้านมารดาในอำเภอเมือง จังหวัดสุราษฎร์ธานี  เนื่องจากบ้านถูกธนาคารยึด เพราะไม่มีรายได้ส่งค่าบ้าน",
    "หากมีผู้ติดเชื้อที่ต้องรับการรักษาในโรงพยาบาลเพิ่มขึ้นจึงพร้อมรองรับได้",
])
def test_a_head_noun_and_a_verb_is_no_body(text):
    assert analyze(text)["organizations"] == []


@pytest.mark.parametrize("text, gone", [
    # unlabeled corpus: a court, a company and what they did (court-ordered treatment; firms
    # that make and sell cremators)
    ("บังคับบำบัด 20,425 คน ต้องโทษ 10,149 คน และศาลส่งบำบัด 1,285 คน ทั้งนี้ โรงพยาบาลในสังกัด", "ศาลส่งบำบัด"),
    ("กรมสนับสนุนบริการสุขภาพได้รวบรวมข้อมูลบริษัทผลิตและจำหน่ายเตาเผาศพไว้เพื่อสะดวกในการติดต่อ",
     "บริษัทผลิตและจำหน่ายเตาเผาศพ"),
    # an institution and a word no name opens with, an adjective or adverb (u1453, u1624)
    ("ในพื้นที่เสี่ยงที่มีการระบาด โดยขอรับชุดตรวจได้ที่โรงพยาบาลใกล้บ้าน / คลินิก /ร้านขายยาที่เข้าร่วม",
     "โรงพยาบาลใกล้บ้าน"),
    ("เชื่อว่าจะได้รับเงินคืนจากธนาคารแน่นอน อย่างไรก็ตามกรณีที่มีข้อติดขัด", "ธนาคารแน่นอน"),
])
def test_an_institution_and_what_it_did_is_no_body(text, gone):
    assert gone not in [o["name"] for o in analyze("กระทรวงสาธารณสุข\n" + text)["organizations"]]


@pytest.mark.parametrize("text, body", [
    # a place's name opening with บาง, which ORCHID tags as "some" (u1505); a prefix the
    # segmenter cut off its noun (u0583)
    ("วันนี้ (27 กันยายน 2564) ที่โรงพยาบาลบางใหญ่ จ.นนทบุรี ดร.สาธิต ปิตุเตชะ รัฐมนตรีช่วยว่าการกระทรวงสาธารณสุข",
     "โรงพยาบาลบางใหญ่"),
    ("หลักสูตรสุดยอดผู้นำด้านสาธารณสุข รุ่นที่ 1 จัดโดยวิทยาลัยนักบริหารสาธารณสุข พร้อมบรรยายพิเศษ",
     "วิทยาลัยนักบริหารสาธารณสุข"),
])
def test_an_institution_named_by_a_word_that_looks_like_grammar_stays_a_body(text, body):
    assert body in [o["name"] for o in analyze("กระทรวงสาธารณสุข\n" + text)["organizations"]]


def test_an_institution_named_after_a_place_stays_a_body():
    # unlabeled corpus: a health-promoting hospital named by its sub-district
    doc = analyze("กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์\nลงพื้นที่จังหวัดภูเก็ต ณ โรงพยาบาลส่งเสริมสุขภาพตำบลเกาะแก้ว "
                  "อำเภอเมือง จังหวัดภูเก็ต เพื่อเยี่ยมผู้ป่วย")
    assert "โรงพยาบาลส่งเสริมสุขภาพตำบลเกาะแก้ว" in [o["name"] for o in doc["organizations"]]


@pytest.mark.parametrize("text", [
    # a place's head noun and a verb, which the model does not see as a place (unlabeled u1537, u1001)
    "โดยรับการตรวจครั้งแรกที่สนามบินมีรถรับส่งจากสนามบินไปที่พักและเข้าพักโรงแรมที่ผ่าน SHA+",
    "โดยเฉพาะกลุ่มเปราะบาง ซึ่งจะทำให้ทางจังหวัดและอำเภอทำงานได้สะดวกง่ายยิ่งขึ้น",
    # ... and more words after the verb (unlabeled: a vaccination target, a flood visit)
    "ต้องครอบคลุมประชากร 70% และมีอำเภอไม่น้อยกว่าครึ่งหนึ่งถึงเป้า 70% ประสานหน่วยงานรัฐ",
    "เตรียมหารือคมนาคมปรับปรุงถนนช่วยระบายน้ำ พร้อมขอบคุณ อสม.ช่วยดูแลผู้ป่วย",
])
def test_a_place_head_and_a_verb_is_no_place(text):
    assert analyze(text)["places"] == []


@pytest.mark.parametrize("text, place", [
    # names that open with a word ORCHID tags as a verb, which the model gives some probability
    # (u1641, unlabeled corpus; the Rayong sample)
    ("กระทรวงสาธารณสุข\nจังหวัดอุทัยธานีเป็นพื้นที่ลุ่ม ประสบภัยน้ำท่วมตามธรรมชาติเป็นประจำ "
     "หลังทราบข่าวว่าเขื่อนทับเสลา มีปริมาณน้ำเกินความจุ จึงลงพื้นที่", "เขื่อนทับเสลา"),
    ("จังหวัดระยอง\nจังหวัดระยองเตรียมเครื่องสูบน้ำ 20 เครื่อง ประจำจุดเสี่ยงริมคลองทับมา", "คลองทับมา"),
])
def test_a_name_that_opens_with_a_verb_stays_a_place(text, place):
    assert place in [p["name"] for p in analyze(text)["places"]]


# real sentences from the unlabeled releases (u0395, u1008, u0674, u1116)
@pytest.mark.parametrize("text, company", [
    ("นางสาวเด็บบราห์ ไซเฟิร์ท กรรมการผู้จัดการใหญ่ บริษัท ไฟเซอร์ (ประเทศไทย) จำกัด โดยมี นพ.เกียรติภูมิ วงศ์รจิต",
     "บริษัท ไฟเซอร์ (ประเทศไทย) จำกัด"),
    ("จำนวน 3,000 ชุด จาก บริษัท ยูนิลีเวอร์ ประเทศไทย จำกัด มูลค่า 105,000 บาท", "บริษัท ยูนิลีเวอร์ ประเทศไทย จำกัด"),
    ("โดยได้รับความร่วมมือจากบริษัท เอสซีจี จำกัด มหาชน ออกแบบและก่อสร้าง", "บริษัท เอสซีจี จำกัด มหาชน"),
    ("ทางบริษัท กรุงเทพดุสิตเวชการ จำกัด ได้ตรวจสอบและชี้แจงว่า", "บริษัท กรุงเทพดุสิตเวชการ จำกัด"),
])
def test_a_company_name_runs_to_its_legal_suffix_and_holds_no_place(text, company):
    r = analyze(text)
    assert [o["name"] for o in r["organizations"]] == [company]
    assert r["places"] == []  # ประเทศไทย, กรุงเทพ: part of the company's name


def test_no_company_name_across_a_verb():
    r = analyze("บริษัทฯ ได้ร่วมกับ บริษัท ไทยเบฟ จำกัด จัดกิจกรรม")
    assert [o["name"] for o in r["organizations"]] == ["บริษัท ไทยเบฟ จำกัด"]


def test_a_body_the_model_reads_around_a_place_is_the_body():
    # u0087: the rules read no body here; the model reads the association, whose name holds ประเทศไทย
    r = analyze("และนายธนพลธ์ ดอกแก้ว นายกสมาคมเพื่อนโรคไตแห่งประเทศไทย ถึงการเพิ่มทางเลือกฟอกไต")
    assert "สมาคมเพื่อนโรคไตแห่งประเทศไทย" in [o["name"] for o in r["organizations"]]
    assert r["places"] == []


@pytest.mark.parametrize("text, place", [
    # the segmenter keeps ในประเทศ whole; the country after it is still ประเทศ + its name (u0012, u1921)
    ("มาอย่างต่อเนื่องตลอดกว่า 54 ปีในประเทศไทย หวังว่าการมีส่วนร่วมครั้งนี้จะ", "ประเทศไทย"),
    ("แต่เมื่อดูจากผลสัมฤทธิ์ของวัคซีน ในประเทศจีนซึ่งมีประชากร 1,500 ล้านคน", "ประเทศจีน"),
])
def test_a_country_after_a_preposition_glued_to_its_head(text, place):
    assert [(p["text"], p["name"]) for p in analyze(text)["places"]] == [(place, place)]


@pytest.mark.parametrize("text, place", [
    # a region's part as the Meteorological Department names it (u1593, u1580)
    ("จะทำให้ภาคเหนือ อีสาน กลาง ตะวันออก และภาคใต้ฝั่งตะวันตก ยังคงมีฝนตกหนัก", "ภาคใต้ฝั่งตะวันตก"),
    ("จากฝนตกสะสมต่อเนื่องในพื้นที่ภาคเหนือ ภาคตะวันออกเฉียงเหนือตอนบน ภาคตะวันออกและภาคใต้", "ภาคตะวันออกเฉียงเหนือตอนบน"),
    # a soi is numbered along its road (u0352; the road named as a district, ลาดพร้าว)
    ("ณ ชุมชนภายในซอยหมอเหล็งและซอยอ่อนนุช 84 ชุมชนริมทางรถไฟยมราช", "ซอยอ่อนนุช 84"),
    ("บริเวณซอยลาดพร้าว 71 เขตวังทองหลาง", "ซอยลาดพร้าว 71"),
    ("ที่ซอยสุขุมวิท 101/1 แขวงบางจาก", "ซอยสุขุมวิท 101/1"),
])
def test_a_place_keeps_its_part_or_number(text, place):
    assert place in [p["name"] for p in analyze(text)["places"]]


def test_an_abbreviated_head_after_a_preposition_glued_to_it():
    # "ที่จ.นครพนม": จ. is จังหวัด after ที่, as it is not at the end of กพต. (unlabeled corpus)
    places = analyze("เท่าทันและรับมือกับข่าวปลอม” ที่จ.นครพนม  โดยมี นายชวนินทร์")["places"]
    assert [(p["text"], p["name"]) for p in places] == [("จ.นครพนม", "จังหวัดนครพนม")]


def test_a_body_abbreviated_after_a_dotted_post_is_the_body():
    # u0893: ผบ.ตร. is the commissioner of the police (ตร.); the minister's post keeps its own reading
    r = analyze("นำโดย พล.ต.อ.ดำรงศักดิ์ กิตติประภัสร์ รอง ผบ.ตร. และ ผอ.ศปอส.ตร. (PCT) ได้เข้าไปสืบสวน")
    assert "สำนักงานตำรวจแห่งชาติ" in [o["name"] for o in r["organizations"]]
    assert r["people"][0]["organization"] == "ตร."  # as written in the post (GOLD.md)
    r = analyze("นายสุทิน คลังแสง รมว.กห. กล่าวว่า")
    assert r["people"][0]["organization"] == "กระทรวงกลาโหม"
    # ส.ส.กทม.: the member's province, not the city's administration
    assert "กรุงเทพมหานคร" not in [o["name"] for o in analyze("นายณัฐชา บุญไชยอินสวัสดิ์ ส.ส.กทม. พรรคก้าวไกล กล่าวว่า")["organizations"]]


def test_a_body_named_inside_its_heads_post():
    # u0572 and tg-053: the commander's post names the navy, the police; the person's
    # organization is the body's full name (GOLD.md)
    r = analyze("โดยมี พลเรือเอก สมประสงค์ นิลสมัย ผู้บัญชาการทหารเรือ พลอากาศเอก สฤษฎ์พงศ์ วัฒนวรางกูร")
    assert "กองทัพเรือ" in [o["name"] for o in r["organizations"]]
    assert r["people"][0]["organization"] == "กองทัพเรือ"
    r = analyze("พล.ต.ท.อัครเดช พิมลศรี ผู้ช่วยผู้บัญชาการตำรวจแห่งชาติ พร้อมผู้แทนหน่วยงาน")
    assert r["people"][0]["organization"] == "สำนักงานตำรวจแห่งชาติ"
    # u0010: the same words outside a post are no mention (มณฑลทหารบกที่ 11 is a military district)
    r = analyze("ที่โรงพยาบาลสนามกองทัพบก มณฑลทหารบกที่ 11 เขตหลักสี่ กทม.")
    assert all(m != "ทหารบก" for o in r["organizations"] for m in o["aliases"])


@pytest.mark.parametrize("text, body", [
    # u0143, u1991: regional units the ministries number
    ("สคร.6 ชลบุรีคัดกรองสุขภาพประชาชนและให้ศูนย์อนามัยที่ 6 ชลบุรี ให้ความรู้", "ศูนย์อนามัยที่ 6"),
    ("ผู้อำนวยการสำนักงานเขตสุขภาพที่ 4 กล่าว", "สำนักงานเขตสุขภาพที่ 4"),
])
def test_a_regional_unit_keeps_its_number(text, body):
    assert body in [o["name"] for o in analyze(text)["organizations"]]


def test_the_number_of_a_noun_ending_a_name_is_not_the_bodys():
    # u0686: รุ่นที่ 21 counts the class, not the institute
    names = [o["name"] for o in analyze("แพทย์จบใหม่จากสถาบันผลิตแพทย์แห่งประเทศไทยรุ่นที่ 21 จำนวน")["organizations"]]
    assert not any(n.endswith("21") for n in names)


@pytest.mark.parametrize("text, bodies", [
    # ThaiNER val (news): a body's name does not run on across และ into the next person's post
    ("สภาเภสัชกรรมและคณบดีคณะเภสัชศาสตร์จากสถาบันการศึกษา หนุนยึด พ.ร.บ.ยา", ["สภาเภสัชกรรม"]),
    ("จะต้องตรวจสอบอดีตผู้บริหารธนาคารกรุงไทยและอดีตผู้บริหารธนาคารกรุงเทพ ว่าเหตุใด",
     ["ธนาคารกรุงไทย", "ธนาคารกรุงเทพ"]),
])
def test_a_name_ends_before_and_and_a_post(text, bodies):
    names = [o["name"] for o in analyze(text)["organizations"]]
    assert all(b in names for b in bodies) and not any("และ" in n for n in names)


def test_a_place_name_ends_before_a_verb_glued_to_it():
    # ThaiNER val (news): "ถนนพัฒนาการตัดใหม่|พบรถเร่..." (a road's name holds ตัด, but พบ ends it)
    places = analyze("จากการตรวจสอบบริเวณถนนพัฒนาการตัดใหม่พบรถเร่ขายทุเรียนใช้เครื่องชั่ง")["places"]
    assert [p["name"] for p in places] == ["ถนนพัฒนาการตัดใหม่"]


def test_a_place_head_and_a_particle_is_no_place():
    # u1658: "ที่สนามบินแล้ว" is "at the airport already"
    assert analyze("การเปิดประเทศคืบหน้าขึ้นมาก มีการซักซ้อมที่สนามบินแล้ว 2 ครั้ง")["places"] == []
