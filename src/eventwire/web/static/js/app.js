/* eventwire web app: the main page, over the JSON API (the view in the query string). */
"use strict";
(function () {
  var remote = EW.Remote();
  remote.getJSON("/api/facets").then(function (facets) {
    var codes = Object.keys(facets.boundaries);
    return Promise.all([remote.getJSON("/static/vendor/countries-50m.json")].concat(codes.map(function (c) {
      return remote.getJSON("/static/" + facets.boundaries[c]);
    }))).then(function (maps) {
      var admin1 = {};
      codes.forEach(function (c, i) { admin1[c] = maps[i + 1]; });
      var open = function (row) { window.location.assign("/events/" + encodeURIComponent(row.event_id)); };
      var dash = EW.Dashboard({
        mode: "server", source: remote, facets: facets, world: maps[0], admin1: admin1,
        href: function (row) { return "/events/" + encodeURIComponent(row.event_id); },
        select: open,
        downloads: function (filter) {
          ["csv", "geojson", "jsonl"].forEach(function (fmt) {
            document.getElementById("download-" + fmt).setAttribute("href", "/api/export/" + fmt + "?" + EW.query(filter));
          });
        },
      });
      return dash.render();
    });
  }).catch(function (err) {
    document.getElementById("event-count").textContent = "Could not load: " + err.message;
  });
})();
