/* eventwire web app: the main page, over the JSON API. */
"use strict";
(function () {
  var LIMIT = 10000;
  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error(url.split("?")[0] + " answered " + r.status);
      return r.json();
    });
  }
  getJSON("/api/facets").then(function (facets) {
    var provinces = EW.fillMenus(facets);
    var codes = Object.keys(facets.boundaries);
    return Promise.all([getJSON("/static/vendor/countries-50m.json")].concat(codes.map(function (c) {
      return getJSON("/static/" + facets.boundaries[c]);
    }))).then(function (maps) {
      var dash = EW.Dashboard({
        world: maps[0], admin1: maps.slice(1), provinces: provinces,
        load: function (filter) {
          return getJSON("/api/events?" + EW.query(Object.assign({}, filter, { limit: String(LIMIT) })))
            .then(function (page) { return { rows: page.events, total: page.total }; });
        },
        href: function (row) { return "/events/" + encodeURIComponent(row.event_id); },
        select: function (row) { window.location.assign("/events/" + encodeURIComponent(row.event_id)); },
        downloads: function (filter, win) {
          var f = Object.assign({}, filter);
          if (win) {  // the brushed window, inside the form's dates
            f.date_from = f.date_from && f.date_from > win.from ? f.date_from : win.from;
            f.date_to = f.date_to && f.date_to < win.to ? f.date_to : win.to;
          }
          ["csv", "geojson", "jsonl"].forEach(function (fmt) {
            document.getElementById("download-" + fmt).setAttribute("href", "/api/export/" + fmt + "?" + EW.query(f));
          });
        },
      });
      return dash.reload();
    });
  }).catch(function (err) {
    document.getElementById("event-count").textContent = "Could not load: " + err.message;
  });
})();
