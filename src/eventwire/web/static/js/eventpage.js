/* eventwire web app: one event's page, over /api/events/{id}; and the page of an unknown id.
   Both link back to the last view of the results (kept by the main page in sessionStorage). */
"use strict";
(function () {
  var back = "/";
  try {
    var kept = sessionStorage.getItem("ew-view");
    if (kept && kept.charAt(0) === "/" && kept.charAt(1) !== "/") back = kept;
  } catch (e) { /* storage off */ }
  var container = document.getElementById("event");
  if (!container) {  // the 404 page
    document.getElementById("back-to-results").setAttribute("href", back);
    document.body.setAttribute("data-ready", "true");
    return;
  }
  var link = EW.el("a", { id: "back-to-results", href: back, text: "← back to the results" });
  container.parentNode.insertBefore(EW.el("p", { class: "ew-back" }, [link]), container);
  var id = decodeURIComponent(window.location.pathname.split("/").pop());
  var getJSON = function (url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error("the server answered " + r.status);
      return r.json();
    });
  };
  getJSON("/api/events/" + encodeURIComponent(id))
    .then(function (detail) {
      var code = detail.event.country_code ? String(detail.event.country_code).toUpperCase() : "";
      var file = detail.boundaries && detail.boundaries[code];
      return Promise.all([getJSON("/static/vendor/countries-50m.json"), file ? getJSON("/static/" + file) : null])
        .catch(function () { return [null, null]; })
        .then(function (maps) {
          var admin1 = {};
          if (maps[1]) admin1[code] = maps[1];
          EW.renderEvent(container, detail, { world: maps[0], admin1: admin1 });
          document.title = "eventwire: " + detail.event.event_type + ", " + EW.place(detail.event);
          document.body.setAttribute("data-ready", "true");
        });
    })
    .catch(function (err) {
      EW.clear(container).appendChild(EW.el("p", { text: "Could not load the event: " + err.message }));
    });
})();
