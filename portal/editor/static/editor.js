// The portal's part of the editor: before each save, leave out the fields the clerk left
// empty (the build reads an empty "organisation:" as a mistake), then ask `invoke edit`'s
// check server whether `invoke check` would accept the document. A refusal stops the save
// and Decap shows the check's Thai message; nothing is committed.
(function () {
  var script = document.currentScript;
  var checkUrl = script && script.getAttribute("data-check-url");

  // Entry data are Immutable.js maps and lists (toJS, size, map, filter).
  function isImmutable(value) {
    return Boolean(value) && typeof value.toJS === "function";
  }

  function isEmpty(value) {
    if (value === null || value === undefined || value === "") return true;
    return isImmutable(value) && value.size === 0;
  }

  function withoutEmpty(value) {
    if (isImmutable(value)) {
      return value.map(withoutEmpty).filter(function (item) { return !isEmpty(item); });
    }
    return typeof value === "string" ? value.trim() : value;
  }

  function pendingFiles(entry) {
    var files = entry.get("mediaFiles");
    return files ? files.toJS().map(function (file) { return file.name; }) : [];
  }

  async function check(entry, data) {
    var response = await fetch(checkUrl, {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({path: entry.get("path") || "", data: data,
                            files: pendingFiles(entry)})
    });
    var answer = await response.json();
    if (answer.problems && answer.problems.length) {
      throw new Error("invoke check ไม่ผ่าน:\n" + answer.problems.join("\n"));
    }
  }

  // config.js holds the configuration (made from the schema at build time) and asked Decap
  // not to fetch config.yml: a static server may send .yml with a type Decap refuses.
  CMS.init({config: window.PORTAL_EDITOR_CONFIG});

  CMS.registerEventListener({
    name: "preSave",
    handler: async function (event) {
      var entry = event.entry;
      var body = entry.get("data").get("body");
      var data = withoutEmpty(entry.get("data").delete("body"));
      if (checkUrl && checkUrl.indexOf("__") !== 0) await check(entry, data.toJS());
      return body === undefined ? data : data.set("body", body);
    }
  });
})();
