/* eventwire web: the timeline. Events per week, month or year (the server's bins), stacked by
   type; an event dated only to a month or a year counts a share in each bin of its span
   (drawn paler); a line gives the deaths (right axis). A brush selects whole bins:
   onBrush({from, to}) or onBrush(null). */
"use strict";
var EW = (window.EW = window.EW || {});

EW.Timeline = function (container, options) {
  var width = 640, height = 170, margin = { top: 8, right: 40, bottom: 22, left: 34 };
  var inner = { w: width - margin.left - margin.right, h: height - margin.top - margin.bottom };
  var svg = d3.select(container).append("svg").attr("viewBox", "0 0 " + width + " " + height)
    .attr("role", "img").attr("aria-label", "events over time");
  var g = svg.append("g").attr("transform", "translate(" + margin.left + "," + margin.top + ")");
  var bars = g.append("g").attr("class", "bars");
  var line = g.append("path").attr("class", "ew-deaths-line");
  var xAxis = g.append("g").attr("class", "axis").attr("transform", "translate(0," + inner.h + ")");
  var yAxis = g.append("g").attr("class", "axis");
  var dAxis = g.append("g").attr("class", "axis ew-deaths-axis").attr("transform", "translate(" + inner.w + ",0)");
  var brushLayer = g.append("g").attr("class", "brush");
  var x = d3.scaleUtc().range([0, inner.w]);
  var y = d3.scaleLinear().range([inner.h, 0]);
  var yd = d3.scaleLinear().range([inner.h, 0]);
  var unit = "week", starts = [], quiet = false;

  var brush = d3.brushX().extent([[0, 0], [inner.w, inner.h]]).on("end", function (event) {
    if (quiet || !event.sourceEvent) return;
    if (!event.selection || !starts.length) { options.onBrush(null); return; }
    var a = x.invert(event.selection[0]), b = x.invert(event.selection[1]);
    // whole bins: from the start of the bin under the left edge to the end of the one under the right
    var first = starts.filter(function (s) { return s <= a; }).pop() || starts[0];
    var last = starts.filter(function (s) { return s < b; }).pop() || first;
    var to = new Date(EW.binNext(last, unit).getTime() - 86400000);
    options.onBrush({ from: EW.isoDay(first), to: EW.isoDay(to) });
  });
  brushLayer.call(brush);

  /* summary: an /api/summary answer; sel: {from, to} or null. */
  function draw(summary, sel) {
    unit = summary.bin;
    var byStart = new Map();
    summary.timeline.forEach(function (b) {
      var slot = byStart.get(b.start) || { start: new Date(b.start + "T00:00:00Z"), types: {}, deaths: 0 };
      slot.types[b.event_type] = { events: b.events, spread: b.spread };
      slot.deaths += b.deaths;
      byStart.set(b.start, slot);
    });
    var slots = Array.from(byStart.values()).sort(function (a, b) { return a.start - b.start; });
    starts = slots.map(function (s) { return s.start; });
    var lo = starts.length ? starts[0] : EW.binStart(EW.isoDay(new Date()), unit);
    var hi = starts.length ? EW.binNext(starts[starts.length - 1], unit) : EW.binNext(lo, unit);
    x.domain([lo, hi]);
    var rects = [];
    slots.forEach(function (s) {
      var y0 = 0, next = EW.binNext(s.start, unit);
      EW.TYPES.concat(Object.keys(s.types).filter(function (t) { return EW.TYPES.indexOf(t) < 0; })).forEach(function (type) {
        var v = s.types[type];
        if (!v) return;
        var exact = v.events - v.spread;
        if (exact > 1e-9) { rects.push({ s: s, next: next, type: type, y0: y0, y1: y0 + exact, spread: false }); y0 += exact; }
        if (v.spread > 1e-9) { rects.push({ s: s, next: next, type: type, y0: y0, y1: y0 + v.spread, spread: true }); y0 += v.spread; }
      });
      s.total = y0;
    });
    y.domain([0, Math.max(1, d3.max(slots, function (s) { return s.total; }) || 1)]).nice();
    yd.domain([0, Math.max(1, d3.max(slots, function (s) { return s.deaths; }) || 1)]).nice();
    bars.selectAll("rect").data(rects).join("rect")
      .attr("x", function (r) { return x(r.s.start); })
      .attr("width", function (r) { return Math.max(0.8, x(r.next) - x(r.s.start) - (inner.w / slots.length > 4 ? 1 : 0)); })
      .attr("y", function (r) { return y(r.y1); }).attr("height", function (r) { return Math.max(0, y(r.y0) - y(r.y1)); })
      .attr("fill", function (r) { return EW.color(r.type); })
      .attr("fill-opacity", function (r) { return r.spread ? 0.4 : 0.9; })
      .attr("data-start", function (r) { return EW.isoDay(r.s.start); });
    line.datum(slots).attr("d", d3.line()
      .x(function (s) { return (x(s.start) + x(EW.binNext(s.start, unit))) / 2; })
      .y(function (s) { return yd(s.deaths); })(slots) || null);
    xAxis.call(d3.axisBottom(x).ticks(7));
    yAxis.call(d3.axisLeft(y).ticks(4).tickFormat(d3.format("~s")));
    dAxis.call(d3.axisRight(yd).ticks(4).tickFormat(d3.format("~s")));
    quiet = true;
    if (sel && starts.length) {
      var a = Math.max(0, x(new Date(sel.from + "T00:00:00Z"))), b = Math.min(inner.w, x(new Date(sel.to + "T00:00:00Z").getTime() + 86400000));
      brushLayer.call(brush.move, b > a ? [a, b] : null);
    } else {
      brushLayer.call(brush.move, null);
    }
    quiet = false;
    svg.attr("data-bin", unit).attr("data-bins", slots.length);
    return slots.length;
  }

  return { draw: draw };
};
