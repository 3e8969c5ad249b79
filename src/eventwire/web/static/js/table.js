/* eventwire web: the event table: one page of the view's events, as the server (or the report's
   own query) sorted them. Clicking a column sorts by it (again: the other way); the pager moves
   through the pages. options.onSort(sort) and options.onPage(page) ask for another page. */
"use strict";
var EW = (window.EW = window.EW || {});

EW.COLUMNS = [
  { key: "date_start", sort: "date", label: "Date", value: EW.dateText, first: "-" },
  { key: "event_type", sort: "type", label: "Type" },
  { key: "sub_event_type", sort: "sub_event_type", label: "Sub-type" },
  { key: "actor1", sort: "actor1", label: "Actor 1" },
  { key: "actor2", sort: "actor2", label: "Actor 2" },
  { key: "location", sort: "location", label: "Location" },
  { key: "admin1", sort: "admin1", label: "Province" },
  { key: "country", sort: "country", label: "Country" },
  { key: "fatalities", sort: "fatalities", label: "Deaths", first: "-" },
  { key: "mention_count", sort: "mentions", label: "Reports", first: "-" },
];
EW.PAGE_SIZE = 50;

EW.Table = function (container, options) {
  /* result: {total, rows}; sort: e.g. "-date"; page: 0-based. */
  function render(result, sort, page) {
    EW.clear(container);
    var pages = Math.max(1, Math.ceil(result.total / EW.PAGE_SIZE));
    var head = EW.el("tr", {}, EW.COLUMNS.map(function (col) {
      var on = sort.replace(/^-/, "") === col.sort, desc = sort.charAt(0) === "-";
      var th = EW.el("th", { scope: "col", "data-key": col.key, "data-sort": col.sort, text: col.label,
        "aria-sort": on ? (desc ? "descending" : "ascending") : null });
      th.addEventListener("click", function () {
        options.onSort(on ? (desc ? col.sort : "-" + col.sort) : (col.first || "") + col.sort);
      });
      return th;
    }));
    var body = EW.el("tbody", {}, result.rows.map(function (row) {
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
    var first = result.total ? page * EW.PAGE_SIZE + 1 : 0, last = page * EW.PAGE_SIZE + result.rows.length;
    var prev = EW.el("button", { type: "button", class: "ew-prev", text: "‹ previous", disabled: page === 0 });
    var next = EW.el("button", { type: "button", class: "ew-next", text: "next ›", disabled: page >= pages - 1 });
    prev.addEventListener("click", function () { options.onPage(page - 1); });
    next.addEventListener("click", function () { options.onPage(page + 1); });
    container.appendChild(EW.el("div", { class: "ew-pager", "data-page": page }, [prev,
      EW.el("span", { text: "page " + EW.num(page + 1) + " of " + EW.num(pages) + " · rows " + EW.num(first) + "–" + EW.num(last)
        + " of " + EW.num(result.total) }), next]));
  }
  return { render: render };
};
