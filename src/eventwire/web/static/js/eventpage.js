/* eventwire web app: one event's page, over /api/events/{id}. */
"use strict";
(function () {
  var container = document.getElementById("event");
  var id = decodeURIComponent(window.location.pathname.split("/").pop());
  fetch("/api/events/" + encodeURIComponent(id), { headers: { Accept: "application/json" } })
    .then(function (r) {
      if (!r.ok) throw new Error("the server answered " + r.status);
      return r.json();
    })
    .then(function (detail) {
      EW.renderEvent(container, detail);
      document.title = "eventwire: " + detail.event.event_type + ", " + EW.place(detail.event);
      document.body.setAttribute("data-ready", "true");
    })
    .catch(function (err) {
      EW.clear(container).appendChild(EW.el("p", { text: "Could not load the event: " + err.message }));
    });
})();
