// people.html: filter by words, tag and due state; sort by any column. No network, no library.
(function () {
  "use strict";
  var table = document.getElementById("people");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var search = document.getElementById("search");
  var tag = document.getElementById("tag");
  var dueOnly = document.getElementById("due-only");
  var count = document.getElementById("count");
  var nobody = document.getElementById("nobody");

  // as notekit folds names (match.fold): case, accents and punctuation do not count
  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, " ");
  }

  function filter() {
    var words = fold(search.value).split(" ").filter(Boolean);
    var wanted = tag.value ? "|" + tag.value + "|" : "";
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute("data-search");
      var ok = words.every(function (w) { return text.indexOf(w) !== -1; }) &&
        (!wanted || row.getAttribute("data-tags").indexOf(wanted) !== -1) &&
        (!dueOnly.checked || row.getAttribute("data-state") !== "");
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = shown === rows.length ? String(rows.length) : shown + " of " + rows.length;
    nobody.hidden = shown !== 0;
  }

  function sortBy(th) {
    var key = th.getAttribute("data-key");
    var attr = key === "tags" ? "data-tags-sort" : "data-" + key;
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var x = a.getAttribute(attr), y = b.getAttribute(attr);
      if (x === y) return 0;
      if (!x) return 1;  // empty values last, whatever the direction
      if (!y) return -1;
      return (x < y ? -1 : 1) * (ascending ? 1 : -1);
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  if (location.hash === "#due") dueOnly.checked = true;  // from the week page's "more are due"
  search.addEventListener("input", filter);
  tag.addEventListener("change", filter);
  dueOnly.addEventListener("change", filter);
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    th.querySelector("button").addEventListener("click", function () { sortBy(th); });
  });
  filter();
})();
