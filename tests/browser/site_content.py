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

# A report with a wide table, written the way the tables plugin renders one:
# a keyboard-scrollable region, class "wide" for landscape printing.
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

<div class="table-scroll wide" role="region" aria-labelledby="hr-caption" tabindex="0">
<table>
<caption id="hr-caption">ผลการดำเนินงานตามนโยบายการบริหารทรัพยากรบุคคล ปีงบประมาณ ๒๕๖๖</caption>
<thead>
<tr><th scope="col">ลำดับที่</th><th scope="col">กิจกรรม</th><th scope="col">เป้าหมาย ปี ๒๕๖๖</th><th scope="col">ผลการดำเนินงาน</th><th scope="col">ข้อบัญญัติ ปี ๒๕๖๖ (บาท)</th><th scope="col">เบิกจ่ายจริง (บาท)</th><th scope="col">ความเสี่ยง ปัญหา/อุปสรรค</th></tr>
</thead>
<tbody>
<tr><th scope="row">๑</th><td>ปรับปรุงแผนอัตรากำลัง ๓ ปี ประจำปีงบประมาณ พ.ศ. ๒๕๖๔ - ๒๕๖๖</td><td>ยุบเลิกตำแหน่ง/ปรับเพิ่มตำแหน่ง เพื่อรองรับภารกิจขององค์การบริหารส่วนตำบล</td><td>ประกาศปรับปรุงแผนอัตรากำลัง ๓ ปี ฉบับแก้ไขเพิ่มเติม (ฉบับที่ ๓) พ.ศ. ๒๕๖๖ ตามมติ ก.อบต.จังหวัดนครสวรรค์</td><td class="money">-</td><td class="money">-</td><td>-</td></tr>
<tr><th scope="row">๒</th><td>จัดทำแผนพัฒนาบุคลากร ประจำปีงบประมาณ ๒๕๖๔-๒๕๖๖</td><td>จัดส่งบุคลากรเข้ารับการอบรม</td><td>ส่งพนักงานส่วนตำบลและพนักงานจ้างเข้ารับการอบรมเพื่อเพิ่มพูนความรู้ ทักษะ และคุณธรรม</td><td class="money">๑๔๐,๐๐๐</td><td class="money">๒๒,๔๖๐</td><td>-</td></tr>
</tbody>
</table>
</div>

ผู้ดูแลพิจารณาผลการดำเนินงานทุกรอบ ๖ เดือน
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

FILES = {
    "documents/browser/announcement.md": ANNOUNCEMENT,
    "documents/browser/report.md": REPORT,
    "documents/browser/memo.md": MEMO,
    "documents/browser/browser-memo.pdf": b"%PDF-1.4\n% test attachment\n",
}
