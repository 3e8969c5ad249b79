/* eventwire web: the summary panel of the current view: events and deaths by type, by country
   (by province when one country is chosen) and the top actors, from the server's aggregates.
   Each name is a link to the view narrowed to it (options.link(change) gives its href,
   options.onPick(change) applies it). */
"use strict";
var EW = (window.EW = window.EW || {});

EW.Summary = function (container, options) {
  function table(title, kind, rows, nameOf, changeOf) {
    var body = EW.el("tbody", {}, rows.map(function (r) {
      var change = changeOf(r);
      var link = EW.el("a", { href: options.link(change), text: nameOf(r) });
      link.addEventListener("click", function (event) { event.preventDefault(); options.onPick(change); });
      return EW.el("tr", { "data-kind": kind, "data-name": nameOf(r), "data-events": r.events, "data-deaths": r.deaths }, [
        EW.el("td", {}, [link]), EW.el("td", { class: "ew-n", text: EW.num(r.events) }), EW.el("td", { class: "ew-n", text: EW.num(r.deaths) })]);
    }));
    var head = EW.el("tr", {}, [EW.el("th", { text: title }), EW.el("th", { class: "ew-n", text: "events" }), EW.el("th", { class: "ew-n", text: "deaths" })]);
    return EW.el("table", { class: "ew-summary-table", "data-kind": kind }, [EW.el("thead", {}, [head]), body]);
  }

  /* summary: /api/summary of the view; state: the view's state. */
  function render(summary, state) {
    EW.clear(container);
    container.setAttribute("data-events", summary.events);
    container.setAttribute("data-deaths", summary.deaths);
    container.appendChild(EW.el("h2", { text: "This view: " + EW.plural(summary.events, "event") + ", " + EW.plural(summary.deaths, "death") }));
    var countries = state.country || [];
    container.appendChild(table("Event type", "type", summary.by_type, function (r) { return r.event_type; },
      function (r) { return { event_type: [r.event_type] }; }));
    if (countries.length === 1 || state.admin1) {
      container.appendChild(table("Province", "admin1", summary.by_admin1.slice(0, 12), function (r) { return r.admin1 + (countries.length === 1 ? "" : ", " + r.country); },
        function (r) { return { country: [r.country], admin1: r.admin1 }; }));
    } else {
      container.appendChild(table("Country", "country", summary.by_country.slice(0, 12), function (r) { return r.country; },
        function (r) { return { country: [r.country], admin1: "" }; }));
    }
    container.appendChild(table("Actor (top " + summary.actors.length + ")", "actor", summary.actors, function (r) { return r.actor; },
      function (r) { return { actor: r.actor }; }));
    var shown = countries.length === 1 || state.admin1 ? summary.by_admin1 : summary.by_country;
    if (shown.length > 12) {
      container.appendChild(EW.el("p", { class: "ew-hint", text: "the 12 with most events of " + EW.num(shown.length) + "; the map's shading shows them all" }));
    }
  }
  return { render: render };
};
