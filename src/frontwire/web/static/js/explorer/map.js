// The map of events or incidents: Leaflet over the packaged country outlines (no tiles, works
// offline), circle markers coloured by sub-event type, clustered when zoomed out. How precisely an
// event is placed shows: an exact place is a solid dot, "near"/district a dashed ring, and a
// province-or-larger location (precision 3) an area, never a pin on a town.

import {clear, el, svg} from "./dom.js";
import {colourOf, orderedTypes} from "./palette.js";
import {articleHref, counted, incidentHref, placeText} from "./format.js";

const OUTLINES = "/static/vendor/countries.geojson";
// The only properties the markers and popups read: asked for by name, the GeoJSON of 5,000 events
// weighs a tenth of the export's full rows.
export const MAP_FIELDS = ["event_id", "incident_id", "article_id", "sub_event_type", "event_date", "location",
  "admin1", "country", "geo_precision", "fatalities", "source"].join(",");
// A province-level location drawn as a disc of this radius: large enough not to read as a town.
const AREA_RADIUS_M = 60000;
const FIT_PADDING = 24, FIT_MAX_ZOOM = 7;
const PRECISION_LABEL = {1: "exact place", 2: "near the place, or its district", 3: "province or larger: the area, not a point"};

function placeOf(props) {
  return placeText(props.location, props.admin1, props.country);
}

function link(href, text) {
  return el("a", {href}, text);
}

function eventPopup(props) {
  const killed = props.fatalities === null || props.fatalities === undefined ? "toll not given" : `${props.fatalities} killed`;
  return el("div", {class: "fw-popup"},
    el("strong", {}, props.sub_event_type || "Event"),
    el("div", {}, [props.event_date || "undated", placeOf(props)].filter(Boolean).join(" · ")),
    el("div", {class: "muted"}, `${killed} · ${props.source || "unknown outlet"}`),
    el("div", {class: "muted"}, `Location: ${PRECISION_LABEL[props.geo_precision] || "precision unknown"}`),
    el("div", {class: "fw-popup-links"},
      props.article_id ? link(articleHref(props.article_id, props.event_id), "Read the article") : null,
      props.incident_id ? link(incidentHref(props.incident_id), "The incident") : null));
}

function incidentPopup(incident) {
  const tolls = incident.events.map((f) => f.properties.fatalities).filter((n) => n !== null && n !== undefined);
  const toll = !tolls.length ? "toll not given"
    : Math.min(...tolls) === Math.max(...tolls) ? `${tolls[0]} killed` : `${Math.min(...tolls)}–${Math.max(...tolls)} killed`;
  const outlets = [...new Set(incident.events.map((f) => f.properties.source || "unknown outlet"))];
  const first = incident.lead.properties;
  return el("div", {class: "fw-popup"},
    el("strong", {}, first.sub_event_type || "Incident"),
    el("div", {}, [first.event_date || "undated", placeOf(first)].filter(Boolean).join(" · ")),
    el("div", {class: "muted"}, `${toll} · told by ${counted(outlets.length, "outlet")}: ${outlets.join(", ")}`),
    el("div", {class: "fw-popup-links"},
      incident.id ? link(incidentHref(incident.id), "Compare the outlets") : null,
      link(articleHref(first.article_id, first.event_id), "Read an article")));
}

// The events of one incident together, placed where its most precisely located event is.
function incidentsOf(features) {
  const byId = new Map();
  for (const feature of features) {
    const key = feature.properties.incident_id || `event:${feature.properties.event_id}`;
    if (!byId.has(key)) byId.set(key, {id: feature.properties.incident_id, events: []});
    byId.get(key).events.push(feature);
  }
  for (const incident of byId.values()) {
    incident.lead = incident.events.reduce((best, f) =>
      (f.properties.geo_precision || 9) < (best.properties.geo_precision || 9) ? f : best);
  }
  return [...byId.values()];
}

// An incident told by more outlets draws larger (up to four outlets' worth).
function incidentSize(incident) {
  const outlets = new Set(incident.events.map((f) => f.properties.source)).size;
  return 6 + 2 * Math.min(outlets, 4);
}

function latLngOf(feature) {
  const [lon, lat] = feature.geometry.coordinates;
  return L.latLng(lat, lon);
}

function symbol(feature, popup, size = 7) {
  const props = feature.properties, colour = colourOf(props.sub_event_type), at = latLngOf(feature);
  if (props.geo_precision === 3) {
    return {area: true, layer: L.circle(at, {radius: AREA_RADIUS_M, color: colour, weight: 1.5, dashArray: "4 3",
                                              fillColor: colour, fillOpacity: 0.18, className: "fw-area"}).bindPopup(popup)};
  }
  const near = props.geo_precision === 2;
  return {area: false, layer: L.circleMarker(at, {radius: size, color: near ? colour : "#ffffff", weight: near ? 2 : 1.5,
                                                  dashArray: near ? "3 2" : null, fillColor: colour,
                                                  fillOpacity: near ? 0.45 : 0.9,
                                                  className: `fw-marker ${near ? "fw-near" : "fw-exact"}`}).bindPopup(popup)};
}

export class EventMap {
  constructor(container, legend) {
    this.container = container;
    this.legend = legend;
    this.map = L.map(container, {minZoom: 1, maxZoom: 12, zoomSnap: 0.5, worldCopyJump: false,
                                 maxBounds: [[-89, -220], [89, 220]]});
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution("Outlines: Natural Earth · Leaflet");
    this.map.setView([25, 25], 2);
    this.outlines = this.loadOutlines();
    this.clusters = L.markerClusterGroup({showCoverageOnHover: false, maxClusterRadius: 40, disableClusteringAtZoom: 8});
    this.areas = L.featureGroup();
    this.areas.addTo(this.map);
    this.clusters.addTo(this.map);
  }

  async loadOutlines() {
    const response = await fetch(OUTLINES);
    if (!response.ok) throw new Error(`country outlines: ${response.status}`);
    const countries = await response.json();
    L.geoJSON(countries, {interactive: false, style: () => ({className: "fw-country", color: "#9aa8b6", weight: 0.7,
                                                               fillColor: "#fbfaf6", fillOpacity: 1})}).addTo(this.map);
    this.areas.bringToFront();
  }

  // Draws `features` (GeoJSON points of /api/events) as events or, with layer "incidents", one
  // symbol per incident; fits the view to them.
  show(features, layer = "events") {
    this.clusters.clearLayers();
    this.areas.clearLayers();
    const placed = [];
    const items = layer === "incidents"
      ? incidentsOf(features).map((incident) => symbol(incident.lead, () => incidentPopup(incident), incidentSize(incident)))
      : features.map((feature) => symbol(feature, () => eventPopup(feature.properties)));
    for (const item of items) {
      (item.area ? this.areas : this.clusters).addLayer(item.layer);
      placed.push(item.layer.getLatLng());
    }
    this.renderLegend(features.map((f) => f.properties.sub_event_type));
    if (placed.length) this.map.fitBounds(L.latLngBounds(placed), this.fitOptions());
    this.container.dataset.shown = String(items.length);
    this.container.dataset.areas = String(items.filter((item) => item.area).length);
    // Ready once the outlines are drawn too: they load on their own and may come after the data.
    const ready = () => { this.container.dataset.ready = "true"; };
    this.outlines.then(ready, (error) => { ready(); throw error; });
  }

  // Fitting the view keeps the symbols clear of a legend drawn over the map.
  fitOptions() {
    const over = this.legend && this.legend.classList.contains("legend-overlay") ? this.legend.offsetWidth : 0;
    return {paddingTopLeft: [FIT_PADDING, FIT_PADDING], paddingBottomRight: [FIT_PADDING + over, FIT_PADDING], maxZoom: FIT_MAX_ZOOM};
  }

  renderLegend(types) {
    if (!this.legend) return;
    clear(this.legend);
    const list = el("ul", {class: "legend-types"});
    for (const type of orderedTypes(types.filter(Boolean))) {
      const swatch = svg("svg", {width: 14, height: 14, "aria-hidden": "true"});
      swatch.append(svg("circle", {cx: 7, cy: 7, r: 6, fill: colourOf(type), stroke: "#ffffff"}));
      list.append(el("li", {}, swatch, type));
    }
    const precision = el("ul", {class: "legend-precision"},
      el("li", {}, el("span", {class: "key key-exact", "aria-hidden": "true"}), "exact place"),
      el("li", {}, el("span", {class: "key key-near", "aria-hidden": "true"}), "near / district"),
      el("li", {}, el("span", {class: "key key-area", "aria-hidden": "true"}), "province or larger (area)"));
    this.legend.append(list, precision);
  }
}
