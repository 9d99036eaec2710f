// The events explorer: the filters (the page's query string) apply to the timeline, the map and
// the table; a week picked on the timeline narrows the map and the table to it.

import {EventMap, MAP_FIELDS} from "./map.js";
import {EventsTable} from "./table.js";
import {renderTimeline} from "./timeline.js";
import {filterParams, getJSON, pageParams, setPageParam, submitOnlyChosen, withinWeek} from "./query.js";

const MAP_LIMIT = 5000;

const timelineNode = document.getElementById("timeline");
const clearWeek = document.getElementById("week-clear");
const eventMap = new EventMap(document.getElementById("map"), document.getElementById("legend"));
const table = new EventsTable(document.getElementById("events-table"), document.getElementById("table-count"),
                              document.getElementById("table-more"), (sort) => setPageParam("sort", sort));
const filters = filterParams();
let timeline = {weeks: [], undated: 0};
let mapRequests = 0;

async function showMap(params) {
  const query = new URLSearchParams(params);
  query.set("format", "geojson");
  query.set("fields", MAP_FIELDS);
  query.set("limit", String(MAP_LIMIT));
  const request = ++mapRequests;
  try {
    const collection = await getJSON("/api/events", query);
    // Only the latest request draws: weeks clicked in a row answer out of order.
    if (request === mapRequests) eventMap.show(collection.features, "events");
  } catch (error) {
    document.getElementById("map").dataset.error = error.message;
  }
}

function drawTimeline(week) {
  renderTimeline(timelineNode, timeline, week, selectWeek);
  clearWeek.hidden = !week;
}

// The table, the map and the full-size map's link, all for `params`.
function showEvents(params) {
  table.load(params);
  showMap(params);
  const search = params.toString();
  document.getElementById("full-map").href = `/map${search ? `?${search}` : ""}`;
}

function selectWeek(week) {
  setPageParam("week", week);
  drawTimeline(week);
  showEvents(withinWeek(filters, week));
}

async function start() {
  const week = pageParams().get("week") || "";
  table.setSort(pageParams().get("sort") || "-date");
  clearWeek.addEventListener("click", () => selectWeek(""));
  showEvents(withinWeek(filters, week));
  try {
    timeline = await getJSON("/api/timeline", filters);
    drawTimeline(week);
  } catch (error) {
    timelineNode.textContent = `Could not load the timeline: ${error.message}`;
  }
}

submitOnlyChosen(document.getElementById("filters"));
start();
