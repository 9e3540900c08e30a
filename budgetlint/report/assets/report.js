// budgetlint HTML report: filters, sorting, the evidence panel. Reads only what the page holds.
(function () {
  "use strict";
  var table = document.getElementById("findings-table");
  var panel = document.getElementById("panel");
  var rows = table ? Array.prototype.slice.call(table.tBodies[0].querySelectorAll("tr[data-f]")) : [];
  var shown = document.getElementById("shown");

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  function filter() {
    var sevs = {};
    each('input[name="sev"]', function (box) { sevs[box.value] = box.checked; });
    var rule = document.getElementById("filter-rule").value;
    var doc = document.getElementById("filter-doc").value;
    var n = 0;
    rows.forEach(function (row) {
      var ok = sevs[row.dataset.sev] && (!rule || row.dataset.code === rule) && (!doc || row.dataset.doc === doc);
      row.hidden = !ok;
      if (ok) n += 1;
    });
    shown.textContent = shown.dataset.label + " " + n + " / " + rows.length;
    // highlights of hidden findings fade, so the text shows what the table shows
    var visible = {};
    rows.forEach(function (row) { if (!row.hidden) visible[row.dataset.f] = true; });
    each(".hl", function (span) {
      span.classList.toggle("muted", !span.dataset.f.split(" ").some(function (f) { return visible[f]; }));
    });
  }

  function sortBy(th) {
    var col = Array.prototype.indexOf.call(th.parentNode.children, th);
    var asc = th.getAttribute("aria-sort") !== "ascending";
    each("#findings-table th", function (h) { h.setAttribute("aria-sort", "none"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var key = function (row) { return row.children[col].dataset.key; };
    rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      var c = x < y ? -1 : x > y ? 1 : 0;
      return asc ? c : -c;
    });
    rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
  }

  function select(id, scroll) {
    var tpl = document.getElementById("ev-" + id);
    if (!tpl) return;
    each(".active", function (el) { el.classList.remove("active"); });
    each('[data-f~="' + id + '"]', function (el) { el.classList.add("active"); });
    panel.replaceChildren(tpl.content.cloneNode(true));
    panel.querySelectorAll("img[data-image]").forEach(function (img) {
      img.src = document.getElementById(img.dataset.image).src;
    });
    panel.querySelectorAll("[data-f]").forEach(function (el) { el.classList.add("active"); });
    var mark = document.querySelector('.text [data-f~="' + id + '"]');
    if (scroll && mark) mark.scrollIntoView({block: "center"});
    try { history.replaceState(null, "", "#" + id); } catch (e) { /* a sandboxed frame has no URL of its own */ }
  }

  function jump(id) {
    var target = document.querySelector('.text [data-o~="' + id + '"]');
    if (!target) return;
    each(".flash", function (el) { el.classList.remove("flash"); });
    each('.text [data-o~="' + id + '"]', function (el) { el.classList.add("flash"); });
    target.scrollIntoView({block: "center"});
  }

  if (table) {
    each('input[name="sev"]', function (box) { box.addEventListener("change", filter); });
    document.getElementById("filter-rule").addEventListener("change", filter);
    document.getElementById("filter-doc").addEventListener("change", filter);
    each("#findings-table th button", function (b) {
      b.addEventListener("click", function () { sortBy(b.parentNode); });
    });
    rows.forEach(function (row) {
      row.addEventListener("click", function () { select(row.dataset.f, true); });
      row.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(row.dataset.f, true); }
      });
    });
  }
  document.addEventListener("click", function (e) {
    var jumper = e.target.closest ? e.target.closest("[data-jump]") : null;
    if (jumper) { jump(jumper.dataset.jump); return; }
    var hl = e.target.closest ? e.target.closest(".text .hl, .pages .box") : null;
    if (hl) select(hl.dataset.f.split(" ")[0], false);
  });
  if (location.hash.length > 1) select(location.hash.slice(1), true);
})();
