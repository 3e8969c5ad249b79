/* eventwire web: one event in full. Its fields, where its sources disagree,
   and each report: the article's metadata, a link to it (http(s) only) and its
   cleaned text with the reporting sentence highlighted by character offsets. */
"use strict";
var EW = (window.EW = window.EW || {});

EW.highlighted = function (mention) {
  var article = mention.article || {};
  var text = article.text;
  var offset = article.text_offset || 0;
  var start = mention.start - offset, end = mention.end - offset;
  var box = EW.el("div", { class: "ew-article-text" });
  if (typeof text !== "string" || !(start >= 0 && end > start && end <= text.length)) {
    box.appendChild(EW.el("mark", { class: "ew-hl", text: mention.sentence }));
    box.appendChild(EW.el("p", { class: "ew-hint", text: "(the article's text is not available here)" }));
    return box;
  }
  if (offset > 0) box.appendChild(document.createTextNode("… "));
  box.appendChild(document.createTextNode(text.slice(0, start)));
  box.appendChild(EW.el("mark", { class: "ew-hl", text: text.slice(start, end) }));
  box.appendChild(document.createTextNode(text.slice(end)));
  if (typeof article.text_length === "number" && offset + text.length < article.text_length) {
    box.appendChild(document.createTextNode(" …"));
  }
  return box;
};

/* options: {world, admin1} for the small map (optional). */
EW.renderEvent = function (container, detail, options) {
  var report = EW.renderReport;
  var e = detail.event;
  EW.clear(container);
  container.appendChild(EW.el("h2", { class: "ew-event-title", text: e.event_type + ": " + e.sub_event_type }));
  container.appendChild(EW.el("p", { class: "ew-hint", text: "event " + e.event_id }));
  var fields = [
    ["Date", EW.dateText(e) + (e.date_precision ? " (" + e.date_precision + ")" : "")],
    ["Actor 1", EW.text(e.actor1)], ["Actor 2", EW.text(e.actor2)],
    ["Location", EW.text(e.location)], ["Province", EW.text(e.admin1)], ["Country", EW.text(e.country)],
    ["Coordinates", typeof e.latitude === "number" ? e.latitude.toFixed(4) + ", " + e.longitude.toFixed(4) : "–"],
    ["Geo precision", EW.text(e.geo_precision)], ["Deaths", EW.text(e.fatalities, "unknown")],
    ["Reports", String(detail.mentions.length)], ["Sources", (e.sources || []).join("; ") || "–"],
  ];
  var dl = EW.el("dl", { class: "ew-fields" });
  fields.forEach(function (f) { dl.appendChild(EW.el("dt", { text: f[0] })); dl.appendChild(EW.el("dd", { text: f[1] })); });
  container.appendChild(dl);

  var outletOf = {};
  detail.mentions.forEach(function (m) {
    outletOf[m.article_id] = (m.article && m.article.source) || m.source || "unknown outlet";
  });
  if (options && options.world && typeof e.latitude === "number") {
    var box = EW.el("div", { id: "event-map", class: "ew-event-map" });
    container.appendChild(box);
    var admin1 = {};
    if (options.admin1 && e.country_code && options.admin1[String(e.country_code).toUpperCase()]) {
      admin1[String(e.country_code).toUpperCase()] = options.admin1[String(e.country_code).toUpperCase()];
    }
    EW.Map(box, { world: options.world, admin1: admin1, still: true, width: 480, height: 300 }).draw(
      { groups: [{ latitude: e.latitude, longitude: e.longitude, name: e.location, admin1: e.admin1, country: e.country,
        events: 1, deaths: e.fatalities || 0, event_type: e.event_type }] },
      { bbox: [e.longitude, e.latitude, e.longitude, e.latitude], by_admin1: [] }, null);
  }

  container.appendChild(EW.el("h3", { text: "Where the sources disagree" }));
  var disagreements = e.disagreements || [];
  if (!disagreements.length) {
    container.appendChild(EW.el("p", { class: "ew-hint", text: "The reports agree (or there is one report)." }));
  } else {
    var rows = [];
    disagreements.forEach(function (d) {
      if (!d || !Array.isArray(d.values)) return;
      d.values.forEach(function (v, i) {
        var counts = {};
        (v.articles || []).forEach(function (a) { var o = outletOf[a] || a; counts[o] = (counts[o] || 0) + 1; });
        var who = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || a.localeCompare(b); })
          .map(function (o) { return o + (counts[o] > 1 ? " (" + counts[o] + " reports)" : ""); }).join("; ");
        rows.push(EW.el("tr", {}, [EW.el("td", { text: i ? "" : String(d.field) }), EW.el("td", { text: EW.text(v.value, "none") }),
          EW.el("td", { text: who || "–" })]));
      });
    });
    container.appendChild(EW.el("table", { class: "ew-disagreements" }, [
      EW.el("thead", {}, [EW.el("tr", {}, [EW.el("th", { text: "field" }), EW.el("th", { text: "value" }), EW.el("th", { text: "outlets" })])]),
      EW.el("tbody", {}, rows)]));
  }

  /* Reports grouped by outlet, the outlets with most reports first; the first three outlets
     open, and in each the first two reports shown, the rest behind "more". */
  container.appendChild(EW.el("h3", { text: "Reports (" + detail.mentions.length + ", from " + Object.keys(
    detail.mentions.reduce(function (acc, m) { acc[outletOf[m.article_id]] = 1; return acc; }, {})).length + " outlets)" }));
  var byOutlet = new Map();
  detail.mentions.forEach(function (m) {
    var o = outletOf[m.article_id];
    if (!byOutlet.has(o)) byOutlet.set(o, []);
    byOutlet.get(o).push(m);
  });
  var n = 0;
  Array.from(byOutlet.keys()).sort(function (a, b) { return byOutlet.get(b).length - byOutlet.get(a).length || a.localeCompare(b); })
    .forEach(function (outlet, k) {
      var list = byOutlet.get(outlet);
      var group = EW.el("details", { class: "ew-outlet", "data-outlet": outlet, "data-reports": list.length });
      group.open = k < 3;
      group.appendChild(EW.el("summary", { text: outlet + " · " + list.length + " report" + (list.length === 1 ? "" : "s") }));
      var more = null;
      list.forEach(function (m, i) {
        n += 1;
        var section = report(m, n);
        if (i < 2) { group.appendChild(section); return; }
        if (!more) {
          more = EW.el("details", { class: "ew-more" }, [EW.el("summary", { text: (list.length - 2) + " more from " + outlet })]);
          group.appendChild(more);
        }
        more.appendChild(section);
      });
      container.appendChild(group);
    });
};

EW.renderReport = function (m, n) {
  var a = m.article || {};
  var section = EW.el("section", { class: "ew-mention", "data-mention": m.mention_id });
  section.appendChild(EW.el("h4", { class: "ew-article-title", text: n + ". " + EW.text(a.title, m.file) }));
  var meta = [EW.text(a.source || m.source, "unknown source"), "published " + EW.text(a.published || m.published, "unknown")];
  section.appendChild(EW.el("p", { class: "ew-hint", text: meta.join(" · ") }));
  var url = EW.safeUrl(a.url);
  if (url) {
    section.appendChild(EW.el("p", {}, [EW.el("a", { class: "ew-article-link", href: url, target: "_blank",
      rel: "noopener noreferrer nofollow", text: url })]));
  } else if (a.url_text) {
    section.appendChild(EW.el("p", { class: "ew-hint", text: "address (not a web link): " + a.url_text }));
  }
  section.appendChild(EW.el("blockquote", { class: "ew-sentence", text: m.sentence }));
  section.appendChild(EW.el("p", { class: "ew-hint", text: m.event_type + ": " + m.sub_event_type
    + (m.trigger ? " · trigger “" + m.trigger + "”" : "") + " · deaths " + EW.text(m.fatalities, "not given") }));
  section.appendChild(EW.highlighted(m));
  if (m.trail) section.appendChild(EW.trail(m.trail));
  return section;
};

/* How the report was coded (stored when its article was coded): the type's score and each
   argument with the phrase and the rule that gave it. */
EW.trail = function (trail) {
  var box = EW.el("details", { class: "ew-trail" });
  var score = trail.score === null || trail.score === undefined ? "not scored" : Number(trail.score).toFixed(2);
  box.appendChild(EW.el("summary", { text: "Why coded so · type score " + score
    + (trail.rule_type ? " · rules said " + trail.rule_type : "") }));
  var list = EW.el("ul", { class: "ew-trail-args" });
  (trail.arguments || []).forEach(function (a) {
    var value = a.value === null || a.value === undefined ? "–" : String(a.value);
    list.appendChild(EW.el("li", { "data-argument": a.argument, text: a.argument + ": " + value
      + (a.phrase ? " from “" + a.phrase + "”" : "") + " [" + a.rule + "]" }));
  });
  box.appendChild(list);
  return box;
};
