/* kzsi course site: the contents menu on small screens and the offline search.
 *
 * Works from file:// (no fetch, no modules): the search index is a script that the page loads
 * before this one (static/search-index.js sets window.kzsiSearchIndex, built with the site by
 * kzsi_helpers.search). Results are built with createElement and textContent only: no text from
 * the index is ever parsed as HTML. The messages come in the page's language from the same script
 * (window.kzsiSiteText, written by kzsi_helpers.publish.site_languages.script_words); the English
 * ones below are used if it has none. Code: MIT licence.
 */
(function () {
  "use strict";

  var MAX_RESULTS = 30;
  var SNIPPET = 90; // characters of context on each side of the first match
  var COMBINING = /[\u0300-\u036f]/g;
  var WORDS = {
    none: "Nothing in the course matches \u201c{query}\u201d. Try another word, or the start of one.",
    one: "1 section matches \u201c{query}\u201d.",
    many: "{count} sections match \u201c{query}\u201d.",
    more: "{count} sections match \u201c{query}\u201d; the first {shown} are shown.",
    liteOnDisk: "This page was opened from a file on disk, and the browser edition needs a web " +
      "server: run python -m kzsi_helpers serve on the folder that holds both editions, then open " +
      "this page at the address it prints."
  };

  /* A message in the page's language, its {placeholders} filled (as text, never as HTML). */
  function say(key, values) {
    var given = window.kzsiSiteText || {};
    var text = typeof given[key] === "string" ? given[key] : WORDS[key];
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values || {}, name) ? String(values[name]) : all;
    });
  }

  /* Fold case and accents one character at a time, so the folded text has the same length as the
     original and a match in it is a match at the same place in the original. */
  function foldChar(c) {
    var f = c.normalize("NFD").replace(COMBINING, "").toLowerCase();
    if (f.length === 1) return f;
    var lower = c.toLowerCase();
    return lower.length === 1 ? lower : c;
  }
  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) out += foldChar(text[i]);
    return out;
  }
  function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  function words(query) {
    return fold(query).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }
  /* Where the words start in a folded text: a word matches at the start of a word of the text
     ("povir" finds "Povir" and "Povirju", not "Spovir"). */
  function starts(folded, word) {
    var re = new RegExp("(^|[^\\p{L}\\p{N}])" + escapeRegExp(word), "gu");
    var found = [];
    var m;
    while ((m = re.exec(folded)) !== null) {
      found.push(m.index + m[1].length);
      if (found.length > 50) break;
    }
    return found;
  }

  var prepared = null;
  function documents() {
    if (prepared === null) {
      var raw = window.kzsiSearchIndex || [];
      prepared = raw.map(function (d, i) {
        return { order: i, url: d.u, page: d.p, title: d.t, text: d.x,
                 ftitle: fold(d.t), ftext: fold(d.x) };
      });
    }
    return prepared;
  }

  function search(query) {
    var ws = words(query);
    if (!ws.length) return { words: ws, hits: [] };
    var hits = [];
    documents().forEach(function (doc) {
      var score = 0;
      var first = -1;
      for (var i = 0; i < ws.length; i++) {
        var inTitle = starts(doc.ftitle, ws[i]).length;
        var inText = starts(doc.ftext, ws[i]);
        if (!inTitle && !inText.length) return; // every word must be there
        score += 10 * inTitle + Math.min(inText.length, 20);
        if (inText.length && (first < 0 || inText[0] < first)) first = inText[0];
      }
      hits.push({ doc: doc, score: score, first: first });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.doc.order - b.doc.order; });
    return { words: ws, hits: hits };
  }

  /* Append text to a node, with every occurrence of the query words marked. */
  function appendMarked(node, text, ws) {
    var ftext = fold(text);
    var spans = [];
    ws.forEach(function (w) {
      starts(ftext, w).forEach(function (at) { spans.push([at, at + w.length]); });
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    spans.forEach(function (s) {
      if (s[0] < pos) return;
      node.appendChild(document.createTextNode(text.slice(pos, s[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(s[0], s[1]);
      node.appendChild(mark);
      pos = s[1];
    });
    node.appendChild(document.createTextNode(text.slice(pos)));
  }

  function snippet(text, at) {
    if (at < 0) return text.length > 2 * SNIPPET ? text.slice(0, 2 * SNIPPET).replace(/\s\S*$/, "") + " …" : text;
    var start = Math.max(0, at - SNIPPET);
    var end = Math.min(text.length, at + SNIPPET);
    var piece = text.slice(start, end);
    if (start > 0) piece = "… " + piece.replace(/^\S*\s/, "");
    if (end < text.length) piece = piece.replace(/\s\S*$/, "") + " …";
    return piece;
  }

  function showResults(query) {
    var panel = document.getElementById("kzsi-search-results");
    if (!panel) return;
    var status = panel.querySelector(".kzsi-search-status");
    var list = panel.querySelector(".kzsi-search-list");
    list.textContent = "";
    var trimmed = query.trim();
    if (!trimmed) {
      panel.hidden = true;
      status.textContent = "";
      return;
    }
    panel.hidden = false;
    var found = search(trimmed);
    if (!found.hits.length) {
      status.textContent = say("none", { query: trimmed });
      return;
    }
    var shown = found.hits.slice(0, MAX_RESULTS);
    var key = found.hits.length === 1 ? "one" : found.hits.length > shown.length ? "more" : "many";
    status.textContent = say(key, { query: trimmed, count: found.hits.length, shown: shown.length });
    shown.forEach(function (hit) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = hit.doc.url;
      var where = document.createElement("span");
      where.className = "kzsi-search-page";
      where.textContent = hit.doc.page;
      link.appendChild(where);
      link.appendChild(document.createTextNode(" \u203a "));
      appendMarked(link, hit.doc.title, found.words);
      li.appendChild(link);
      var p = document.createElement("p");
      appendMarked(p, snippet(hit.doc.text, hit.first), found.words);
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  function setUpSearch() {
    var form = document.querySelector(".kzsi-search");
    var input = document.getElementById("kzsi-search-input");
    if (!form || !input) return;
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      showResults(input.value);
    });
    input.addEventListener("input", function () {
      if (input.value.trim().length >= 2 || !input.value.trim()) showResults(input.value);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { input.value = ""; showResults(""); }
    });
  }

  function setUpMenu() {
    var button = document.querySelector(".kzsi-menu-button");
    var sidebar = document.getElementById("kzsi-sidebar");
    if (!button || !sidebar) return;
    document.documentElement.classList.add("kzsi-js");
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      sidebar.classList.toggle("kzsi-open", open);
    });
    // a section link in the menu closes it (on a phone the menu covers the page)
    sidebar.addEventListener("click", function (event) {
      if (event.target.closest("a") && button.getAttribute("aria-expanded") === "true") {
        button.setAttribute("aria-expanded", "false");
        sidebar.classList.remove("kzsi-open");
      }
    });
  }

  /* The browser edition (JupyterLite) does not run from a file on disk: a page opened from
     file:// says how to serve it instead of sending the reader to a page that stays blank. */
  function noteLiteOnDisk() {
    if (location.protocol !== "file:") return;
    var box = document.querySelector(".kzsi-lite");
    if (!box) return;
    var note = document.createElement("span");
    note.className = "kzsi-lite-file";
    note.textContent = " " + say("liteOnDisk");
    box.appendChild(note);
  }

  function start() {
    setUpMenu();
    setUpSearch();
    noteLiteOnDisk();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();

  window.kzsiSearch = search; // for the tests and the curious
})();
