/* eventwire web: the main page's controller, shared by the app and the report.
   source.load(filter) gives {rows, total} for the form's filter; the timeline
   shows those rows, and brushing it narrows the map, the count and the table. */
"use strict";
var EW = (window.EW = window.EW || {});

EW.Dashboard = function (source) {
  var form = document.getElementById("filters");
  var countEl = document.getElementById("event-count");
  var rangeEl = document.getElementById("brush-range");
  var rows = [], total = 0, win = null, filter = {};
  var map = EW.Map(document.getElementById("map"), { world: source.world, admin1: source.admin1, onSelect: source.select });
  var table = EW.Table(document.getElementById("table"), { href: source.href, onSelect: source.tableSelect });
  var timeline = EW.Timeline(document.getElementById("timeline"), { onBrush: function (w) { win = w; show(); } });
  EW.legend(document.getElementById("legend"));

  function show() {
    var visible = rows.filter(function (r) { return EW.inWindow(r, win); });
    var onMap = map.setRows(visible);
    table.setRows(visible);
    var text = visible.length + " event" + (visible.length === 1 ? "" : "s");
    if (total > rows.length) text += " (the first " + rows.length + " of " + total + " matching)";
    countEl.textContent = text + " · " + onMap + " on the map";
    countEl.setAttribute("data-count", String(visible.length));
    countEl.setAttribute("data-on-map", String(onMap));
    rangeEl.textContent = win ? "Selected " + win.from + " to " + win.to : "";
    if (source.downloads) source.downloads(filter, win);
  }

  function reload() {
    filter = EW.readFilter(form);
    return Promise.resolve(source.load(filter)).then(function (result) {
      rows = result.rows;
      total = result.total;
      win = null;
      map.fit(rows);
      timeline.setRows(rows);
      show();
      document.body.setAttribute("data-ready", "true");
    }).catch(function (err) {
      countEl.textContent = "Could not load events: " + (err && err.message ? err.message : String(err));
    });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); reload(); });
  form.addEventListener("reset", function () { setTimeout(reload, 0); });
  var country = form.elements.country;
  country.addEventListener("change", function () {
    if (source.provinces) EW.fillSelect(form.elements.admin1, source.provinces(country.value));
  });
  return { reload: reload };
};

/* Fill the filter menus from facets {countries, admin1, all_event_types}. */
EW.fillMenus = function (facets) {
  var form = document.getElementById("filters");
  EW.fillSelect(form.elements.country, facets.countries.map(function (c) {
    return [c.country, c.country + " (" + c.events + ")"];
  }));
  EW.fillSelect(form.elements.event_type, facets.all_event_types.map(function (t) { return [t, t]; }));
  var provinces = function (country) {
    return facets.admin1.filter(function (a) { return !country || a.country === country; })
      .map(function (a) { return [a.admin1, a.admin1 + (country ? "" : " – " + a.country) + " (" + a.events + ")"]; });
  };
  EW.fillSelect(form.elements.admin1, provinces(""));
  document.getElementById("totals").textContent = facets.events + " events from " + facets.mentions
    + " reports in " + facets.articles + " articles";
  ["events", "mentions", "articles"].forEach(function (k) {
    document.getElementById("totals").setAttribute("data-" + k, String(facets[k]));
  });
  return provinces;
};
