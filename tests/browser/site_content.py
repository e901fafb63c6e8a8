"""Documents the browser tests add to a copy of the real content folder.

Their text comes from the example อปท. documents (shared seeds); their slugs
start with ``browser-`` so they never collide with the real documents.
"""

ANNOUNCEMENT = """\
---
title: ประกาศเจตนารมณ์การป้องกันและต่อต้านการทุจริตคอร์รัปชัน
type: ประกาศ
slug: browser-announcement
date: ๑๗ ตุลาคม ๒๕๖๕
organisation: องค์การบริหารส่วนตำบลไผ่สิงห์
division: สำนักปลัด
summary: เจตนารมณ์ของผู้บริหารและบุคลากรที่จะปฏิบัติงานด้วยความซื่อสัตย์สุจริต
ita:
  2566: O35
signatories:
  - name: นายสมชาย ใจดี
    position: นายกองค์การบริหารส่วนตำบลไผ่สิงห์
---

องค์การบริหารส่วนตำบลไผ่สิงห์ ขอประกาศเจตนารมณ์ว่าผู้บริหาร พนักงานส่วนตำบล ลูกจ้างประจำ
และพนักงานจ้างทุกคน จะปฏิบัติหน้าที่ด้วยความซื่อสัตย์สุจริต ไม่ยอมรับการทุจริตคอร์รัปชันทุกรูปแบบ
"""

# A report with a wide table (seven columns: printed on A4 landscape), in a
# table file as staff write one (docs/tables.md).
REPORT = """\
---
title: รายงานผลการดำเนินงานตามนโยบายการบริหารทรัพยากรบุคคล ประจำปีงบประมาณ พ.ศ. ๒๕๖๖
type: รายงาน
slug: browser-report
fiscal_year: ๒๕๖๖
organisation: องค์การบริหารส่วนตำบลไผ่สิงห์
division: สำนักปลัด
ita:
  2566: O33
---

## ๑. นโยบายการวางแผนกำลังคน

::: table hr.table.yaml

ผู้ดูแลพิจารณาผลการดำเนินงานทุกรอบ ๖ เดือน
"""

REPORT_TABLE = """\
id: hr
caption: ผลการดำเนินงานตามนโยบายการบริหารทรัพยากรบุคคล ปีงบประมาณ ๒๕๖๖
columns:
  - {key: number, label: ลำดับที่, row_header: true}
  - {key: activity, label: กิจกรรม}
  - {key: target, label: เป้าหมาย ปี ๒๕๖๖}
  - {key: result, label: ผลการดำเนินงาน}
  - {key: budget, label: ข้อบัญญัติ ปี ๒๕๖๖ (บาท), type: money}
  - {key: spent, label: เบิกจ่ายจริง (บาท), type: money}
  - {key: risk, label: ความเสี่ยง ปัญหา/อุปสรรค}
rows:
  - number: "๑"
    activity: ปรับปรุงแผนอัตรากำลัง ๓ ปี ประจำปีงบประมาณ พ.ศ. ๒๕๖๔ - ๒๕๖๖
    target: ยุบเลิกตำแหน่ง/ปรับเพิ่มตำแหน่ง เพื่อรองรับภารกิจขององค์การบริหารส่วนตำบล
    result: ประกาศปรับปรุงแผนอัตรากำลัง ๓ ปี ฉบับแก้ไขเพิ่มเติม (ฉบับที่ ๓) พ.ศ. ๒๕๖๖ ตามมติ ก.อบต.จังหวัดนครสวรรค์
    budget: "-"
    spent: "-"
    risk: "-"
  - number: "๒"
    activity: จัดทำแผนพัฒนาบุคลากร ประจำปีงบประมาณ ๒๕๖๔-๒๕๖๖
    target: จัดส่งบุคลากรเข้ารับการอบรม
    result: ส่งพนักงานส่วนตำบลและพนักงานจ้างเข้ารับการอบรมเพื่อเพิ่มพูนความรู้ ทักษะ และคุณธรรม
    budget: "๑๔๐,๐๐๐"
    spent: "๒๒,๔๖๐"
    risk: "-"
"""

MEMO = """\
---
title: รายงานการติดตามผลการบริหารจัดการความเสี่ยง
type: บันทึกข้อความ
slug: browser-memo
date: ๑๖ พฤษภาคม ๒๕๖๘
organisation: เทศบาลตำบลเทพนคร
division: กองยุทธศาสตร์และงบประมาณ
number: กพ ๕๓๓๐๗/๐๗๒
subject: รายงานการติดตามผลการบริหารจัดการความเสี่ยง (รอบ ๖ เดือน)
addressee: นายกเทศมนตรีตำบลเทพนคร
attachments:
  - file: browser-memo.pdf
    title: บันทึกข้อความฉบับลงนาม
---

ด้วยกองยุทธศาสตร์และงบประมาณได้ติดตามผลการบริหารจัดการความเสี่ยงประจำปีงบประมาณ พ.ศ. ๒๕๖๘
จึงเรียนมาเพื่อโปรดทราบ
"""

# A ten-column plan whose source merges cells: a mission over two projects, one
# budget over two years (the shape of a 4-year anti-corruption plan).
PLAN = """\
---
title: แผนปฏิบัติการป้องกันการทุจริต ๔ ปี (พ.ศ. ๒๕๖๖ - ๒๕๖๙)
type: แผน
slug: browser-plan
fiscal_year: ๒๕๖๖
organisation: องค์การบริหารส่วนตำบลไผ่สิงห์
division: สำนักปลัด
---

::: table plan.table.yaml
"""

PLAN_TABLE = """\
id: plan
caption: แผนปฏิบัติการป้องกันการทุจริต ๔ ปี (พ.ศ. ๒๕๖๖ - ๒๕๖๙) องค์การบริหารส่วนตำบลไผ่สิงห์
columns:
  - {key: mission, label: มิติ, row_header: true}
  - {key: project, label: ภารกิจ/ โครงการ/ กิจกรรม, row_header: true}
  - {key: y2566, label: ปี ๒๕๖๖, type: money}
  - {key: y2567, label: ปี ๒๕๖๗, type: money}
  - {key: y2568, label: ปี ๒๕๖๘, type: money}
  - {key: y2569, label: ปี ๒๕๖๙, type: money}
  - {key: target, label: เป้าหมาย}
  - {key: kpi, label: ตัวชี้วัด}
  - {key: result, label: ผลที่คาดว่าจะได้รับ}
  - {key: unit, label: หน่วยงานรับผิดชอบ}
header:
  - - {label: มิติ, rowspan: 2}
    - {label: ภารกิจ/ โครงการ/ กิจกรรม, rowspan: 2}
    - {label: งบประมาณ (บาท), colspan: 4}
    - {label: เป้าหมาย, rowspan: 2}
    - {label: ตัวชี้วัด, rowspan: 2}
    - {label: ผลที่คาดว่าจะได้รับ, rowspan: 2}
    - {label: หน่วยงานรับผิดชอบ, rowspan: 2}
  - [ปี ๒๕๖๖, ปี ๒๕๖๗, ปี ๒๕๖๘, ปี ๒๕๖๙]
rows:
  - mission: {value: "๑. การสร้างสังคมที่ไม่ทนต่อการทุจริต", rowspan: 2}
    project: โครงการส่งเสริมคุณธรรมจริยธรรมแก่ผู้บริหาร พนักงานส่วนตำบล และพนักงานจ้าง
    y2566: "๒๐,๐๐๐"
    y2567: {value: "๔๐,๐๐๐", colspan: 2}
    y2569: "๒๐,๐๐๐"
    target: ผู้บริหาร พนักงานส่วนตำบล และพนักงานจ้าง จำนวน ๔๐ คน
    kpi: ร้อยละของผู้เข้าร่วมโครงการ
    result: บุคลากรมีจิตสำนึกในการปฏิบัติงานด้วยความซื่อสัตย์สุจริต
    unit: สำนักปลัด
  - project: มาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม
    y2566: "-"
    y2567: "-"
    y2568: "-"
    y2569: "-"
    target: บุคลากรทุกคน
    kpi: จำนวนเรื่องร้องเรียนการฝ่าฝืนประมวลจริยธรรม
    result: ไม่มีเรื่องร้องเรียนการฝ่าฝืนประมวลจริยธรรม
    unit: {value: สำนักปลัด และกองคลัง, rowspan: 1}
  - total: รวม
    values: {y2566: "๒๐,๐๐๐", y2567: "๔๐,๐๐๐", y2569: "๒๐,๐๐๐"}
    check: true
"""

FILES = {
    "documents/browser/announcement.md": ANNOUNCEMENT,
    "documents/browser/report.md": REPORT,
    "documents/browser/hr.table.yaml": REPORT_TABLE,
    "documents/browser/memo.md": MEMO,
    "documents/browser/plan.md": PLAN,
    "documents/browser/plan.table.yaml": PLAN_TABLE,
    "documents/browser/browser-memo.pdf": b"%PDF-1.4\n% test attachment\n",
}

# Complaint statistics the browser tests add beside the content (made-up figures:
# the example has no statistics file), one year with a chart and one of zeros.
COMPLAINT_STATISTICS = {
    "2568.yaml": """\
months:
  ตุลาคม: ไม่มี
  พฤศจิกายน:
    ร้องเรียนด้วยตนเอง: {received: 2, done: 1, in_progress: 1}
    เว็บไซต์: {received: 1, done: 1}
  ธันวาคม: ไม่มี
  มกราคม:
    สายตรงนายกองค์การบริหารส่วนตำบลตัวอย่าง: {received: 3, done: 3}
""",
    "2567.yaml": "months:\n" + "".join(
        f"  {month}: ไม่มี\n" for month in ("ตุลาคม", "พฤศจิกายน", "ธันวาคม", "มกราคม",
                                            "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม",
                                            "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน")),
}


# A procurement register the browser tests add (made-up rows: the example has none);
# written in fiscal year 2568, whose months all ended before the file was written.
PROCUREMENT = {"2568.csv": (
    "วันที่,งานที่จัดซื้อหรือจัดจ้าง,วงเงินที่จะซื้อหรือจ้าง,ราคากลาง,วิธีซื้อหรือจ้าง,"
    "ผู้เสนอราคาและราคาที่เสนอ,ผู้ได้รับการคัดเลือก,เลขประจำตัวผู้เสียภาษี,ราคาที่ตกลง,"
    "เหตุผลที่คัดเลือก,เลขที่สัญญา,วันที่สัญญา\n"
    '03/10/2567,จัดซื้อวัสดุสำนักงาน,"12,000.00","12,000.00",เฉพาะเจาะจง,'
    'ร้านเอ 11500,ร้านเอ,0105556012345,"11,500.00",ราคาต่ำสุด,1/2568,03/10/2567\n'
    '2024-11-20,"จ้างซ่อมถนนสายบ้านหนองแค ตั้งแต่หมู่ที่ ๑ ถึงหมู่ที่ ๓ ความยาวรวม ๒,๕๐๐ เมตร",'
    '500000,480000,e-bidding,"บริษัทบี 450,000; บริษัทซี 470,000",บริษัทบี จำกัด,'
    '0105550000001,450000,ราคาต่ำสุด,2/2568,2024-11-25\n'
)}
