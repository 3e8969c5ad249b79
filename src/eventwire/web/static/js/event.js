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

EW.renderEvent = function (container, detail) {
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

  var titles = {};
  detail.mentions.forEach(function (m) {
    titles[m.article_id] = (m.article && (m.article.title || m.article.source)) || m.article_id;
  });
  container.appendChild(EW.el("h3", { text: "Where the sources disagree" }));
  var disagreements = e.disagreements || [];
  if (!disagreements.length) {
    container.appendChild(EW.el("p", { class: "ew-hint", text: "The reports agree (or there is one report)." }));
  } else {
    container.appendChild(EW.el("ul", { class: "ew-disagreements" }, disagreements.map(function (d) {
      if (!d || !Array.isArray(d.values)) return EW.el("li", { text: JSON.stringify(d) });
      return EW.el("li", {}, [EW.el("strong", { text: String(d.field) + ": " })].concat(d.values.map(function (v, i) {
        var who = (v.articles || []).map(function (a) { return titles[a] || a; }).join("; ");
        return (i ? " vs " : "") + EW.text(v.value, "none") + " (" + who + ")";
      })));
    })));
  }

  container.appendChild(EW.el("h3", { text: "Reports" }));
  detail.mentions.forEach(function (m, i) {
    var a = m.article || {};
    var section = EW.el("section", { class: "ew-mention", "data-mention": m.mention_id });
    section.appendChild(EW.el("h4", { class: "ew-article-title", text: (i + 1) + ". " + EW.text(a.title, m.file) }));
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
    container.appendChild(section);
  });
};
