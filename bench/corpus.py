"""A realistic Thai corpus for the benchmark: N documents as staff would write them.

Every document is valid for the portal: the types, fiscal years 2564-2569,
Thai and ISO dates, signatories, ITA items taken from data/ita, a Markdown body
of Thai paragraphs, headings and lists, and for about one document in three a
table written per docs/tables.md (``::: table <name>.table.yaml`` plus the YAML
file, with money columns and checked totals). The same bodies are also written
for plain Pelican with the front matter turned into Pelican's own
``Key: value`` metadata lines.

The Thai text comes from the word lists below, drawn at random with a fixed
seed, so two runs with the same N write the same corpus. As a portal kept
for years, the corpus is a git repository whose documents were committed long
ago (``commit``; git_dates reads their last change from it), and each file is
dated the day its document was issued: the benchmark's edit moves that
document's "last changed" day to today, as the first save of an old document
does.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import subprocess

from portal import ita_catalog, thai_format

DIVISIONS = ("สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม",
             "กองสาธารณสุขและสิ่งแวดล้อม", "กองยุทธศาสตร์และงบประมาณ", "กองสวัสดิการสังคม")
TYPES = (  # (type label, slug prefix, weight)
    ("ประกาศ", "announcement", 30), ("คำสั่ง", "order", 15), ("บันทึกข้อความ", "memo", 10),
    ("รายงาน", "report", 20), ("มาตรการ", "measure", 5), ("คู่มือ", "manual", 5),
    ("แผน", "plan", 5), ("ข่าวประชาสัมพันธ์", "news", 10),
)
SUBJECTS = ("การจัดซื้อจัดจ้าง", "การบริหารทรัพยากรบุคคล", "การป้องกันการทุจริต", "การใช้จ่ายงบประมาณ",
            "การให้บริการประชาชน", "การจัดการเรื่องร้องเรียน", "การส่งเสริมคุณธรรมและความโปร่งใส",
            "การประเมินความเสี่ยงการทุจริต", "การเปิดโอกาสให้เกิดการมีส่วนร่วม", "การจัดเก็บภาษีที่ดิน",
            "การพัฒนาแหล่งน้ำ", "การซ่อมแซมถนนลาดยาง", "โครงการอาหารกลางวัน", "เบี้ยยังชีพผู้สูงอายุ",
            "การป้องกันและบรรเทาสาธารณภัย", "การคัดแยกขยะมูลฝอย")
PEOPLE = ("นายสมชาย ใจดี", "นางสาวสุดา แก้วมณี", "นางสมิตา อรรควงษ์", "นายประเสริฐ ทองคำ",
          "นายวิชัย ศรีสุข", "นางพรทิพย์ บุญมา", "นายอนุชา รักษ์ไทย")
POSITIONS = ("นายกองค์การบริหารส่วนตำบลตัวอย่าง", "ปลัดองค์การบริหารส่วนตำบล",
             "รองปลัดองค์การบริหารส่วนตำบล", "ผู้อำนวยการกองคลัง", "หัวหน้าสำนักปลัด")
NOUNS = ("ประชาชน", "หน่วยงาน", "เจ้าหน้าที่", "งบประมาณ", "โครงการ", "ชุมชน", "ผู้บริหาร", "คณะกรรมการ",
         "ข้อมูล", "แผนงาน", "ตำบล", "หมู่บ้าน", "ผู้รับจ้าง", "พัสดุ", "ระเบียบ", "ผลการดำเนินงาน",
         "ผู้สูงอายุ", "เด็กและเยาวชน", "ถนน", "ระบบประปา", "ศูนย์พัฒนาเด็กเล็ก", "สำนักงาน")
VERBS = ("ดำเนินการ", "ตรวจสอบ", "ติดตาม", "ประเมิน", "เผยแพร่", "ปรับปรุง", "สนับสนุน", "พัฒนา",
         "รายงาน", "จัดทำ", "อนุมัติ", "เบิกจ่าย", "ประชาสัมพันธ์", "แต่งตั้ง", "กำกับดูแล")
LINKERS = ("เพื่อให้", "โดย", "ตาม", "และ", "ซึ่ง", "ภายใต้", "ร่วมกับ", "เพื่อ", "ทั้งนี้", "โดยเฉพาะ")
ADJECTIVES = ("อย่างโปร่งใส", "อย่างมีประสิทธิภาพ", "ให้เป็นไปตามระเบียบ", "อย่างต่อเนื่อง",
              "ตามแผนที่กำหนด", "อย่างทั่วถึง", "ด้วยความรับผิดชอบ", "ทันตามกำหนดเวลา")


class Writer:
    def __init__(self, seed: int, catalog_dir: str):
        self.random = random.Random(seed)
        catalogs = ita_catalog.load_catalogs(catalog_dir)
        self.ita_codes = {year: sorted(c.items) for year, c in catalogs.items()}

    def sentence(self) -> str:
        r = self.random
        words = [r.choice(NOUNS), r.choice(VERBS), r.choice(NOUNS)]
        for _ in range(r.randint(1, 3)):
            words += [r.choice(LINKERS), r.choice(NOUNS), r.choice(VERBS)]
        words.append(r.choice(ADJECTIVES))
        return "".join(words[:3]) + " " + " ".join(words[3:])

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.random.randint(2, 5)))

    def body(self, table: str | None) -> str:
        r = self.random
        parts = [self.paragraph()]
        for number in range(1, r.randint(2, 5)):
            parts.append(f"## {thai_format.thai_digits(number)}. {r.choice(SUBJECTS)}")
            parts.append(self.paragraph())
            if r.random() < 0.4:
                parts.append("\n".join(f"- {self.sentence()}" for _ in range(r.randint(2, 5))))
            if table and number == 1:
                parts.append(f"::: table {table}")
        return "\n\n".join(parts) + "\n"

    def table(self, name: str) -> str:
        r = self.random
        rows, total_budget, total_spent = [], 0, 0
        lines = [
            f"caption: {r.choice(SUBJECTS)} จำแนกตามโครงการ",
            "columns:",
            "  - {key: no, label: ลำดับ, type: number}",
            "  - {key: project, label: โครงการ, row_header: true}",
            "  - {key: budget, label: งบประมาณ (บาท), type: money}",
            "  - {key: spent, label: เบิกจ่ายจริง (บาท), type: money}",
            "rows:",
        ]
        for index in range(1, r.randint(8, 30)):
            budget = r.randrange(10_000, 2_000_000, 500)
            spent = r.randrange(0, budget + 1, 100)
            total_budget += budget
            total_spent += spent
            rows.append(
                f"  - no: \"{thai_format.thai_digits(index)}\"\n"
                f"    project: โครงการ{r.choice(SUBJECTS)} {r.choice(NOUNS)}\n"
                f"    budget: \"{thai_format.thai_digits(f'{budget:,}')}\"\n"
                f"    spent: \"{spent:,}\""
            )
        lines += rows
        lines += [
            "  - total: รวม",
            f"    values: {{budget: \"{thai_format.thai_digits(f'{total_budget:,}')}\", "
            f"spent: \"{total_spent:,}\"}}",
            "    check: true",
            "notes:",
            f"  - ข้อมูล ณ วันที่ {thai_format.thai_date(dt.date(2025, 9, 30))}",
        ]
        return f"id: {name}\n" + "\n".join(lines) + "\n"

    def document(self, index: int):
        """(relative folder, file stem, front matter dict in order, body, table name or None)."""
        r = self.random
        label, prefix = r.choices([(t[0], t[1]) for t in TYPES], [t[2] for t in TYPES])[0]
        fiscal_year = r.choice(range(2564, 2570))
        first, last = thai_format.fiscal_year_bounds(fiscal_year)
        day = first + dt.timedelta(days=r.randrange((last - first).days + 1))
        slug = f"{prefix}-{fiscal_year}-{index:05d}"
        subject = r.choice(SUBJECTS)
        fields = {"title": f"{label}เรื่อง{subject} ฉบับที่ {thai_format.thai_digits(index)}",
                  "type": label, "slug": slug}
        undated = label in ("รายงาน", "แผน", "คู่มือ") and r.random() < 0.2
        if undated:
            fields["fiscal_year"] = str(fiscal_year)
        else:
            fields["date"] = (thai_format.thai_date(day) if r.random() < 0.7
                              else day.isoformat())
        fields["division"] = r.choice(DIVISIONS)
        fields["number"] = f"ตก {thai_format.thai_digits(r.randint(70000, 79999))}/" \
                           f"{thai_format.thai_digits(r.randint(1, 999))}"
        if label == "บันทึกข้อความ":
            fields["subject"] = f"รายงานผล{subject}"
            fields["addressee"] = "นายกองค์การบริหารส่วนตำบลตัวอย่าง"
        fields["signatories"] = [(r.choice(PEOPLE), r.choice(POSITIONS))
                                 for _ in range(r.randint(1, 2))]
        ita = {}
        for year in r.sample(sorted(self.ita_codes), k=min(2, len(self.ita_codes))):
            ita[year] = r.sample(self.ita_codes[year], k=r.randint(1, 3))
        fields["ita"] = ita
        fields["summary"] = self.sentence()
        table = f"t{index:05d}.table.yaml" if r.random() < 0.33 else None
        return str(fiscal_year), slug, fields, self.body(table), table, day


def front_matter(fields: dict) -> str:
    lines = ["---"]
    for key, value in fields.items():
        if key == "signatories":
            lines.append("signatories:")
            for name, position in value:
                lines += [f"  - name: {name}", f"    position: {position}"]
        elif key == "ita":
            lines.append("ita:")
            for year, codes in value.items():
                lines.append(f"  {year}: [{', '.join(codes)}]")
        else:
            lines.append(f"{key}: {value}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def pelican_metadata(fields: dict, day: dt.date) -> str:
    """The same facts in Pelican's own Markdown metadata (Key: value, then a blank line)."""
    lines = [
        f"Title: {fields['title']}",
        f"Date: {day.isoformat()}",
        f"Slug: {fields['slug']}",
        f"Category: {fields['type']}",
        f"Summary: {fields['summary']}",
        f"Division: {fields['division']}",
        f"Number: {fields['number']}",
        "Authors: " + ", ".join(name for name, _ in fields["signatories"]),
        "Tags: " + ", ".join(f"ITA{y}-{c}" for y, codes in fields["ita"].items() for c in codes),
    ]
    return "\n".join(lines) + "\n\n"


def _date_files(paths: list, day: dt.date) -> None:
    """Files last changed on the day the document was issued, as in a portal
    kept for years: editing one moves its "last changed" day (git_dates) to today."""
    moment = dt.datetime.combine(day, dt.time(10), dt.timezone(dt.timedelta(hours=7)))
    for path in paths:
        os.utime(path, (moment.timestamp(), moment.timestamp()))


def write(root: str, count: int, catalog_dir: str, seed: int = 8) -> dict:
    """Write ``count`` documents under root/portal and root/plain; returns their paths."""
    writer = Writer(seed, catalog_dir)
    portal = os.path.join(root, "portal")
    plain = os.path.join(root, "plain")
    for base in (portal, plain):
        os.makedirs(os.path.join(base, "documents"), exist_ok=True)
        os.makedirs(os.path.join(base, "pages"), exist_ok=True)
    documents = []
    for index in range(1, count + 1):
        folder, slug, fields, body, table, day = writer.document(index)
        for base in (portal, plain):
            os.makedirs(os.path.join(base, "documents", folder), exist_ok=True)
        path = os.path.join(portal, "documents", folder, f"{slug}.md")
        written = [path, os.path.join(plain, "documents", folder, f"{slug}.md")]
        with open(written[0], "w", encoding="utf-8") as handle:
            handle.write(front_matter(fields) + body)
        with open(written[1], "w", encoding="utf-8") as handle:
            handle.write(pelican_metadata(fields, day) + body)
        if table:
            text = writer.table(table.removesuffix(".table.yaml"))
            for base in (portal, plain):
                written.append(os.path.join(base, "documents", folder, table))
                with open(written[-1], "w", encoding="utf-8") as handle:
                    handle.write(text)
        _date_files(written, day)
        documents.append(path)
    about = "---\ntitle: เกี่ยวกับหน่วยงาน\ntype: page\nslug: history\n---\n\n" + writer.paragraph()
    with open(os.path.join(portal, "pages", "about.md"), "w", encoding="utf-8") as handle:
        handle.write(about + "\n")
    with open(os.path.join(plain, "pages", "about.md"), "w", encoding="utf-8") as handle:
        handle.write("Title: เกี่ยวกับหน่วยงาน\nSlug: history\n\n" + writer.paragraph() + "\n")
    return {"portal": portal, "plain": plain, "documents": documents}


COMMITTED = "2025-10-01T10:00:00+07:00"  # when the corpus was committed
# What the benchmark writes beside the documents: not part of the portal.
IGNORED = "/out-*/\n/.output-*/\n/.search-*/\n/plain-cache/\n/documents.json\n"


def commit(root: str) -> bool:
    """Make ``root`` a git repository with everything committed on COMMITTED;
    False (and no repository) when git is missing."""
    if shutil.which("git") is None:
        return False
    with open(os.path.join(root, ".gitignore"), "w", encoding="utf-8") as handle:
        handle.write(IGNORED)
    env = {**os.environ, "GIT_AUTHOR_NAME": "staff", "GIT_AUTHOR_EMAIL": "staff@example.go.th",
           "GIT_COMMITTER_NAME": "staff", "GIT_COMMITTER_EMAIL": "staff@example.go.th",
           "GIT_AUTHOR_DATE": COMMITTED, "GIT_COMMITTER_DATE": COMMITTED}
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "เอกสารของพอร์ทัล"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
    return True
