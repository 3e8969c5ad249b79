/* eventwire report: the main page over the data inlined in the file (no server, no network). */
"use strict";
(function () {
  var data = JSON.parse(document.getElementById("ew-data").textContent);
  var detailEl = document.getElementById("detail");
  document.getElementById("downloads").hidden = true;
  var provinces = EW.fillMenus(data.facets);
  var sentences = {};
  Object.keys(data.details).forEach(function (id) {
    sentences[id] = data.details[id].mentions.map(function (m) { return m.sentence; });
  });
  function open(id) {
    var detail = Object.prototype.hasOwnProperty.call(data.details, id) ? data.details[id] : null;
    if (!detail) { detailEl.hidden = true; return; }
    EW.renderEvent(detailEl, detail);
    var close = EW.el("button", { type: "button", class: "ew-close", text: "close" });
    close.addEventListener("click", function () { history.replaceState(null, "", "#"); detailEl.hidden = true; });
    detailEl.insertBefore(close, detailEl.firstChild);
    detailEl.hidden = false;
    detailEl.scrollIntoView();
  }
  function select(row) {
    history.replaceState(null, "", "#event=" + encodeURIComponent(row.event_id));
    open(row.event_id);
  }
  var dash = EW.Dashboard({
    world: data.world, admin1: data.admin1, provinces: provinces,
    load: function (filter) {
      var rows = data.rows.filter(function (r) { return EW.matches(r, filter, sentences[r.event_id]); });
      return { rows: rows, total: rows.length };
    },
    href: function (row) { return "#event=" + encodeURIComponent(row.event_id); },
    select: select, tableSelect: select,
  });
  dash.reload();
  var hash = window.location.hash.match(/^#event=(.+)$/);
  if (hash) open(decodeURIComponent(hash[1]));
  document.title = data.title;
})();
