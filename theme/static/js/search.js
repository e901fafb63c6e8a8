// The search page: Thai full-text search over the Pagefind bundle in pagefind/.
// The index holds Thai text split into words by ICU (portal/search); the query
// is split the same way here with Intl.Segmenter before it is searched.
const root = document.getElementById("search");
const form = document.getElementById("search-form");
const input = document.getElementById("search-query");
const selects = Array.from(form.querySelectorAll("select[data-filter]"));
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const PAGE = 10;
const JOINER = "\u2060"; // a word of its own after a space of the page that follows a Thai letter
// Between two Thai letters (a match may end or start there), a plain space is
// one the index inserted between words.
const INSERTED = /(?<=[\u0e01-\u0e5b](?:<\/mark>)?) (?=(?:<mark>)?[\u0e01-\u0e5b])/g;
const THAI = /[\u0e01-\u0e5b]/;
const MARK = /[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]/; // Thai vowel and tone marks
const NOT_WORD = /[^\p{L}\p{M}\p{N}]/gu;
// Browsers without Intl.Segmenter search each space-separated piece whole.
const segmenter = Intl.Segmenter ? new Intl.Segmenter("th", { granularity: "word" }) : null;
const siteRoot = new URL(root.dataset.site, document.baseURI);
const thaiDigits = root.dataset.numerals === "thai";

const pagefind = await import(new URL("pagefind.js", new URL(root.dataset.bundle, document.baseURI)).href);
// Result addresses start with the site's path, so the site works under a sub-path.
await pagefind.options({ exactDiacritics: true, excerptLength: 24, baseUrl: siteRoot.pathname });
// Pagefind splits the query itself when the page is in Thai; this script does
// that instead (it must keep a half-typed word whole), so Pagefind is started
// while the page's language reads "und", which is restored at once.
const language = document.documentElement.lang;
document.documentElement.lang = "und";
pagefind.init();
document.documentElement.lang = language;

let latest = 0; // number of the latest search; older answers are dropped
let results = [];
let shown = 0;

// A number as the index also holds it (portal/search: canonical_number): Arabic
// digits, no thousands commas. ๒๕๖๘ finds 2568 and 2568 finds ๒๕๖๘.
const GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/;
function canonical(piece) {
  const arabic = piece.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
  return GROUPED.test(arabic) ? arabic.replaceAll(",", "") : arabic;
}

// The words of one space-free piece of the query, as ICU splits them.
function words(text) {
  const pieces = segmenter ? Array.from(segmenter.segment(text), (s) => s.segment) : [text];
  return pieces.map((piece) => canonical(piece).toLowerCase().replace(NOT_WORD, ""))
    .filter(Boolean);
}

// The term lists to search for a query. The last piece may be a word still
// being typed, which the segmenter cuts into fragments ("ทุจริ" -> "ทุ จริ"),
// so its last fragments are also tried joined up again.
function variants(query) {
  const pieces = query.normalize("NFC").split(/\s+/).filter(Boolean);
  if (!pieces.length) return [];
  const before = pieces.slice(0, -1).flatMap(words);
  const last = words(pieces[pieces.length - 1]);
  const lists = [];
  for (let cut = Math.max(0, last.length - 3); cut < last.length; cut++) {
    lists.push([...before, ...last.slice(0, cut), last.slice(cut).join("")]);
  }
  return lists.length ? lists : [before];
}

// Pagefind matches a Thai term without vowel or tone marks also in words that
// have them (ขาว in ข้าว, ข่าว). When such a word is typed on its own, the
// results are checked against the words actually matched in each page (one
// fragment download per result); a term that is a piece of a longer word
// (งบ of งบประมาณ) is held in place by the other words and is not checked.
function unmarked(term, query) {
  return THAI.test(term) && !MARK.test(term) && query.normalize("NFC").split(/\s+/).includes(term);
}

function matches(terms, data) {
  const text = data.content.split(/\s+/);
  const found = data.locations.map((at) => (text[at] || "").toLowerCase().replace(NOT_WORD, ""));
  return terms.every((term) => found.some((word) => word.startsWith(term)));
}

// Results of every term list, each page once: pages found by a list that kept
// more of the last word together come first (ทุจริ before ทุ + จริ), then
// pages with the words side by side, then by score. When no word starts with
// a term, Pagefind falls back to words that the term starts with
// (ข้อบัญญัติ -> ข้อ); a joined-up list whose first page does not really
// match is such a fall-back, and is dropped whole.
async function find(query, filters) {
  const lists = variants(query);
  if (!lists.length) return (await pagefind.search(null, { filters })).results.map((result) => ({ result }));
  const found = new Map();
  for (const [rank, terms] of lists.entries()) {
    const answer = await pagefind.search(terms.join(" "), { filters });
    let hits = answer.results.filter((result) => !found.has(result.id))
      .map((result) => ({ result, rank }));
    const load = (hit) => hit.data || hit.result.data().then((data) => (hit.data = data));
    if (rank < lists.length - 1 && hits.length && !matches(terms, await load(hits[0]))) hits = [];
    if (terms.some((term) => unmarked(term, query))) {
      await Promise.all(hits.map(load));
      hits = hits.filter((hit) => matches(terms, hit.data));
    }
    for (const hit of hits) {
      hit.together = terms.length < 2 || consecutive(hit.result.words, terms.length);
      found.set(hit.result.id, hit);
    }
  }
  return Array.from(found.values()).sort((a, b) => a.rank - b.rank
    || b.together - a.together || b.result.score - a.result.score);
}

// Whether matched words stand side by side somewhere (ความ เสี่ยง, not
// ความ ... เสี่ยง): a run of `count` positions, each one or two after the last,
// since a mark of the index (the joiner after a space of the page, the start
// of another form) takes a position between two words.
function consecutive(positions, count) {
  const sorted = [...positions].sort((a, b) => a - b);
  let run = 1;
  for (let i = 1; i < sorted.length; i++) {
    const step = sorted[i] - sorted[i - 1];
    run = step === 1 || step === 2 ? run + 1 : 1;
    if (run >= count) return true;
  }
  return false;
}

function digits(text) {
  return thaiDigits ? String(text).replace(/[0-9]/g, (d) => "๐๑๒๓๔๕๖๗๘๙"[d]) : String(text);
}

// The index holds other forms of numbers and long words right after them, between
// ALT marks (" ⁤2568⁤ " after ๒๕๖๘); in excerpts they go, and a match on one marks
// the word it belongs to.
const ALTERNATE = /(<mark>)?([^\s<>]+)(<\/mark>)? (<mark>)?\u2064([^\u2064]*)\u2064(<\/mark>)? ?/g;
function withoutAlternates(html) {
  return html.replace(ALTERNATE, (_all, open, word, close, altOpen, inner, altClose) => {
    if (open && close) return `<mark>${word}</mark>`;
    const alternate = (altOpen || "") + inner + (altClose || "");
    if (!alternate.includes("<mark>")) return word;
    // The parts of a compound put together again, each with its own mark:
    // ปี <mark>งบ</mark> <mark>ประมาณ</mark> -> ปี<mark>งบประมาณ</mark>
    const parts = alternate.replaceAll(" ", "");
    return parts.replace(/<\/?mark>/g, "") === word ? parts : `<mark>${word}</mark>`;
  }).replace(CUT_AT_START, "").replace(CUT_AT_END, "");
}
// An excerpt may start or end inside another form: that piece goes too.
const CUT_AT_START = /^(?:(?:<mark>)?\u2064[^\u2064]*|[^\u2064]*)\u2064(?:<\/mark>)? ?/;
const CUT_AT_END = / ?(?:<mark>)?\u2064[^\u2064]*$/;

// An excerpt in the original text: drop the other forms and the spaces the index
// inserted, then keep only text and <mark> from Pagefind's HTML.
function excerpt(html) {
  const restored = withoutAlternates(html)
    .replace(INSERTED, "")
    .replaceAll(" \u2063", "") // ends Thai blocks in the index (no "." added)
    .replaceAll("\u2063", "")
    .replaceAll("</mark><mark>", "")
    .replaceAll(` ${JOINER}`, "")
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
  link.href = new URL(data.url, siteRoot).href;
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
  const page = await Promise.all(results.slice(shown, shown + PAGE)
    .map(async (hit) => hit.data || (hit.data = await hit.result.data())));
  if (search !== latest) return;
  list.append(...page.map(item));
  shown += page.length;
  more.hidden = shown >= results.length;
}

async function run() {
  const search = ++latest;
  const query = input.value;
  const filters = {};
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const select of selects) {
    if (select.value) {
      filters[select.dataset.filter] = select.value;
      params.set(select.name, select.value);
    }
  }
  const address = params.toString();
  history.replaceState(null, "", address ? "?" + address : location.pathname);
  if (!address) {
    list.replaceChildren();
    status.textContent = "";
    more.hidden = true;
    return;
  }
  let found;
  try {
    found = await find(query, filters);
  } catch (error) {
    status.textContent = "ค้นหาไม่ได้ในขณะนี้ ลองโหลดหน้านี้ใหม่ หรือดูเอกสารจากหน้าแรก";
    throw error;
  }
  if (search !== latest) return;
  results = found;
  shown = 0;
  list.replaceChildren();
  await showMore();
  if (search !== latest) return;
  status.textContent = results.length
    ? `พบ ${digits(results.length)} เอกสาร`
    : "ไม่พบเอกสารที่ตรงกับคำค้น ลองใช้คำที่สั้นลงหรือเลือกตัวกรองน้อยลง";
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

root.hidden = false; // ready: show the form
const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
for (const select of selects) select.value = params.get(select.name) || "";
if (params.toString()) run();
