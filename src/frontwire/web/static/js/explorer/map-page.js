// The full-width map: the filters of the page's query string, events or incidents ("show").

import {EventMap, MAP_FIELDS} from "./map.js";
import {filterParams, getJSON, submitOnlyChosen} from "./query.js";

const MAP_LIMIT = 5000;
const container = document.getElementById("map");
const status = document.getElementById("map-status");
const eventMap = new EventMap(container, document.getElementById("legend"));

async function start() {
  const query = filterParams();
  query.set("format", "geojson");
  query.set("fields", MAP_FIELDS);
  query.set("limit", String(MAP_LIMIT));
  try {
    const collection = await getJSON("/api/events", query);
    eventMap.show(collection.features, container.dataset.layer);
    const unplaced = collection.left_out ? `, ${collection.left_out} without a place not drawn` : "";
    const more = collection.next_cursor ? ` (the first ${MAP_LIMIT} of ${collection.total})` : "";
    status.textContent = `${collection.features.length} events${more}${unplaced}.`;
  } catch (error) {
    status.textContent = `Could not load the events: ${error.message}`;
    container.dataset.error = error.message;
  }
}

submitOnlyChosen(document.getElementById("filters"));
start();
