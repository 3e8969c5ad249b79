/* eventwire web: the main page's controller, shared by the app and the report. The view is
   a state (EW.State) kept in the URL; every change writes it (filters and the timeline
   selection as new history entries, page, sort, bins and map moves in place) and redraws
   from source (EW.Remote or EW.Local): the timeline from the form's filter, the map, the
   summary and the table from that filter narrowed by the timeline selection. */
"use strict";
var EW = (window.EW = window.EW || {});

EW.Dashboard = function (options) {
  var source = options.source, facets = options.facets;
  var urls = EW.State(options.mode);
  var form = document.getElementById("filters");
  var $ = function (id) { return document.getElementById(id); };
  var state = urls.read(), token = 0, lastPlaces = null;
  var codes = {};
  facets.countries.forEach(function (c) { codes[c.country] = c.country_code; });

  var map = EW.Map($("map"), {
    world: options.world, admin1: options.admin1, legend: $("legend"),
    codeOf: function (country) { return codes[country]; },
    onMove: function (box) { state.map = box; urls.write(state, false); },
    onGroup: openGroup,
  });
  var timeline = EW.Timeline($("timeline"), { onBrush: function (w) {
    state.sel_from = w ? w.from : ""; state.sel_to = w ? w.to : "";
    change({}, true);
  } });
  var table = EW.Table($("table"), {
    href: options.href, onSelect: options.tableSelect,
    onSort: function (sort) { change({ sort: sort, page: "0" }, false, true); },
    onPage: function (page) { change({ page: String(page) }, false, true); },
  });
  var summary = EW.Summary($("summary"), {
    link: function (c) { return urls.href(narrowed(c)); },
    onPick: function (c) { state = narrowed(c); urls.write(state, true); toForm(); render(); },
  });

  function narrowed(c) {
    var next = Object.assign({}, state, c, { page: "0", map: "" });
    Object.keys(c).forEach(function (k) { if (c[k] === "") delete next[k]; });
    return next;
  }

  function provinceOptions(countries) {
    return facets.admin1.filter(function (a) { return !countries.length || countries.indexOf(a.country) >= 0; })
      .map(function (a) { return [a.admin1, a.admin1 + (countries.length === 1 ? "" : " – " + a.country) + " (" + EW.num(a.events) + ")"]; });
  }

  function toForm() {
    EW.setSelect(form.elements.country, state.country || []);
    EW.fillSelect(form.elements.admin1, provinceOptions(state.country || []));
    EW.setSelect(form.elements.event_type, state.event_type || []);
    EW.setSelect(form.elements.admin1, state.admin1 || "");
    ["actor", "date_from", "date_to", "q"].forEach(function (k) { form.elements[k].value = state[k] || ""; });
    $("t-bin").value = urls.get(state, "bin");
    $("m-shade").value = urls.get(state, "shade");
    $("m-size").value = urls.get(state, "size");
  }

  /* Apply `c` to the state; push a history entry when `push`; keep the map where it is when `keepMap`. */
  function change(c, push, keepMap) {
    state = Object.assign({}, state, c);
    if (!keepMap) { state.map = ""; state.page = "0"; }
    urls.write(state, push);
    render();
  }

  function openGroup(g) {
    var list = $("group-list");
    var f = Object.assign(EW.filterOf(state, true), { bbox: g.box.join(",") });
    if (g.events === 1 && options.select) {
      source.page(f, "-date", 0, 1).then(function (p) { if (p.rows.length) options.select(p.rows[0]); });
      return;
    }
    source.page(f, "-date", 0, 100).then(function (p) {
      EW.clear(list);
      var close = EW.el("button", { type: "button", class: "ew-close", text: "close" });
      close.addEventListener("click", function () { list.hidden = true; });
      var where = g.points.length > 1 ? g.top.name + " and " + (g.points.length - 1) + " places near it" : (g.top.name || "this place");
      list.appendChild(close);
      list.appendChild(EW.el("h3", { text: EW.plural(p.total, "event") + " at " + where }));
      if (p.total > p.rows.length) {
        list.appendChild(EW.el("p", { class: "ew-note", text: "The latest " + EW.num(p.rows.length) + " of " + EW.num(p.total)
          + " are listed; zoom in, select dates or filter to see the others." }));
      }
      list.appendChild(EW.el("ul", {}, p.rows.map(function (row) {
        var link = EW.el("a", { href: options.href(row), text: EW.dateText(row) + " · " + row.event_type + " · " + EW.place(row)
          + " · deaths " + EW.text(row.fatalities, "unknown") });
        link.addEventListener("click", function (event) { if (options.tableSelect) { event.preventDefault(); options.tableSelect(row); } });
        return EW.el("li", { "data-id": row.event_id }, [link]);
      })));
      list.setAttribute("data-total", p.total);
      list.hidden = false;
    });
  }

  function notes(all, view, places, page) {
    var dates = !!(state.date_from || state.date_to || state.sel_from);
    var text = EW.plural(page.total, "event") + " in this view";
    $("event-count").textContent = text + " · newest first unless you sort by a column";
    $("event-count").setAttribute("data-count", String(page.total));
    var undated = $("undated"), tableNote = $("undated-table");
    undated.setAttribute("data-undated", String(view.undated));
    if (dates && view.undated) {
      undated.textContent = EW.plural(view.undated, "undated event") + " not shown: a date filter applies, and "
        + (view.undated === 1 ? "it has" : "they have") + " no date.";
      tableNote.textContent = undated.textContent;
      tableNote.hidden = false;
    } else {
      undated.textContent = view.undated ? EW.plural(view.undated, "undated event") + " are in the map, summary and table but not on the timeline." : "";
      tableNote.hidden = true;
    }
    var mapNote = [];
    var offMap = view.events - view.located;
    if (places.shown < places.total) {
      mapNote.push("Only the " + EW.num(places.shown) + " busiest of " + EW.num(places.total) + " places are drawn ("
        + EW.num(places.shown_events) + " of " + EW.num(places.events) + " events); filter or select dates to draw the rest.");
    }
    if (offMap > 0) mapNote.push(EW.plural(offMap, "event") + " of this view " + (offMap === 1 ? "has" : "have") + " no coordinates and " + (offMap === 1 ? "is" : "are") + " not on the map.");
    $("map-note").textContent = mapNote.join(" ");
    $("map-note").setAttribute("data-drawn", String(places.shown_events));
    $("map-note").setAttribute("data-located", String(places.events));
    $("timeline-title").textContent = "Events per " + all.bin + (all.undated && !(state.date_from || state.date_to) ? "" : "");
    var sel = state.sel_from ? "Selected " + state.sel_from + " to " + state.sel_to : "";
    $("brush-range").textContent = sel;
    $("t-clear").hidden = !sel;
  }

  function render() {
    var mine = ++token;
    document.body.setAttribute("data-ready", "false");
    var sort = urls.get(state, "sort"), page = Number(urls.get(state, "page")) || 0;
    var formFilter = EW.filterOf(state, false), view = EW.filterOf(state, true);
    var box = state.map ? EW.parseBox(state.map) : null;
    var sel = state.sel_from ? { from: state.sel_from, to: state.sel_to } : null;
    return Promise.all([
      source.summary(formFilter, urls.get(state, "bin")),
      sel ? source.summary(view, "auto") : null,
      source.places(view),
      source.page(view, sort, page * EW.PAGE_SIZE, EW.PAGE_SIZE),
    ]).then(function (got) {
      if (mine !== token) return;
      var all = got[0], here = got[1] || got[0], places = got[2], rows = got[3];
      if (page > 0 && !rows.rows.length && rows.total) { state.page = "0"; urls.write(state, false); render(); return; }
      lastPlaces = places;
      timeline.draw(all, sel);
      map.setShade(urls.get(state, "shade"));
      map.setSize(urls.get(state, "size"));
      map.draw(places, here, box);
      summary.render(here, state);
      table.render(rows, sort, page);
      notes(all, here, places, rows);
      if (options.downloads) options.downloads(view);
      $("group-list").hidden = true;
      document.body.setAttribute("data-ready", "true");
    }).catch(function (err) {
      if (mine !== token) return;
      $("event-count").textContent = "Could not load events: " + (err && err.message ? err.message : String(err));
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var f = EW.readFilter(form);
    var next = { sort: state.sort, bin: state.bin, shade: state.shade, size: state.size };
    state = Object.assign(next, f);
    urls.write(state, true);
    render();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { state = {}; urls.write(state, true); toForm(); render(); }, 0);
  });
  form.elements.country.addEventListener("change", function () {
    EW.fillSelect(form.elements.admin1, provinceOptions(EW.readFilter(form).country || []));
  });
  $("t-bin").addEventListener("change", function () { change({ bin: $("t-bin").value }, false, true); });
  $("t-clear").addEventListener("click", function () { change({ sel_from: "", sel_to: "" }, true); });
  $("m-shade").addEventListener("change", function () { state.shade = $("m-shade").value; urls.write(state, false); map.setShade(state.shade); });
  $("m-size").addEventListener("change", function () { state.size = $("m-size").value; urls.write(state, false); map.setSize(state.size); });
  window.addEventListener(options.mode === "report" ? "hashchange" : "popstate", function () {
    var next = urls.read();
    if (EW.query(next) === EW.query(urls.clean(state))) return;
    state = next;
    toForm();
    render();
  });

  fillMenus(facets);
  toForm();
  urls.write(state, false);
  return { render: render, state: function () { return state; }, places: function () { return lastPlaces; } };
};

/* The filter menus and the database's totals, from facets {countries, admin1, all_event_types, ...}. */
function fillMenus(facets) {
  var form = document.getElementById("filters");
  EW.fillSelect(form.elements.country, facets.countries.map(function (c) {
    return [c.country, c.country + " (" + EW.num(c.events) + ")"];
  }));
  EW.fillSelect(form.elements.event_type, facets.all_event_types.map(function (t) { return [t, t]; }));
  var totals = document.getElementById("totals");
  totals.textContent = EW.num(facets.events) + " events from " + EW.num(facets.mentions) + " reports in "
    + EW.num(facets.articles) + " articles";
  ["events", "mentions", "articles"].forEach(function (k) { totals.setAttribute("data-" + k, String(facets[k])); });
}
