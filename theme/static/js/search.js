// The search page: Thai full-text search over the Pagefind bundle in pagefind/.
// The index holds Thai text split into words by ICU (plugins/search); the query
// is split the same way here with Intl.Segmenter before it is searched.
const root = document.getElementById("search");
const form = document.getElementById("search-form");
const input = document.getElementById("search-query");
const selects = Array.from(form.querySelectorAll("select[data-filter]"));
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const PAGE = 20;
const JOINER = "\u2060"; // written before every space the index inserted
const segmenter = new Intl.Segmenter("th", { granularity: "word" });
const siteRoot = new URL(root.dataset.site, document.baseURI);
const thaiDigits = root.dataset.numerals === "thai";

root.hidden = false;
const pagefind = await import(new URL("pagefind.js", new URL(root.dataset.bundle, document.baseURI)).href);
await pagefind.options({ exactDiacritics: true, excerptLength: 24 });
pagefind.init();

let latest = 0; // number of the latest search; older answers are dropped
let results = [];
let shown = 0;

function words(query) {
  return Array.from(segmenter.segment(query.normalize("NFC")), (s) => s.segment.trim())
    .filter(Boolean).join(" ");
}

function digits(text) {
  return thaiDigits ? String(text).replace(/[0-9]/g, (d) => "๐๑๒๓๔๕๖๗๘๙"[d]) : String(text);
}

// An excerpt in the original text: drop the spaces the index inserted, then
// keep only text and <mark> from Pagefind's HTML.
function excerpt(html) {
  const restored = html
    .replace(new RegExp(JOINER + "((?:</mark>)?)\\s((?:<mark>)?)", "g"), "$1$2")
    .replaceAll("</mark><mark>", "")
    .replaceAll(JOINER, "");
  const parsed = new DOMParser().parseFromString(restored, "text/html").body;
  const paragraph = document.createElement("p");
  paragraph.className = "excerpt";
  for (const node of parsed.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      paragraph.append(mark);
    } else {
      paragraph.append(node.textContent);
    }
  }
  return paragraph;
}

function item(data) {
  const li = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = new URL(data.url.replace(/^\//, ""), siteRoot).href;
  link.textContent = data.meta.title;
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "meta";
  meta.textContent = [data.meta.type, data.meta.date].filter(Boolean).join(" · ");
  li.append(heading, meta, excerpt(data.excerpt));
  return li;
}

async function showMore() {
  const search = latest;
  const page = await Promise.all(results.slice(shown, shown + PAGE).map((r) => r.data()));
  if (search !== latest) return;
  list.append(...page.map(item));
  shown += page.length;
  more.hidden = shown >= results.length;
}

async function run() {
  const search = ++latest;
  const query = words(input.value);
  const filters = {};
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const select of selects) {
    if (select.value) {
      filters[select.dataset.filter] = select.value;
      params.set(select.name, select.value);
    }
  }
  history.replaceState(null, "", params.size ? "?" + params : location.pathname);
  if (!query && !params.size) {
    list.replaceChildren();
    status.textContent = "";
    more.hidden = true;
    return;
  }
  const answer = await pagefind.search(query || null, { filters });
  if (search !== latest) return;
  results = answer.results;
  shown = 0;
  list.replaceChildren();
  status.textContent = results.length
    ? `พบ ${digits(results.length)} เอกสาร`
    : "ไม่พบเอกสารที่ตรงกับคำค้น ลองใช้คำที่สั้นลงหรือเลือกตัวกรองน้อยลง";
  await showMore();
}

let timer;
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(run, 250);
});
for (const select of selects) select.addEventListener("change", run);
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  run();
});
more.addEventListener("click", showMore);

const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
for (const select of selects) select.value = params.get(select.name) || "";
if (input.value || params.size) run();
