/* eventwire web: shared helpers. Everything from the data is put into the page
   as text (textContent, setAttribute of our own attribute names); nothing from
   the data is ever parsed as HTML. */
"use strict";
var EW = (window.EW = window.EW || {});

EW.TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
  "Strategic developments"];
EW.COLORS = {
  "Battles": "#d62728", "Explosions/Remote violence": "#ff7f0e", "Violence against civilians": "#9467bd",
  "Protests": "#2ca02c", "Riots": "#8c564b", "Strategic developments": "#1f77b4",
};
EW.color = function (type) { return EW.COLORS[type] || "#7f7f7f"; };

/* A new element: attrs maps our attribute names to values ("text" sets textContent);
   children are nodes or strings (strings become text nodes). */
EW.el = function (tag, attrs, children) {
  var node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (key) {
    var value = attrs[key];
    if (value === null || value === undefined || value === false) return;
    if (key === "text") node.textContent = String(value);
    else if (key === "class") node.className = String(value);
    else node.setAttribute(key, String(value));
  });
  (children || []).forEach(function (child) {
    if (child === null || child === undefined) return;
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  });
  return node;
};

EW.clear = function (node) { while (node.firstChild) node.removeChild(node.firstChild); return node; };

/* The URL when it is an absolute http(s) URL, else null (javascript:, data: ... never become links). */
EW.safeUrl = function (url) {
  if (typeof url !== "string" || !url) return null;
  try {
    var parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch (e) {
    return null;
  }
};

EW.text = function (value, fallback) {
  return value === null || value === undefined || value === "" ? (fallback || "–") : String(value);
};

EW.dateText = function (row) {
  if (!row.date_start) return "unknown";
  return row.date_end && row.date_end !== row.date_start ? row.date_start + " – " + row.date_end : row.date_start;
};

EW.place = function (row) {
  return [row.location, row.admin1, row.country].filter(function (x, i, all) {
    return x && all.indexOf(x) === i;
  }).join(", ") || "unknown place";
};

EW.FILTER_KEYS = ["country", "admin1", "event_type", "actor", "date_from", "date_to", "q", "bbox"];
EW.MULTI = { country: true, event_type: true };

/* Filter values from the form: {country: [..], event_type: [..], admin1, actor, date_from, date_to, q}. */
EW.readFilter = function (form) {
  var out = {};
  ["country", "admin1", "event_type", "actor", "date_from", "date_to", "q"].forEach(function (name) {
    var field = form.elements[name];
    if (!field) return;
    if (EW.MULTI[name]) {
      var chosen = Array.prototype.filter.call(field.options, function (o) { return o.selected && o.value; })
        .map(function (o) { return o.value.slice(0, 200); });
      if (chosen.length) out[name] = chosen;
      return;
    }
    var value = field.value.trim();
    if (value) out[name] = value.slice(0, 200);
  });
  return out;
};

/* A query string from {key: value or [values]} (arrays repeat the key; empty values are left out). */
EW.query = function (filter) {
  var params = new URLSearchParams();
  Object.keys(filter).forEach(function (k) {
    var v = filter[k];
    if (Array.isArray(v)) v.forEach(function (x) { if (x !== "" && x !== null && x !== undefined) params.append(k, x); });
    else if (v !== "" && v !== null && v !== undefined) params.set(k, v);
  });
  return params.toString();
};

EW.num = function (n) { return (Math.round(n) || 0).toLocaleString("en-US"); };
EW.plural = function (n, word) { return EW.num(n) + " " + word + (Math.round(n) === 1 ? "" : "s"); };

/* The same filter in the browser (the report has no server): mirrors eventwire.query. */
EW.matches = function (row, filter, sentences) {
  var low = function (s) { return String(s || "").toLowerCase(); };
  var countries = (filter.country || []).map(low);
  if (countries.length && countries.indexOf(low(row.country)) < 0 && countries.indexOf(low(row.country_code)) < 0) return false;
  if (filter.admin1 && low(row.admin1) !== low(filter.admin1)) return false;
  if (filter.event_type && filter.event_type.length && filter.event_type.indexOf(row.event_type) < 0) return false;
  if (filter.actor && low(row.actor1).indexOf(low(filter.actor)) < 0 && low(row.actor2).indexOf(low(filter.actor)) < 0) return false;
  if (filter.bbox) {
    var b = filter.bbox.split(",").map(Number);
    if (typeof row.latitude !== "number" || typeof row.longitude !== "number") return false;
    if (row.longitude < b[0] || row.longitude > b[2] || row.latitude < b[1] || row.latitude > b[3]) return false;
  }
  if (!filter.nodates) {
    if ((filter.date_from || filter.date_to) && !row.date_start) return false;
    if (filter.date_from && (row.date_end || row.date_start) < filter.date_from) return false;
    if (filter.date_to && row.date_start > filter.date_to) return false;
  }
  if (filter.q) {
    var needle = low(filter.q);
    var hay = [row.location, row.admin1, row.country, row.actor1, row.actor2, row.event_type, row.sub_event_type]
      .concat(sentences || []);
    if (!hay.some(function (s) { return low(s).indexOf(needle) >= 0; })) return false;
  }
  return true;
};

/* Rows whose dates overlap a brushed window {from, to} (ISO days, inclusive), as eventwire.query does. */
EW.inWindow = function (row, win) {
  if (!win) return true;
  return !!row.date_start && (row.date_end || row.date_start) >= win.from && row.date_start <= win.to;
};

/* Fill a <select> with options (value, label); keeps the current value when still present. */
EW.fillSelect = function (select, options) {
  var keep = Array.prototype.filter.call(select.options, function (o) { return o.selected && o.value; })
    .map(function (o) { return o.value; });
  var first = select.multiple ? 0 : 1;
  while (select.options.length > first) select.remove(first);
  options.forEach(function (o) {
    var option = EW.el("option", { value: o[0], text: o[1] });
    option.selected = keep.indexOf(o[0]) >= 0;
    select.appendChild(option);
  });
  if (!select.multiple && keep.length && !options.some(function (o) { return o[0] === keep[0]; })) select.value = "";
};

/* Select exactly these values of a <select> (one value, or several in a multiple one). */
EW.setSelect = function (select, values) {
  var want = Array.isArray(values) ? values : values ? [values] : [];
  Array.prototype.forEach.call(select.options, function (o) { o.selected = want.indexOf(o.value) >= 0; });
  if (!select.multiple && !want.length) select.value = "";
};
