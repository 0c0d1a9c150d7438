/* The index's list of every incident: search, sort and filter offline.
   Rows come from data/incident_index.js (window.CASUALTIES_INCIDENTS, an array of
   [id, label, date, province, claimants, grade, killed, claims, href]); the table shows the
   first PAGE matching rows, "show more" the next ones, so 5,000 incidents stay usable.
   Text goes into the page with textContent only: nothing from an article becomes HTML. */
(function () {
  "use strict";
  var PAGE = 200;
  var rows = window.CASUALTIES_INCIDENTS;
  var table = document.getElementById("incident-table");
  if (!rows || !table) return;
  var KEYS = ["id", "label", "date", "province", "claimants", "grade", "killed", "claims"];
  var NUMERIC = { killed: true, claims: true };
  var body = table.tBodies[0];
  var count = document.getElementById("incident-count");
  var more = document.getElementById("incident-more");
  var field = function (id) { return document.getElementById(id); };
  var state = { key: "date", desc: false, shown: PAGE };

  function value(row, key) { return row[KEYS.indexOf(key)]; }

  function options(select, key, split) {
    var seen = {};
    rows.forEach(function (row) {
      var v = value(row, key) || "";
      (split ? v.split(/[;,]\s*/) : [v]).forEach(function (part) { if (part) seen[part] = 1; });
    });
    Object.keys(seen).sort().forEach(function (v) {
      var option = document.createElement("option");
      option.value = v;
      option.textContent = v;
      select.appendChild(option);
    });
  }

  function matches(row) {
    var q = field("incident-search").value.trim().toLowerCase();
    if (q && row.slice(0, 6).join(" ").toLowerCase().indexOf(q) < 0) return false;
    var province = field("incident-province").value;
    if (province && value(row, "province") !== province) return false;
    var claimant = field("incident-claimant").value;
    if (claimant && (value(row, "claimants") || "").split(/[;,]\s*/).indexOf(claimant) < 0) return false;
    var grade = field("incident-grade").value;
    if (grade && value(row, "grade") !== grade) return false;
    var from = field("incident-from").value, to = field("incident-to").value;
    var date = value(row, "date") || "";
    if (from && (!date || date < from)) return false;
    if (to && (!date || date > to)) return false;
    var killed = parseFloat(field("incident-killed").value);
    if (!isNaN(killed) && !((value(row, "killed") || 0) >= killed)) return false;
    return true;
  }

  function compare(a, b) {
    var x = value(a, state.key), y = value(b, state.key);
    var order;
    if (NUMERIC[state.key]) order = (x === null ? -1 : x) - (y === null ? -1 : y);
    else order = String(x || "").localeCompare(String(y || ""));
    if (order === 0) order = String(a[0]).localeCompare(String(b[0]));
    return state.desc ? -order : order;
  }

  function cell(tr, text, href) {
    var td = document.createElement("td");
    if (href) {
      var a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      td.appendChild(a);
    } else {
      td.textContent = text === null || text === undefined ? "" : String(text);
    }
    tr.appendChild(td);
  }

  function render() {
    var found = rows.filter(matches).sort(compare);
    var fragment = document.createDocumentFragment();
    found.slice(0, state.shown).forEach(function (row) {
      var tr = document.createElement("tr");
      cell(tr, row[0], row[8]);
      for (var i = 1; i < 8; i++) cell(tr, row[i]);
      tr.cells[6].className = tr.cells[7].className = "num";
      fragment.appendChild(tr);
    });
    body.textContent = "";
    body.appendChild(fragment);
    count.textContent = found.length + " of " + rows.length + " incidents" +
      (found.length > state.shown ? " (first " + state.shown + " shown)" : "");
    more.hidden = found.length <= state.shown;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.setAttribute("aria-sort", th.dataset.key === state.key ?
        (state.desc ? "descending" : "ascending") : "none");
    });
  }

  options(field("incident-province"), "province", false);
  options(field("incident-claimant"), "claimants", true);
  options(field("incident-grade"), "grade", false);
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    th.addEventListener("click", function () {
      state.desc = state.key === th.dataset.key ? !state.desc : NUMERIC[th.dataset.key] === true;
      state.key = th.dataset.key;
      render();
    });
  });
  ["incident-search", "incident-province", "incident-claimant", "incident-grade",
   "incident-from", "incident-to", "incident-killed"].forEach(function (id) {
    field(id).addEventListener("input", function () { state.shown = PAGE; render(); });
  });
  more.addEventListener("click", function () { state.shown += PAGE; render(); });
  document.getElementById("incident-controls").hidden = false;
  render();
})();
