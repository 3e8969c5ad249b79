/* eventwire web: where a view's numbers come from. EW.Remote asks the server (/api/summary,
   /api/places, /api/events); EW.Local computes the same answers in the browser from the rows
   inlined in the report (it mirrors eventwire.query.summarize and place_groups). Both return
   promises of the same shapes. */
"use strict";
var EW = (window.EW = window.EW || {});

EW.Remote = function () {
  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error(url.split("?")[0] + " answered " + r.status);
      return r.json();
    });
  }
  return {
    getJSON: getJSON,
    summary: function (filter, bin) { return getJSON("/api/summary?" + EW.query(Object.assign({}, filter, { bin: bin || "auto" }))); },
    places: function (filter) { return getJSON("/api/places?" + EW.query(filter)); },
    page: function (filter, sort, offset, limit) {
      return getJSON("/api/events?" + EW.query(Object.assign({}, filter, { sort: sort, offset: String(offset), limit: String(limit) })))
        .then(function (p) { return { total: p.total, rows: p.events }; });
    },
  };
};

/* Bins: the first day of the week (Monday), month or year holding an ISO day, and the next bin. */
EW.binStart = function (iso, unit) {
  var d = new Date(iso + "T00:00:00Z");
  if (unit === "year") return new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  if (unit === "month") return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86400000);
};
EW.binNext = function (d, unit) {
  if (unit === "year") return new Date(Date.UTC(d.getUTCFullYear() + 1, 0, 1));
  if (unit === "month") return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  return new Date(d.getTime() + 7 * 86400000);
};
EW.isoDay = function (d) { return d.toISOString().slice(0, 10); };

/* The finest bin drawing date_min..date_max in at most 160 bins (as eventwire.query.pick_bin). */
EW.pickBin = function (lo, hi) {
  if (!lo || !hi) return "week";
  var days = (new Date(hi) - new Date(lo)) / 86400000 + 1;
  return days / 7 <= 160 ? "week" : days / 30.4 <= 160 ? "month" : "year";
};

EW.Local = function (rows, sentences) {
  function matching(filter) {
    return rows.filter(function (r) { return EW.matches(r, filter, sentences[r.event_id]); });
  }
  function tally(list, keyOf, names) {
    var groups = new Map();
    list.forEach(function (r) {
      keyOf(r).forEach(function (key) {
        if (!key || key.some(function (k) { return k === null || k === undefined; })) return;
        var id = JSON.stringify(key);
        var g = groups.get(id) || { key: key, events: 0, deaths: 0 };
        g.events += 1;
        g.deaths += r.fatalities || 0;
        groups.set(id, g);
      });
    });
    return Array.from(groups.values()).sort(function (a, b) {
      return b.events - a.events || String(a.key).localeCompare(String(b.key));
    }).map(function (g) {
      var out = { events: g.events, deaths: g.deaths };
      names.forEach(function (n, i) { out[n] = g.key[i]; });
      return out;
    });
  }
  function summary(filter, bin) {
    var list = matching(filter);
    var undated = matching(Object.assign({}, filter, { nodates: true })).filter(function (r) { return !r.date_start; }).length;
    var located = list.filter(function (r) { return typeof r.latitude === "number" && typeof r.longitude === "number"; });
    var dated = list.filter(function (r) { return r.date_start; });
    var lo = d3.min(dated, function (r) { return r.date_start; }) || null;
    var hi = d3.max(dated, function (r) { return r.date_end || r.date_start; }) || null;
    var unit = bin && bin !== "auto" ? bin : EW.pickBin(lo, hi);
    var bins = new Map();
    dated.forEach(function (r) {
      var first = EW.binStart(r.date_start, unit), last = EW.binStart(r.date_end || r.date_start, unit);
      var span = [];
      for (var d = first; d <= last; d = EW.binNext(d, unit)) span.push(d);
      span.forEach(function (d) {
        var key = EW.isoDay(d) + "|" + r.event_type;
        var b = bins.get(key) || { start: EW.isoDay(d), event_type: r.event_type, events: 0, spread: 0, deaths: 0 };
        b.events += 1 / span.length;
        if (span.length > 1) b.spread += 1 / span.length;
        b.deaths += (r.fatalities || 0) / span.length;
        bins.set(key, b);
      });
    });
    var actors = tally(list, function (r) {
      return [r.actor1, r.actor2].filter(function (a, i, all) { return a && all.indexOf(a) === i; }).map(function (a) { return [a]; });
    }, ["actor"]).slice(0, 10);
    return Promise.resolve({
      events: list.length, deaths: d3.sum(list, function (r) { return r.fatalities || 0; }),
      located: located.length, undated: undated, date_min: lo, date_max: hi,
      bbox: located.length ? [d3.min(located, function (r) { return r.longitude; }), d3.min(located, function (r) { return r.latitude; }),
        d3.max(located, function (r) { return r.longitude; }), d3.max(located, function (r) { return r.latitude; })] : null,
      by_type: tally(list, function (r) { return [[r.event_type]]; }, ["event_type"]),
      by_country: tally(list, function (r) { return [[r.country, r.country_code || ""]]; }, ["country", "country_code"]),
      by_admin1: tally(list, function (r) { return [[r.country, r.admin1]]; }, ["country", "admin1"]),
      actors: actors, bin: unit,
      timeline: Array.from(bins.values()).sort(function (a, b) { return a.start < b.start ? -1 : a.start > b.start ? 1 : a.event_type < b.event_type ? -1 : 1; }),
    });
  }
  function places(filter) {
    var groups = new Map();
    matching(filter).forEach(function (r) {
      if (typeof r.latitude !== "number" || typeof r.longitude !== "number") return;
      var key = r.latitude + "," + r.longitude;
      var g = groups.get(key) || { latitude: r.latitude, longitude: r.longitude, events: 0, deaths: 0, names: {}, types: {}, row: r };
      g.events += 1;
      g.deaths += r.fatalities || 0;
      g.names[r.location] = (g.names[r.location] || 0) + 1;
      g.types[r.event_type] = (g.types[r.event_type] || 0) + 1;
      groups.set(key, g);
    });
    var most = function (counts) { return Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; })[0]; };
    var list = Array.from(groups.values()).sort(function (a, b) { return b.events - a.events; }).map(function (g) {
      return { latitude: g.latitude, longitude: g.longitude, name: most(g.names), admin1: g.row.admin1, country: g.row.country,
        events: g.events, deaths: g.deaths, event_type: most(g.types) };
    });
    var events = d3.sum(list, function (g) { return g.events; });
    return Promise.resolve({ total: list.length, events: events, shown: list.length, shown_events: events, groups: list });
  }
  var SORT_KEYS = { date: "date_start", fatalities: "fatalities", country: "country", admin1: "admin1", location: "location",
    actor1: "actor1", actor2: "actor2", type: "event_type", sub_event_type: "sub_event_type", mentions: "mention_count" };
  function page(filter, sort, offset, limit) {
    var desc = sort.charAt(0) === "-", key = SORT_KEYS[sort.replace(/^-/, "")] || "date_start";
    var sorted = matching(filter).sort(function (a, b) {
      var x = a[key], y = b[key];
      var xm = x === null || x === undefined || x === "", ym = y === null || y === undefined || y === "";
      if (xm || ym) return xm === ym ? String(a.event_id).localeCompare(String(b.event_id)) : xm ? 1 : -1;
      if (typeof x === "string") { x = x.toLowerCase(); y = String(y).toLowerCase(); }
      var c = x < y ? -1 : x > y ? 1 : 0;
      if (!c && key === "date_start") c = (a.date_end || "") < (b.date_end || "") ? -1 : (a.date_end || "") > (b.date_end || "") ? 1 : 0;
      return (desc ? -c : c) || String(a.event_id).localeCompare(String(b.event_id));
    });
    return Promise.resolve({ total: sorted.length, rows: sorted.slice(offset, offset + limit) });
  }
  return { summary: summary, places: places, page: page };
};
