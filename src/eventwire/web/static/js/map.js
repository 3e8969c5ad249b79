/* eventwire web: the map. Natural Earth country and province (admin-1) boundaries drawn with
   d3-geo. The view's events come as points (one per set of coordinates, with a count); points
   close together at the current zoom are grouped into one circle with its count, sized by
   events or deaths; clicking a group lists its events. Provinces can be shaded by events or
   deaths; the busiest places are labelled; a legend gives the colours and the size scale.
   The map frames what it is given (draw(places, summary, box)) and reports its extent. */
"use strict";
var EW = (window.EW = window.EW || {});

EW.Map = function (container, options) {
  var width = options.width || 960, height = options.height || 560;
  var svg = d3.select(container).append("svg").attr("viewBox", "0 0 " + width + " " + height)
    .attr("role", "img").attr("aria-label", "map of events");
  var root = svg.append("g");
  var base = root.append("g").attr("class", "base");
  var groupsLayer = root.append("g").attr("class", "groups");
  var labelsLayer = root.append("g").attr("class", "labels");
  var projection = d3.geoMercator();
  var path = d3.geoPath(projection);
  var transform = d3.zoomIdentity;
  var places = [], sizeBy = "events", shadeBy = "none", byAdmin1 = [];
  var world = options.world ? topojson.feature(options.world, options.world.objects.countries) : null;
  var borders = options.world ? topojson.mesh(options.world, options.world.objects.countries, function (a, b) { return a !== b; }) : null;
  var provinces = [];
  Object.keys(options.admin1 || {}).forEach(function (code) {
    var topo = options.admin1[code], key = Object.keys(topo.objects)[0];
    topojson.feature(topo, topo.objects[key]).features.forEach(function (f) { f.code = code; provinces.push(f); });
  });
  var sizeScale = d3.scaleSqrt().range([4, 26]).clamp(true);

  var zoom = d3.zoom().scaleExtent([1, 2000]).on("zoom", function (event) {
    transform = event.transform;
    root.attr("transform", transform);
    groupsLayer.selectAll("circle").attr("r", function (d) { return d.r / transform.k; });
    groupsLayer.selectAll("text").attr("font-size", 10 / transform.k).attr("stroke-width", 2 / transform.k);
    labelsLayer.selectAll("text").attr("font-size", 11 / transform.k).attr("stroke-width", 3 / transform.k);
  }).on("end", function (event) {
    if (!event.sourceEvent) return;  // moved by us, not by the reader
    regroup();
    svg.attr("data-extent", extent());
    if (options.onMove) options.onMove(extent());
  });
  if (!options.still) svg.call(zoom);

  function drawBase() {
    base.selectAll("*").remove();
    if (world) base.append("path").datum(world).attr("class", "land").attr("d", path);
    base.append("g").selectAll("path").data(provinces).join("path").attr("class", "admin1").attr("d", path)
      .attr("data-name", function (f) { return f.properties && f.properties.name ? f.properties.name : null; })
      .append("title").text(function (f) { return f.properties && f.properties.name ? f.properties.name : ""; });
    if (borders) base.append("path").datum(borders).attr("class", "country-border").attr("d", path);
  }

  /* The projection is fitted once, to the world, and the base drawn once; framing a box is a
     zoom (so a new view redraws only the points, not thousands of boundary paths). */
  projection.fitExtent([[0, 0], [width, height]], { type: "Sphere" });
  drawBase();

  /* Frame [w, s, e, n] (padded, and at least a few degrees wide), or the world when there is none. */
  function frame(box, exact) {
    var t = d3.zoomIdentity;
    if (box) {
      var w = box[0], s = Math.max(-85, box[1]), e = box[2], n = Math.min(85, box[3]);
      if (!exact) {
        var padX = Math.max((e - w) * 0.08, 1.5), padY = Math.max((n - s) * 0.08, 1.5);
        w = Math.max(-180, w - padX); e = Math.min(180, e + padX); s = Math.max(-80, s - padY); n = Math.min(84, n + padY);
      }
      var a = projection([w, n]), b = projection([e, s]);
      var k = Math.min(width / Math.max(1e-9, b[0] - a[0]), height / Math.max(1e-9, b[1] - a[1]));
      k = Math.max(1, Math.min(k, 2000));
      t = d3.zoomIdentity.translate(width / 2 - k * (a[0] + b[0]) / 2, height / 2 - k * (a[1] + b[1]) / 2).scale(k);
    }
    transform = t;
    root.attr("transform", t);
    if (!options.still) svg.call(zoom.transform, t);
    groupsLayer.selectAll("text").attr("font-size", 10 / t.k).attr("stroke-width", 2 / t.k);
  }

  /* The visible extent "west,south,east,north" (degrees, 3 decimals). */
  function extent() {
    var a = projection.invert(transform.invert([0, 0])), b = projection.invert(transform.invert([width, height]));
    var r = function (v, lo, hi) { return Math.min(hi, Math.max(lo, Math.round(v * 1000) / 1000)); };
    return [r(a[0], -180, 180), r(b[1], -90, 90), r(b[0], -180, 180), r(a[1], -90, 90)].join(",");
  }

  function value(d) { return sizeBy === "deaths" ? d.deaths : d.events; }

  /* Merge the points that fall in one 36-pixel cell at the current zoom. */
  function regroup() {
    var cell = 36 / transform.k, cells = new Map();
    places.forEach(function (p) {
      var xy = projection([p.longitude, p.latitude]);
      if (!xy) return;
      var key = Math.floor(xy[0] / cell) + ":" + Math.floor(xy[1] / cell);
      var g = cells.get(key);
      if (!g) { g = { points: [], events: 0, deaths: 0, x: 0, y: 0, types: {} }; cells.set(key, g); }
      g.points.push(p);
      g.events += p.events;
      g.deaths += p.deaths;
      g.x += xy[0] * p.events;
      g.y += xy[1] * p.events;
      g.types[p.event_type] = (g.types[p.event_type] || 0) + p.events;
    });
    var groups = Array.from(cells.values()).map(function (g) {
      g.x /= g.events; g.y /= g.events;
      g.top = g.points.reduce(function (a, b) { return b.events > a.events ? b : a; });
      g.type = Object.keys(g.types).sort(function (a, b) { return g.types[b] - g.types[a]; })[0];
      g.box = [d3.min(g.points, function (p) { return p.longitude; }), d3.min(g.points, function (p) { return p.latitude; }),
        d3.max(g.points, function (p) { return p.longitude; }), d3.max(g.points, function (p) { return p.latitude; })];
      return g;
    }).sort(function (a, b) { return value(b) - value(a); });
    sizeScale.domain([0, Math.max(1, d3.max(groups, value) || 1)]);
    groups.forEach(function (g) { g.r = sizeScale(value(g)); });
    var sel = groupsLayer.selectAll("g.ew-group").data(groups.slice().reverse()).join(function (enter) {
      var g = enter.append("g").attr("class", "ew-group");
      g.append("circle").attr("class", "event-point");
      g.append("text").attr("class", "ew-count-label").attr("text-anchor", "middle").attr("dy", "0.35em");
      g.append("title");
      return g;
    });
    sel.attr("data-events", function (g) { return g.events; }).attr("data-deaths", function (g) { return g.deaths; })
      .attr("data-box", function (g) { return g.box.join(","); }).attr("data-place", function (g) { return g.top.name || ""; });
    sel.select("circle").attr("cx", function (g) { return g.x; }).attr("cy", function (g) { return g.y; })
      .attr("r", function (g) { return g.r / transform.k; }).attr("fill", function (g) { return EW.color(g.type); });
    sel.select("text").attr("x", function (g) { return g.x; }).attr("y", function (g) { return g.y; })
      .attr("font-size", 10 / transform.k).attr("stroke-width", 2 / transform.k)
      .text(function (g) { return g.events > 1 ? EW.num(g.events) : ""; });
    sel.select("title").text(function (g) {
      var where = g.points.length > 1 ? g.top.name + " and " + (g.points.length - 1) + " places near it" : EW.place({ location: g.top.name, admin1: g.top.admin1, country: g.top.country });
      return where + ": " + EW.plural(g.events, "event") + ", " + EW.plural(g.deaths, "death");
    });
    sel.on("click", function (event, g) { event.stopPropagation(); if (options.onGroup) options.onGroup(g); });
    label(groups);
    legend();
    return groups;
  }

  /* Name the busiest groups (more as one zooms in), skipping labels that would overlap. */
  function label(groups) {
    var k = transform.k, taken = [], chosen = [];
    var most = 10 + Math.round(6 * Math.log2(k));
    groups.slice().sort(function (a, b) { return b.events - a.events; }).forEach(function (g) {
      if (chosen.length >= most || !g.top.name) return;
      var text = g.top.name + (g.points.length > 1 ? " area" : "");
      var box = { x: g.x + (g.r + 2) / k, y: g.y - 7 / k, w: text.length * 6.2 / k, h: 14 / k };
      if (taken.some(function (t) { return box.x < t.x + t.w && t.x < box.x + box.w && box.y < t.y + t.h && t.y < box.y + box.h; })) return;
      taken.push(box);
      chosen.push({ x: box.x, y: g.y, text: text });
    });
    labelsLayer.selectAll("text").data(chosen).join("text").attr("class", "ew-place-label")
      .attr("x", function (d) { return d.x; }).attr("y", function (d) { return d.y; }).attr("dy", "0.35em")
      .attr("font-size", 11 / k).attr("stroke-width", 3 / k).text(function (d) { return d.text; });
  }

  function shade() {
    var counts = new Map();
    byAdmin1.forEach(function (a) {
      var code = (a.country_code || (options.codeOf ? options.codeOf(a.country) : "") || "").toUpperCase();
      counts.set(code + "|" + String(a.admin1).toLowerCase(), shadeBy === "deaths" ? a.deaths : a.events);
    });
    var top = d3.max(Array.from(counts.values())) || 1;
    var color = d3.scaleSequential(d3.interpolateOrRd).domain([0, top]);
    base.selectAll("path.admin1").each(function (f) {
      var name = f.properties && f.properties.name ? String(f.properties.name).toLowerCase() : "";
      var n = counts.get(f.code + "|" + name);
      d3.select(this).style("fill", shadeBy !== "none" && n ? color(n) : null)
        .attr("data-value", shadeBy !== "none" && n ? n : null);
    });
    return { top: top, color: color };
  }

  function legend() {
    var box = options.legend;
    if (!box) return;
    EW.clear(box);
    EW.TYPES.forEach(function (type) {
      var swatch = EW.el("span", { class: "ew-swatch" });
      swatch.style.background = EW.color(type);
      box.appendChild(EW.el("span", {}, [swatch, type]));
    });
    var top = sizeScale.domain()[1], steps = [Math.max(1, Math.round(top / 10)), Math.max(1, Math.round(top / 2)), Math.round(top)]
      .filter(function (v, i, all) { return all.indexOf(v) === i; });
    var key = d3.create("svg").attr("class", "ew-size-key").attr("width", 200).attr("height", 58);
    var x = 4;
    steps.forEach(function (v) {
      var r = sizeScale(v);
      key.append("circle").attr("cx", x + r).attr("cy", 54 - r).attr("r", r);
      key.append("text").attr("x", x + r).attr("y", 52 - 2 * r).attr("text-anchor", "middle").text(EW.num(v));
      x += 2 * r + 14;
    });
    box.appendChild(EW.el("span", { class: "ew-hint", text: "circle size: " + (sizeBy === "deaths" ? "deaths" : "events") + " at a place (or places near each other at this zoom)" }));
    box.appendChild(key.node());
    if (shadeBy !== "none") {
      var s = shade();
      var bar = EW.el("span", { class: "ew-shade-key" });
      [0, 0.25, 0.5, 0.75, 1].forEach(function (t) {
        var cell = EW.el("span", { class: "ew-shade-cell" });
        cell.style.background = s.color(t * s.top);
        bar.appendChild(cell);
      });
      box.appendChild(EW.el("span", { class: "ew-hint" }, ["provinces shaded by " + shadeBy + ": 0 ", bar, " " + EW.num(s.top)]));
    }
  }

  return {
    /* places: /api/places answer; box: [w, s, e, n] to show exactly (from the URL), or null to frame bbox. */
    draw: function (answer, summary, box) {
      places = answer.groups || [];
      byAdmin1 = summary ? summary.by_admin1 : [];
      if (box) frame(box, true); else frame(summary ? summary.bbox : null, false);
      var groups = regroup();
      svg.attr("data-extent", extent()).attr("data-groups", groups.length);
      return groups;
    },
    setShade: function (mode) { shadeBy = mode; shade(); legend(); },
    setSize: function (mode) { sizeBy = mode; if (places.length) regroup(); },
    extent: extent,
  };
};
