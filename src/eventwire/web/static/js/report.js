/* eventwire report: the main page over the data inlined in the file (no server, no network).
   The view is kept in the fragment (#country=...&event=ID), so a copied link to the file opens it. */
"use strict";
(function () {
  var data = JSON.parse(document.getElementById("ew-data").textContent);
  var detailEl = document.getElementById("detail");
  document.getElementById("downloads").hidden = true;
  var sentences = {};
  Object.keys(data.details).forEach(function (id) {
    sentences[id] = data.details[id].mentions.map(function (m) { return m.sentence; });
  });
  if (data.total > data.rows.length) {
    var cap = document.getElementById("cap-note");
    cap.textContent = "This report holds the latest " + EW.num(data.rows.length) + " of the " + EW.num(data.total)
      + " events in its source; every count, the map and the timeline here are of those " + EW.num(data.rows.length)
      + ". The data files and eventwire serve have them all.";
    cap.setAttribute("data-shown", String(data.rows.length));
    cap.setAttribute("data-total", String(data.total));
    cap.hidden = false;
  }
  var urls = EW.State("report");
  function open(id) {
    var detail = Object.prototype.hasOwnProperty.call(data.details, id) ? data.details[id] : null;
    if (!detail) { detailEl.hidden = true; return; }
    EW.renderEvent(detailEl, detail, { world: data.world, admin1: data.admin1 });
    var close = EW.el("button", { type: "button", class: "ew-close", text: "close" });
    close.addEventListener("click", function () {
      var state = urls.read(); delete state.event; urls.write(state, true); detailEl.hidden = true;
    });
    detailEl.insertBefore(close, detailEl.firstChild);
    detailEl.hidden = false;
    detailEl.scrollIntoView();
  }
  function select(row) {
    var state = urls.read();
    state.event = row.event_id;
    urls.write(state, true);
    open(row.event_id);
  }
  var dash = EW.Dashboard({
    mode: "report", source: EW.Local(data.rows, sentences), facets: data.facets, world: data.world, admin1: data.admin1,
    href: function (row) { return urls.href(Object.assign(urls.read(), { event: row.event_id })); },
    select: select, tableSelect: select,
  });
  dash.render();
  function fromUrl() { var id = urls.read().event; if (id) open(id); else detailEl.hidden = true; }
  window.addEventListener("popstate", fromUrl);
  window.addEventListener("hashchange", fromUrl);
  fromUrl();
  document.title = data.title;
})();
