/* eventwire web: the event table, sortable by any column, in pages. */
"use strict";
var EW = (window.EW = window.EW || {});

EW.COLUMNS = [
  { key: "date_start", label: "Date", value: EW.dateText },
  { key: "event_type", label: "Type" },
  { key: "sub_event_type", label: "Sub-type" },
  { key: "actor1", label: "Actor 1" },
  { key: "actor2", label: "Actor 2" },
  { key: "location", label: "Location" },
  { key: "admin1", label: "Province" },
  { key: "country", label: "Country" },
  { key: "fatalities", label: "Deaths" },
  { key: "mention_count", label: "Reports" },
];

EW.Table = function (container, options) {
  var pageSize = options.pageSize || 50;
  var rows = [], sortKey = "date_start", direction = 1, page = 0;

  function compare(a, b) {
    var x = a[sortKey], y = b[sortKey];
    var xm = x === null || x === undefined || x === "", ym = y === null || y === undefined || y === "";
    if (xm || ym) return xm === ym ? 0 : xm ? 1 : -1;  // unknown values last either way
    var c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
    return c * direction || String(a.event_id).localeCompare(String(b.event_id));
  }

  function render() {
    EW.clear(container);
    var sorted = rows.slice().sort(compare);
    var pages = Math.max(1, Math.ceil(sorted.length / pageSize));
    page = Math.min(page, pages - 1);
    var head = EW.el("tr", {}, EW.COLUMNS.map(function (col) {
      var th = EW.el("th", { scope: "col", "data-key": col.key, text: col.label,
        "aria-sort": col.key === sortKey ? (direction > 0 ? "ascending" : "descending") : null });
      th.addEventListener("click", function () {
        direction = col.key === sortKey ? -direction : 1;
        sortKey = col.key;
        page = 0;
        render();
      });
      return th;
    }));
    var body = EW.el("tbody", {}, sorted.slice(page * pageSize, (page + 1) * pageSize).map(function (row) {
      return EW.el("tr", { "data-id": row.event_id }, EW.COLUMNS.map(function (col, i) {
        var value = col.value ? col.value(row) : EW.text(row[col.key]);
        if (i > 0) return EW.el("td", { text: value });
        var link = EW.el("a", { href: options.href(row), text: value });
        link.addEventListener("click", function (event) {
          if (options.onSelect) { event.preventDefault(); options.onSelect(row); }
        });
        return EW.el("td", {}, [link]);
      }));
    }));
    container.appendChild(EW.el("table", {}, [EW.el("thead", {}, [head]), body]));
    if (pages > 1) {
      var prev = EW.el("button", { type: "button", text: "‹ previous", disabled: page === 0 });
      var next = EW.el("button", { type: "button", text: "next ›", disabled: page >= pages - 1 });
      prev.addEventListener("click", function () { page -= 1; render(); });
      next.addEventListener("click", function () { page += 1; render(); });
      container.appendChild(EW.el("div", { class: "ew-pager" },
        [prev, EW.el("span", { text: "page " + (page + 1) + " of " + pages }), next]));
    }
  }

  return { setRows: function (newRows) { rows = newRows; page = 0; render(); } };
};
