/* eventwire web: the timeline. Events per day, stacked by type, with a brush
   that selects a window of days (onBrush({from, to}) or onBrush(null)). */
"use strict";
var EW = (window.EW = window.EW || {});

EW.Timeline = function (container, options) {
  var width = 640, height = 150, margin = { top: 6, right: 8, bottom: 22, left: 28 };
  var inner = { w: width - margin.left - margin.right, h: height - margin.top - margin.bottom };
  var svg = d3.select(container).append("svg").attr("viewBox", "0 0 " + width + " " + height)
    .attr("role", "img").attr("aria-label", "events per day");
  var g = svg.append("g").attr("transform", "translate(" + margin.left + "," + margin.top + ")");
  var bars = g.append("g").attr("class", "bars");
  var xAxis = g.append("g").attr("class", "axis").attr("transform", "translate(0," + inner.h + ")");
  var yAxis = g.append("g").attr("class", "axis");
  var brushLayer = g.append("g").attr("class", "brush");
  var x = d3.scaleUtc().range([0, inner.w]);
  var y = d3.scaleLinear().range([inner.h, 0]);
  var day = d3.utcDay;
  var iso = d3.utcFormat("%Y-%m-%d");
  var parse = d3.utcParse("%Y-%m-%d");
  var quiet = false;

  var brush = d3.brushX().extent([[0, 0], [inner.w, inner.h]]).on("end", function (event) {
    if (quiet) return;
    if (!event.selection) { options.onBrush(null); return; }
    var a = day.floor(x.invert(event.selection[0]));
    var b = day.offset(day.ceil(x.invert(event.selection[1])), -1);
    if (b < a) b = a;
    options.onBrush({ from: iso(a), to: iso(b) });
  });
  brushLayer.call(brush);

  function setRows(rows) {
    var dated = rows.filter(function (r) { return r.date_start; });
    var counts = d3.rollup(dated, function (v) { return v.length; },
      function (r) { return r.date_start; }, function (r) { return r.event_type; });
    var days = Array.from(counts.keys()).map(parse).sort(d3.ascending);
    var lo = days.length ? days[0] : day.floor(new Date()), hi = days.length ? days[days.length - 1] : lo;
    x.domain([lo, day.offset(hi, 1)]);
    var stacks = [];
    counts.forEach(function (byType, key) {
      var y0 = 0;
      EW.TYPES.concat(Array.from(byType.keys()).filter(function (t) { return EW.TYPES.indexOf(t) < 0; }))
        .forEach(function (type) {
          var n = byType.get(type) || 0;
          if (n) { stacks.push({ day: parse(key), type: type, y0: y0, y1: y0 + n }); y0 += n; }
        });
    });
    y.domain([0, Math.max(1, d3.max(stacks, function (s) { return s.y1; }) || 1)]).nice();
    var barWidth = Math.max(1.5, x(day.offset(lo, 1)) - x(lo) - 1);
    bars.selectAll("rect").data(stacks).join("rect")
      .attr("x", function (s) { return x(s.day); }).attr("width", barWidth)
      .attr("y", function (s) { return y(s.y1); }).attr("height", function (s) { return y(s.y0) - y(s.y1); })
      .attr("fill", function (s) { return EW.color(s.type); })
      .attr("data-day", function (s) { return iso(s.day); });
    xAxis.call(d3.axisBottom(x).ticks(6));
    yAxis.call(d3.axisLeft(y).ticks(3).tickFormat(d3.format("d")));
    quiet = true;
    brushLayer.call(brush.move, null);
    quiet = false;
    return dated.length;
  }

  return { setRows: setRows };
};
