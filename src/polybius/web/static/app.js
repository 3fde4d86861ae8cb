// polybius web page: events table, timeline, map, actor network and a coding box over the JSON API.
// Plain browser JavaScript, no build step and nothing fetched from outside: the basemap and its
// decoder are vendored into /static/vendor/ at install time.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const FILTER_NAMES = ["date_from", "date_to", "actor", "source", "target", "cameo", "root", "plover", "quad_class", "place", "q"];
const PAGE_SIZE = 50;
const QUAD_CLASSES = [
  { id: 1, label: "verbal cooperation", colour: "#4daf4a" },
  { id: 2, label: "material cooperation", colour: "#377eb8" },
  { id: 3, label: "verbal conflict", colour: "#ff9f1c" },
  { id: 4, label: "material conflict", colour: "#d62728" },
];
const VENDOR = { atlas: "/static/vendor/countries-110m.json", topojson: "/static/vendor/topojson-client.min.js" };

const state = { filters: new URLSearchParams(), cursor: null, world: null, pending: 0 };

// ---------------------------------------------------------------- DOM helpers (text only, never innerHTML with data)

function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  for (const child of children) node.append(child);
  return node;
}

function svgEl(tag, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  if (parent) parent.append(node);
  return node;
}

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, String(value));
  }
}

function svgTitle(parent, text) {
  svgEl("title", { text }, parent);
}

function showMessage(container, text, testid = "panel-message", cls = "message") {
  container.append(el("p", { class: cls, "data-testid": testid, text }));
}

// ---------------------------------------------------------------- API access

/** Turn an error body (FastAPI `detail`: a string or a list of validation errors) into one line. */
function errorText(body, status) {
  const detail = body && body.detail;
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) {
    return detail.map((d) => `${(d.loc || []).slice(-1)[0] || "request"}: ${d.msg}`).join("; ");
  }
  return `HTTP ${status}`;
}

async function fetchJSON(path, params = null, init = {}) {
  const url = params && [...params].length ? `${path}?${params}` : path;
  const response = await fetch(url, init);
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) throw new Error(errorText(body, response.status));
  return body;
}

function withParams(base, extra) {
  const params = new URLSearchParams(base);
  for (const [key, value] of Object.entries(extra)) params.set(key, String(value));
  return params;
}

// ---------------------------------------------------------------- filters

function readFilters(form) {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const value = (form.elements[name].value || "").trim();
    if (value) params.set(name, value);
  }
  return params;
}

function fillFilters(form, params) {
  for (const name of FILTER_NAMES) {
    if (params.has(name)) form.elements[name].value = params.get(name);
  }
}

function showFilterError(message) {
  const box = document.querySelector("[data-testid=filter-error]");
  box.textContent = message || "";
  box.hidden = !message;
}

async function applyFilters(params) {
  state.filters = params;
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
  showFilterError("");
  // `data-loading` on <body> tells people (and the browser tests) that panels are still filling.
  state.pending += 1;
  document.body.dataset.loading = "true";
  try {
    await Promise.all([loadEvents(true), loadTimeline(), loadMap(), loadNetwork()]);
  } finally {
    state.pending -= 1;
    if (state.pending === 0) delete document.body.dataset.loading;
  }
}

// ---------------------------------------------------------------- event rows (shared by the table and the coding box)

function actorCell(actor) {
  if (!actor) return el("td", { class: "none", text: "—" });
  const name = actor.name && actor.name !== actor.code ? actor.name : actor.text || "";
  return el("td", {}, [el("span", { class: "code", text: actor.code || "?" }), el("br"), el("span", { class: "name", text: name })]);
}

function eventCell(event) {
  const quad = QUAD_CLASSES.find((q) => q.id === event.quad_class);
  const swatch = el("span", { class: "swatch", style: `background:${quad ? quad.colour : "#999"}`, title: quad ? quad.label : "" });
  const plover = event.plover ? `${event.plover}${event.plover_mode ? " / " + event.plover_mode : ""}` : "";
  return el("td", {}, [
    swatch,
    el("span", { class: "code", text: event.cameo }),
    " ",
    el("span", { text: event.cameo_name || "" }),
    el("br"),
    el("span", { class: "plover", text: plover }),
  ]);
}

function evidenceCell(event) {
  const trigger = event.trigger ? event.trigger.text : "";
  return el("td", { class: "evidence" }, [el("q", { class: "trigger", text: trigger }), " ", el("span", { text: event.sentence || "" })]);
}

function eventRow(event, testid) {
  return el(
    "tr",
    {
      "data-testid": testid,
      "data-event-id": event.id,
      "data-plover": event.plover || "",
      "data-quad-class": event.quad_class,
      "data-source-code": event.source ? event.source.code : "",
      "data-target-code": event.target ? event.target.code : "",
      "data-source-country": event.source ? event.source.country || "" : "",
      "data-target-country": event.target ? event.target.country || "" : "",
      tabindex: 0,
    },
    [
      el("td", { class: "date", text: event.date || "—" }),
      actorCell(event.source),
      eventCell(event),
      actorCell(event.target),
      el("td", { text: event.location ? event.location.name : "—" }),
      evidenceCell(event),
    ],
  );
}

// ---------------------------------------------------------------- events table

async function loadEvents(reset) {
  const body = document.getElementById("events-body");
  const status = document.getElementById("events-status");
  const more = document.getElementById("load-more");
  if (reset) {
    state.cursor = null;
    body.replaceChildren();
  }
  const extra = { limit: PAGE_SIZE };
  if (state.cursor) extra.cursor = state.cursor;
  status.textContent = "loading…";
  try {
    const page = await fetchJSON("/api/events", withParams(state.filters, extra));
    for (const event of page.events) body.append(eventRow(event, "event-row"));
    state.cursor = page.next_cursor;
    more.hidden = !page.next_cursor;
    const shown = body.querySelectorAll("[data-testid=event-row]").length;
    status.textContent = shown ? `${shown} shown${page.next_cursor ? ", more available" : ""}` : "no events match";
  } catch (error) {
    more.hidden = true;
    status.textContent = "";
    showFilterError(error.message);
  }
}

async function toggleDetail(row) {
  const next = row.nextElementSibling;
  if (next && next.classList.contains("detail")) {
    next.remove();
    row.classList.remove("open");
    return;
  }
  row.classList.add("open");
  const cell = el("td", { colspan: 6, text: "loading…" });
  row.after(el("tr", { class: "detail", "data-testid": "event-detail" }, [cell]));
  const id = row.dataset.eventId;
  try {
    const detail = await fetchJSON(`/api/events/${encodeURIComponent(id)}`);
    cell.replaceChildren(...detailContent(detail));
  } catch (error) {
    cell.replaceChildren(el("p", { class: "error", text: `Could not load event ${id}: ${error.message}` }));
  }
}

function detailContent(detail) {
  const event = detail.event;
  const article = detail.article || {};
  const passage = highlightedPassage(event, article.text || "", detail.spans || {});
  const facts = el("dl", { class: "facts" }, [
    el("dt", { text: "rule" }),
    el("dd", {}, [el("code", { "data-testid": "event-rule", text: event.rule || "—" })]),
    el("dt", { text: "confidence" }),
    el("dd", { text: String(event.confidence) }),
    el("dt", { text: "modality" }),
    el("dd", { text: `${event.modality}${event.negated ? ", negated" : ""}` }),
    el("dt", { text: "Goldstein" }),
    el("dd", { text: String(event.goldstein) }),
    el("dt", { text: "date" }),
    el("dd", { text: `${event.date || "—"} (${event.date_precision || "?"}, from ${event.date_source || "?"})` }),
    el("dt", { text: "place" }),
    el("dd", { "data-testid": "event-place", text: placeText(event.location) }),
    el("dt", { text: "article" }),
    el("dd", {}, [articleLink(article)]),
  ]);
  const legend = el("p", { class: "hl-legend" }, [
    el("mark", { class: "hl hl-source", text: "source" }),
    " ",
    el("mark", { class: "hl hl-trigger", text: "trigger" }),
    " ",
    el("mark", { class: "hl hl-target", text: "target" }),
  ]);
  return [el("blockquote", { class: "sentence", "data-testid": "event-sentence" }, passage), legend, facts];
}

/** "Sochi, Krasnodar Krai, RUS (city)": the location's names from the most specific, and its precision. */
function placeText(location) {
  if (!location) return "—";
  const names = [location.name, location.admin2, location.admin1, location.country].filter((name, i, all) => name && all.indexOf(name) === i);
  return names.join(", ") + (location.precision ? ` (${location.precision})` : "");
}

function articleLink(article) {
  const label = `${article.title || article.id || "article"}${article.date ? " — " + article.date : ""}`;
  if (article.url && /^https?:\/\//.test(article.url)) return el("a", { href: article.url, rel: "noopener noreferrer", text: label });
  return el("span", { text: label });
}

/**
 * The sentence with its source, trigger and target marked. Offsets from the API are article
 * offsets; where the API gives no actor span (older records), the actor's text is looked up in
 * the sentence instead so the reader still sees who acted on whom.
 */
function highlightedPassage(event, articleText, spans) {
  const sentence = event.sentence || "";
  const triggerSpan = spans.trigger || (event.trigger ? [event.trigger.start, event.trigger.end] : null);
  let start = -1;
  if (articleText && triggerSpan) start = articleText.lastIndexOf(sentence, triggerSpan[0]);
  if (start < 0 || !triggerSpan || triggerSpan[1] > start + sentence.length) {
    return markedText(sentence, fallbackMarks(event, sentence));
  }
  const marks = [];
  const local = (span) => (span ? [span[0] - start, span[1] - start] : null);
  pushMark(marks, "trigger", local(triggerSpan), sentence.length);
  pushMark(marks, "source", local(spans.source) || findActor(sentence, event.source, marks), sentence.length);
  pushMark(marks, "target", local(spans.target) || findActor(sentence, event.target, marks), sentence.length);
  return markedText(sentence, marks);
}

function fallbackMarks(event, sentence) {
  const marks = [];
  const trigger = event.trigger ? event.trigger.text : "";
  const at = trigger ? sentence.indexOf(trigger) : -1;
  if (at >= 0) pushMark(marks, "trigger", [at, at + trigger.length], sentence.length);
  pushMark(marks, "source", findActor(sentence, event.source, marks), sentence.length);
  pushMark(marks, "target", findActor(sentence, event.target, marks), sentence.length);
  return marks;
}

/** First occurrence of the actor's text that does not overlap an existing mark. */
function findActor(sentence, actor, marks) {
  if (!actor || !actor.text) return null;
  let from = 0;
  for (;;) {
    const at = sentence.indexOf(actor.text, from);
    if (at < 0) return null;
    const span = [at, at + actor.text.length];
    if (!marks.some((m) => overlaps(m, span))) return span;
    from = at + 1;
  }
}

function overlaps(mark, span) {
  return span[0] < mark.end && mark.start < span[1];
}

function pushMark(marks, role, span, length) {
  if (!span || span[0] < 0 || span[1] > length || span[0] >= span[1]) return;
  if (marks.some((m) => overlaps(m, span))) return;
  marks.push({ role, start: span[0], end: span[1] });
}

function markedText(text, marks) {
  const nodes = [];
  let at = 0;
  for (const mark of [...marks].sort((a, b) => a.start - b.start)) {
    if (mark.start > at) nodes.push(text.slice(at, mark.start));
    nodes.push(el("mark", { class: `hl hl-${mark.role}`, "data-testid": `hl-${mark.role}`, title: mark.role, text: text.slice(mark.start, mark.end) }));
    at = mark.end;
  }
  if (at < text.length) nodes.push(text.slice(at));
  return nodes;
}

// ---------------------------------------------------------------- timeline

async function loadTimeline() {
  const box = document.getElementById("timeline");
  box.replaceChildren();
  try {
    const data = await fetchJSON("/api/series", withParams(state.filters, { interval: "month" }));
    if (!data.series.length) return showMessage(box, "No dated events for this filter.");
    box.append(timelineChart(data.series), quadLegend());
  } catch (error) {
    showMessage(box, `Timeline unavailable: ${error.message}`, "panel-error", "error");
  }
}

function timelineChart(series) {
  const periods = [...new Set(series.map((s) => s.period))].sort();
  const counts = new Map(periods.map((p) => [p, [0, 0, 0, 0]]));
  for (const s of series) counts.get(s.period)[s.quad_class - 1] += s.events;
  const maxTotal = Math.max(1, ...[...counts.values()].map((c) => c.reduce((a, b) => a + b, 0)));
  const width = 600, height = 220, left = 36, bottom = 40, top = 8;
  const plotWidth = width - left - 8, plotHeight = height - bottom - top;
  const step = plotWidth / periods.length;
  const barWidth = Math.max(1, Math.min(40, step * 0.8));
  const chart = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", "data-testid": "timeline-svg", role: "img" });
  svgTitle(chart, "Events per period, stacked by quad class");
  axisY(chart, maxTotal, left, top, plotHeight, width);
  const labelEvery = Math.ceil(periods.length / 12);
  periods.forEach((period, i) => {
    const x = left + i * step + (step - barWidth) / 2;
    let y = top + plotHeight;
    counts.get(period).forEach((n, q) => {
      if (!n) return;
      const h = (n / maxTotal) * plotHeight;
      y -= h;
      const bar = svgEl("rect", { x, y, width: barWidth, height: h, fill: QUAD_CLASSES[q].colour, "data-testid": "timeline-bar", "data-period": period, "data-quad-class": q + 1 }, chart);
      svgTitle(bar, `${period} · ${QUAD_CLASSES[q].label}: ${n}`);
    });
    if (i % labelEvery === 0) {
      svgEl("text", { x: x + barWidth / 2, y: height - bottom + 14, "text-anchor": "middle", class: "tick", text: period }, chart);
    }
  });
  return chart;
}

function axisY(chart, maxTotal, left, top, plotHeight, width) {
  for (const value of [0, Math.ceil(maxTotal / 2), maxTotal]) {
    const y = top + plotHeight - (value / maxTotal) * plotHeight;
    svgEl("line", { x1: left, x2: width - 8, y1: y, y2: y, class: "grid" }, chart);
    svgEl("text", { x: left - 4, y: y + 4, "text-anchor": "end", class: "tick", text: String(value) }, chart);
  }
}

function quadLegend() {
  return el(
    "ul",
    { class: "legend", "data-testid": "timeline-legend" },
    QUAD_CLASSES.map((q) => el("li", {}, [el("span", { class: "swatch", style: `background:${q.colour}` }), `${q.id} ${q.label}`])),
  );
}

// ---------------------------------------------------------------- map (equirectangular, offline basemap)

const MAP_WIDTH = 720, MAP_HEIGHT = 360;

function project(lon, lat) {
  return [((lon + 180) / 360) * MAP_WIDTH, ((90 - lat) / 180) * MAP_HEIGHT];
}

/** The world's countries from the vendored TopoJSON, or an explanation of what is missing. */
async function loadWorld() {
  if (state.world) return state.world;
  if (!window.topojson) {
    throw new Error(`${VENDOR.topojson} is missing`);
  }
  const response = await fetch(VENDOR.atlas);
  if (!response.ok) throw new Error(`${VENDOR.atlas} is missing (HTTP ${response.status})`);
  const topology = await response.json();
  state.world = window.topojson.feature(topology, topology.objects.countries);
  return state.world;
}

function ringPath(ring) {
  let d = "";
  let previousLon = null;
  for (const [lon, lat] of ring) {
    const [x, y] = project(lon, lat);
    // A jump across the antimeridian starts a new subpath instead of a line across the map.
    const jump = previousLon !== null && Math.abs(lon - previousLon) > 180;
    d += `${d === "" || jump ? "M" : "L"}${x.toFixed(1)},${y.toFixed(1)}`;
    previousLon = lon;
  }
  return d + "Z";
}

function featurePath(geometry) {
  if (!geometry) return "";
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  return polygons.map((rings) => rings.map(ringPath).join("")).join("");
}

async function loadMap() {
  const box = document.getElementById("map");
  box.replaceChildren();
  const map = svgEl("svg", { viewBox: `0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`, class: "chart map", "data-testid": "map-svg", role: "img" });
  svgTitle(map, "Located events");
  svgEl("rect", { x: 0, y: 0, width: MAP_WIDTH, height: MAP_HEIGHT, class: "ocean" }, map);
  box.append(map);
  try {
    const world = await loadWorld();
    const countries = svgEl("g", { class: "countries" }, map);
    for (const feature of world.features) {
      const path = svgEl("path", { d: featurePath(feature.geometry), class: "country", "data-testid": "map-country" }, countries);
      if (feature.properties && feature.properties.name) svgTitle(path, feature.properties.name);
    }
  } catch (error) {
    showMessage(
      box,
      `Basemap not installed: ${error.message}. Run \`make install\` (npm ci --prefix web, then copies world-atlas and topojson-client into static/vendor/). Events are still plotted on a blank frame.`,
      "map-missing-basemap",
      "error",
    );
  }
  try {
    const data = await fetchJSON("/api/places", state.filters);
    drawPlaces(map, data.places);
    if (!data.places.length) showMessage(box, "No located events for this filter.");
  } catch (error) {
    showMessage(box, `Places unavailable: ${error.message}`, "panel-error", "error");
  }
}

function drawPlaces(map, places) {
  const layer = svgEl("g", { class: "places" }, map);
  const maxEvents = Math.max(1, ...places.map((p) => p.events));
  // Largest first so small circles stay clickable on top.
  for (const place of [...places].sort((a, b) => b.events - a.events)) {
    const [x, y] = project(place.lon, place.lat);
    const r = 2 + 10 * Math.sqrt(place.events / maxEvents);
    const circle = svgEl(
      "circle",
      { cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(1), fill: goldsteinColour(place.goldstein_mean), class: "place", "data-testid": "map-place", "data-place": place.name },
      layer,
    );
    svgTitle(circle, `${place.name}${place.country ? " (" + place.country + ")" : ""}: ${place.events} events, mean Goldstein ${fmt(place.goldstein_mean)}`);
    circle.addEventListener("click", () => {
      const form = document.getElementById("filters");
      form.elements.place.value = place.name;
      applyFilters(readFilters(form));
    });
  }
}

function fmt(value) {
  return value === null || value === undefined ? "—" : Number(value).toFixed(1);
}

/** Goldstein −10…+10 as red … grey … green. */
function goldsteinColour(value) {
  const t = Math.max(-1, Math.min(1, (value || 0) / 10));
  const grey = [150, 150, 150], red = [214, 39, 40], green = [44, 160, 44];
  const to = t < 0 ? red : green;
  const k = Math.abs(t);
  const mix = grey.map((g, i) => Math.round(g + (to[i] - g) * k));
  return `rgb(${mix.join(",")})`;
}

// ---------------------------------------------------------------- actor network (force-directed, own code)

async function loadNetwork() {
  const box = document.getElementById("network");
  box.replaceChildren();
  try {
    const data = await fetchJSON("/api/network", withParams(state.filters, { limit: 60 }));
    if (!data.nodes.length) return showMessage(box, "No source–target pairs for this filter.");
    box.append(networkChart(data.nodes, data.edges), goldsteinLegend());
  } catch (error) {
    showMessage(box, `Network unavailable: ${error.message}`, "panel-error", "error");
  }
}

/**
 * Fruchterman–Reingold layout, started from a circle so the result is the same on every load,
 * then stretched to fill the unit square (the caller scales it to pixels).
 */
function forceLayout(nodes, edges, iterations = 300) {
  const n = nodes.length;
  const pos = nodes.map((_, i) => ({ x: 0.5 + 0.4 * Math.cos((2 * Math.PI * i) / n), y: 0.5 + 0.4 * Math.sin((2 * Math.PI * i) / n) }));
  const index = new Map(nodes.map((node, i) => [node.code, i]));
  const links = edges.filter((e) => index.has(e.source) && index.has(e.target) && e.source !== e.target).map((e) => [index.get(e.source), index.get(e.target)]);
  const k = 0.7 / Math.sqrt(Math.max(n, 1));
  // Gravity balances the summed repulsion (about 0.5/r) near a radius of 0.35, so actors with no
  // link between them (many small dyads) neither fly apart nor pile up.
  const gravity = 4;
  for (let step = 0; step < iterations; step++) {
    const disp = pos.map((p) => ({ x: (0.5 - p.x) * gravity, y: (0.5 - p.y) * gravity }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i].x - pos[j].x || 1e-4 * (i - j), dy = pos[i].y - pos[j].y || 1e-4;
        const f = (k * k) / Math.max(dx * dx + dy * dy, 1e-6);
        disp[i].x += dx * f; disp[i].y += dy * f;
        disp[j].x -= dx * f; disp[j].y -= dy * f;
      }
    }
    for (const [a, b] of links) {
      const dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
      const f = Math.hypot(dx, dy) / k;
      disp[a].x -= dx * f; disp[a].y -= dy * f;
      disp[b].x += dx * f; disp[b].y += dy * f;
    }
    const temperature = 0.05 * (1 - step / iterations) + 0.001;
    for (let i = 0; i < n; i++) {
      const len = Math.max(Math.hypot(disp[i].x, disp[i].y), 1e-9);
      const move = Math.min(len, temperature);
      pos[i].x += (disp[i].x / len) * move;
      pos[i].y += (disp[i].y / len) * move;
    }
  }
  return fitUnitSquare(pos, 0.06);
}

function fitUnitSquare(pos, margin) {
  const xs = pos.map((p) => p.x), ys = pos.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = x1 - x0 || 1, sy = y1 - y0 || 1;
  return pos.map((p) => ({ x: margin + ((p.x - x0) / sx) * (1 - 2 * margin), y: margin + ((p.y - y0) / sy) * (1 - 2 * margin) }));
}

function networkChart(nodes, edges) {
  const width = 600, height = 420;
  const pos = forceLayout(nodes, edges).map((p) => [p.x * width, p.y * height]);
  const index = new Map(nodes.map((node, i) => [node.code, i]));
  const chart = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart network", "data-testid": "network-svg", role: "img" });
  svgTitle(chart, "Actors linked by the events between them");
  const maxEdge = Math.max(1, ...edges.map((e) => e.events));
  const edgeLayer = svgEl("g", { class: "edges" }, chart);
  for (const edge of edges) {
    if (!index.has(edge.source) || !index.has(edge.target) || edge.source === edge.target) continue;
    const [x1, y1] = pos[index.get(edge.source)], [x2, y2] = pos[index.get(edge.target)];
    const line = svgEl(
      "line",
      { x1, y1, x2, y2, stroke: goldsteinColour(edge.goldstein_mean), "stroke-width": (1 + 5 * (edge.events / maxEdge)).toFixed(1), class: "edge", "data-testid": "network-edge" },
      edgeLayer,
    );
    svgTitle(line, `${edge.source} → ${edge.target}: ${edge.events} events, mean Goldstein ${fmt(edge.goldstein_mean)}`);
  }
  const maxNode = Math.max(1, ...nodes.map((n) => n.events));
  const nodeLayer = svgEl("g", { class: "nodes" }, chart);
  nodes.forEach((node, i) => {
    const [x, y] = pos[i];
    const group = svgEl("g", { class: "node", "data-testid": "network-node", "data-code": node.code, transform: `translate(${x.toFixed(1)},${y.toFixed(1)})` }, nodeLayer);
    svgEl("circle", { r: (3 + 9 * Math.sqrt(node.events / maxNode)).toFixed(1) }, group);
    svgEl("text", { x: 0, y: -12, "text-anchor": "middle", text: node.code }, group);
    svgTitle(group, `${node.code}${node.name ? " — " + node.name : ""}: ${node.events} events`);
    group.addEventListener("click", () => {
      const form = document.getElementById("filters");
      form.elements.actor.value = node.code;
      applyFilters(readFilters(form));
    });
  });
  return chart;
}

function goldsteinLegend() {
  return el("ul", { class: "legend", "data-testid": "network-legend" }, [-10, -5, 0, 5, 10].map((g) => el("li", {}, [el("span", { class: "swatch", style: `background:${goldsteinColour(g)}` }), `Goldstein ${g > 0 ? "+" : ""}${g}`])));
}

// ---------------------------------------------------------------- coding box

async function codeArticle(form) {
  const status = document.getElementById("code-status");
  const table = document.querySelector("[data-testid=code-results]");
  const body = document.getElementById("code-body");
  const date = form.elements.date.value.trim();
  const payload = { text: form.elements.text.value, date: date || null, all_modalities: form.elements.all_modalities.checked };
  status.textContent = "coding…";
  status.classList.remove("error");
  try {
    const result = await fetchJSON("/api/code", null, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload) });
    body.replaceChildren(...result.events.map((event) => codeRow(event)));
    table.hidden = !result.events.length;
    status.textContent = result.events.length ? `${result.events.length} event${result.events.length === 1 ? "" : "s"}` : "no events found";
  } catch (error) {
    table.hidden = true;
    status.textContent = error.message;
    status.classList.add("error");
  }
}

function codeRow(event) {
  const row = eventRow(event, "code-row");
  const evidence = row.lastElementChild;
  evidence.append(el("br"), el("code", { class: "rule", text: event.rule || "" }));
  return row;
}

// ---------------------------------------------------------------- start

function start() {
  const form = document.getElementById("filters");
  fillFilters(form, new URLSearchParams(location.search));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    applyFilters(readFilters(form));
  });
  form.addEventListener("reset", () => setTimeout(() => applyFilters(new URLSearchParams()), 0));
  document.getElementById("load-more").addEventListener("click", () => loadEvents(false));
  const rows = document.getElementById("events-body");
  rows.addEventListener("click", (e) => {
    const row = e.target.closest("tr[data-testid=event-row]");
    if (row && !e.target.closest("a")) toggleDetail(row);
  });
  rows.addEventListener("keydown", (e) => {
    const row = e.target.closest("tr[data-testid=event-row]");
    if (row && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      toggleDetail(row);
    }
  });
  document.getElementById("code-form").addEventListener("submit", (e) => {
    e.preventDefault();
    codeArticle(e.target);
  });
  applyFilters(readFilters(form)).then(() => document.body.setAttribute("data-loaded", "true"));
}

document.addEventListener("DOMContentLoaded", start);
