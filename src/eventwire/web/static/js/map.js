/* eventwire web: the map. Natural Earth country borders (world-atlas) and
   province (admin-1) borders of the countries with events, drawn with d3-geo;
   one circle per event with coordinates, sized by deaths, coloured by type. */
"use strict";
var EW = (window.EW = window.EW || {});

EW.Map = function (container, options) {
  var width = 960, height = 560;
  var onSelect = options.onSelect;
  var svg = d3.select(container).append("svg").attr("viewBox", "0 0 " + width + " " + height)
    .attr("role", "img").attr("aria-label", "map of events");
  var root = svg.append("g");
  var base = root.append("g").attr("class", "base");
  var points = root.append("g").attr("class", "points");
  var projection = d3.geoMercator();
  var path = d3.geoPath(projection);
  var scale = 1;
  var world = options.world ? topojson.feature(options.world, options.world.objects.countries) : null;
  var borders = options.world ? topojson.mesh(options.world, options.world.objects.countries, function (a, b) { return a !== b; }) : null;
  var provinces = (options.admin1 || []).map(function (topo) {
    var key = Object.keys(topo.objects)[0];
    return topojson.feature(topo, topo.objects[key]);
  });

  var zoom = d3.zoom().scaleExtent([1, 64]).on("zoom", function (event) {
    scale = event.transform.k;
    root.attr("transform", event.transform);
    points.selectAll("circle").attr("r", function (d) { return radius(d) / scale; });
  });
  svg.call(zoom);

  var radiusScale = d3.scaleSqrt().domain([0, 100]).range([4, 22]).clamp(true);
  function radius(row) { return radiusScale(row.fatalities || 0); }
  function hasPoint(row) {
    return typeof row.latitude === "number" && typeof row.longitude === "number";
  }

  function drawBase() {
    base.selectAll("*").remove();
    if (world) base.append("path").datum(world).attr("class", "land").attr("d", path);
    provinces.forEach(function (fc) {
      base.append("g").selectAll("path").data(fc.features).join("path").attr("class", "admin1").attr("d", path)
        .append("title").text(function (f) { return f.properties && f.properties.name ? f.properties.name : ""; });
    });
    if (borders) base.append("path").datum(borders).attr("class", "country-border").attr("d", path);
  }

  /* Frame the map on the provinces shown, else on the points, else the world. */
  function fit(rows) {
    var located = (rows || []).filter(hasPoint);
    var target;
    if (provinces.length) {
      target = { type: "FeatureCollection", features: [].concat.apply([], provinces.map(function (fc) { return fc.features; })) };
    } else if (located.length) {
      var lons = located.map(function (r) { return r.longitude; }), lats = located.map(function (r) { return r.latitude; });
      var pad = 2;
      target = { type: "MultiPoint", coordinates: [[d3.min(lons) - pad, d3.min(lats) - pad], [d3.max(lons) + pad, d3.max(lats) + pad]] };
    } else {
      target = { type: "Sphere" };
    }
    if (located.length) {  // make sure every point is inside the frame too
      target = { type: "GeometryCollection", geometries: [target.type === "FeatureCollection"
        ? { type: "MultiPoint", coordinates: d3.geoBounds(target) } : target,
        { type: "MultiPoint", coordinates: located.map(function (r) { return [r.longitude, r.latitude]; }) }] };
    }
    projection.fitExtent([[20, 20], [width - 20, height - 20]], target);
    svg.call(zoom.transform, d3.zoomIdentity);
    drawBase();
  }

  function setRows(rows) {
    var located = rows.filter(hasPoint).sort(function (a, b) { return radius(b) - radius(a); });
    var circles = points.selectAll("circle").data(located, function (d) { return d.event_id; });
    circles.exit().remove();
    var added = circles.enter().append("circle").attr("class", "event-point");
    added.append("title");
    added.on("click", function (event, d) { event.stopPropagation(); onSelect(d); });
    added.merge(circles)
      .attr("data-id", function (d) { return d.event_id; })
      .attr("cx", function (d) { return projection([d.longitude, d.latitude])[0]; })
      .attr("cy", function (d) { return projection([d.longitude, d.latitude])[1]; })
      .attr("r", function (d) { return radius(d) / scale; })
      .attr("fill", function (d) { return EW.color(d.event_type); })
      .order()
      .select("title").text(function (d) {
        return d.event_type + " – " + EW.place(d) + " – " + EW.dateText(d) + " – deaths: " + EW.text(d.fatalities, "unknown");
      });
    return located.length;
  }

  return { fit: fit, setRows: setRows };
};
