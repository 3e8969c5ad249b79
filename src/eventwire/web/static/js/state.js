/* eventwire web: the view is its URL. Filters (country and event_type may repeat), the
   timeline selection (sel_from, sel_to), sort, page, map extent (map=west,south,east,north),
   timeline bin, province shading and point size are written to the query string (the app)
   or to the fragment (the report, a file with no server), and read back on load and on Back. */
"use strict";
var EW = (window.EW = window.EW || {});

EW.STATE_KEYS = ["country", "admin1", "event_type", "actor", "date_from", "date_to", "q",
  "sel_from", "sel_to", "sort", "page", "map", "bin", "shade", "size", "event"];
EW.DEFAULTS = { sort: "-date", page: "0", bin: "auto", shade: "none", size: "events" };

EW.State = function (mode) {
  var inHash = mode === "report";
  var ISO = /^\d{4}-\d{2}-\d{2}$/;

  function clean(state) {
    var out = {};
    EW.STATE_KEYS.forEach(function (k) {
      var v = state[k];
      if (EW.MULTI[k]) {
        v = (Array.isArray(v) ? v : v ? [v] : []).map(String).filter(Boolean).slice(0, 50);
        if (v.length) out[k] = v;
      } else if (v !== undefined && v !== null && v !== "" && String(v) !== EW.DEFAULTS[k]) {
        out[k] = String(v).slice(0, 200);
      }
    });
    ["date_from", "date_to", "sel_from", "sel_to"].forEach(function (k) { if (out[k] && !ISO.test(out[k])) delete out[k]; });
    if (out.sel_from && !out.sel_to) delete out.sel_from;
    if (out.sel_to && !out.sel_from) delete out.sel_to;
    if (out.page && !/^\d{1,6}$/.test(out.page)) delete out.page;
    if (out.map && !EW.parseBox(out.map)) delete out.map;
    return out;
  }

  function read() {
    var text = inHash ? window.location.hash.replace(/^#/, "") : window.location.search.replace(/^\?/, "");
    var params = new URLSearchParams(text);
    var state = {};
    EW.STATE_KEYS.forEach(function (k) {
      var all = params.getAll(k);
      if (all.length) state[k] = EW.MULTI[k] ? all : all[0];
    });
    return clean(state);
  }

  function href(state) {
    var q = EW.query(clean(state));
    if (inHash) return window.location.pathname + window.location.search + (q ? "#" + q : "#");
    return window.location.pathname + (q ? "?" + q : "");
  }

  function write(state, push) {
    var url = href(state);
    var now = window.location.pathname + window.location.search + window.location.hash;
    try { sessionStorage.setItem("ew-view", url); } catch (e) { /* storage off: the back link goes to / */ }
    if (url === now || (inHash && url.replace(/#$/, "") === now)) return;
    if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
  }

  function get(state, k) { return state[k] !== undefined ? state[k] : EW.DEFAULTS[k]; }

  return { read: read, write: write, href: href, clean: clean, get: get };
};

/* "w,s,e,n" -> [w, s, e, n] when it is a valid box, else null. */
EW.parseBox = function (text) {
  var b = String(text || "").split(",").map(Number);
  if (b.length !== 4 || b.some(function (v) { return !isFinite(v); })) return null;
  if (!(b[0] >= -180 && b[0] <= b[2] && b[2] <= 180 && b[1] >= -90 && b[1] <= b[3] && b[3] <= 90)) return null;
  return b;
};

/* The filter the server (or the report's own query) gets for a state: the form's filter,
   with the timeline selection narrowing its dates when `selection` is true. */
EW.filterOf = function (state, selection) {
  var f = {};
  ["country", "admin1", "event_type", "actor", "date_from", "date_to", "q"].forEach(function (k) {
    if (state[k]) f[k] = state[k];
  });
  if (selection && state.sel_from && state.sel_to) {
    f.date_from = f.date_from && f.date_from > state.sel_from ? f.date_from : state.sel_from;
    f.date_to = f.date_to && f.date_to < state.sel_to ? f.date_to : state.sel_to;
    if (f.date_from > f.date_to) f.date_to = f.date_from;
  }
  return f;
};
