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

/* Filter values from the form: {country, admin1, event_type, actor, date_from, date_to, q}. */
EW.readFilter = function (form) {
  var out = {};
  ["country", "admin1", "event_type", "actor", "date_from", "date_to", "q"].forEach(function (name) {
    var field = form.elements[name];
    var value = field ? field.value.trim() : "";
    if (value) out[name] = value.slice(0, 200);
  });
  return out;
};

EW.query = function (filter) {
  var params = new URLSearchParams();
  Object.keys(filter).forEach(function (k) { if (filter[k]) params.set(k, filter[k]); });
  return params.toString();
};

/* The same filter in the browser (the report has no server): mirrors eventwire.query. */
EW.matches = function (row, filter, sentences) {
  var low = function (s) { return String(s || "").toLowerCase(); };
  if (filter.country && low(row.country) !== low(filter.country) && low(row.country_code) !== low(filter.country)) return false;
  if (filter.admin1 && low(row.admin1) !== low(filter.admin1)) return false;
  if (filter.event_type && row.event_type !== filter.event_type) return false;
  if (filter.actor && low(row.actor1).indexOf(low(filter.actor)) < 0 && low(row.actor2).indexOf(low(filter.actor)) < 0) return false;
  if ((filter.date_from || filter.date_to) && !row.date_start) return false;
  if (filter.date_from && (row.date_end || row.date_start) < filter.date_from) return false;
  if (filter.date_to && row.date_start > filter.date_to) return false;
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

EW.legend = function (container) {
  EW.clear(container);
  EW.TYPES.forEach(function (type) {
    var swatch = EW.el("span", { class: "ew-swatch" });
    swatch.style.background = EW.color(type);
    container.appendChild(EW.el("span", {}, [swatch, type]));
  });
  container.appendChild(EW.el("span", { class: "ew-hint", text: "circle size: deaths" }));
};

/* Fill a <select> with options (value, label); keeps the current value when still present. */
EW.fillSelect = function (select, options) {
  var keep = select.value;
  while (select.options.length > 1) select.remove(1);
  options.forEach(function (o) { select.appendChild(EW.el("option", { value: o[0], text: o[1] })); });
  select.value = options.some(function (o) { return o[0] === keep; }) ? keep : "";
};
