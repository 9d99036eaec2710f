// The events table: rows from /api/events, sorted by date or toll on the server, paged with the
// API's next_cursor ("Show more"). Each row links the event in its article and its incident.

import {clear, el} from "./dom.js";
import {articleHref, counted, incidentHref, placeText} from "./format.js";
import {getJSON} from "./query.js";

const PAGE = 100;
const PRECISION_BADGE = {2: ["near", "placed near the place or in its district"],
                         3: ["area", "placed at province level or larger"]};
// A first click sorts a column its most useful way: newest, or deadliest, first.
const FIRST_ORDER = {date: "-date", fatalities: "-fatalities"};

function where(item) {
  const place = placeText(item.location, item.admin1, item.country);
  const badge = PRECISION_BADGE[item.geo_precision];
  return el("td", {}, place || "—", badge ? " " : null,
            badge ? el("span", {class: "badge", title: badge[1]}, badge[0]) : null);
}

function actors(item) {
  if (!item.actor1 && !item.actor2) return el("td", {class: "muted"}, "—");
  return el("td", {}, item.actor1 || "unnamed", item.actor2 ? el("span", {class: "muted"}, " vs ") : null, item.actor2 || null);
}

function row(item) {
  const date = item.date || item.event_date;
  const links = el("td", {class: "links"},
    el("a", {href: articleHref(item.article_id, item.id)}, "article"),
    item.incident_id ? " · " : null,
    item.incident_id ? el("a", {href: incidentHref(item.incident_id)}, "incident") : null);
  return el("tr", {"data-event-id": item.id},
    el("td", {class: "nowrap"}, date || el("span", {class: "muted"}, "undated")),
    el("td", {}, item.sub_event_type || "—", el("div", {class: "muted small"}, item.event_type || "")),
    where(item),
    actors(item),
    el("td", {class: "number"}, item.fatalities === null || item.fatalities === undefined ? "—" : String(item.fatalities)),
    el("td", {}, item.article_outlet || el("span", {class: "muted"}, "unknown")),
    links);
}

export class EventsTable {
  constructor(table, countNode, moreButton, onSort) {
    this.body = table.tBodies[0];
    this.headers = [...table.querySelectorAll("button.sort")];
    this.countNode = countNode;
    this.moreButton = moreButton;
    this.sort = "-date";
    this.params = new URLSearchParams();
    this.shown = 0;
    for (const button of this.headers) {
      button.addEventListener("click", () => {
        const column = button.dataset.sort;
        this.sort = this.sort === FIRST_ORDER[column] ? column : FIRST_ORDER[column];
        if (onSort) onSort(this.sort);
        this.load(this.params);
      });
    }
    moreButton.addEventListener("click", () => this.loadPage(this.nextCursor));
  }

  setSort(sort) {
    if (["date", "-date", "fatalities", "-fatalities"].includes(sort)) this.sort = sort;
  }

  async load(params) {
    this.generation = (this.generation || 0) + 1;
    this.params = params;
    this.shown = 0;
    clear(this.body);
    this.markSort();
    await this.loadPage(null);
  }

  async loadPage(cursor) {
    const query = new URLSearchParams(this.params);
    query.set("sort", this.sort);
    query.set("limit", String(PAGE));
    if (cursor) query.set("cursor", cursor);
    this.body.closest("table").setAttribute("aria-busy", "true");
    const generation = this.generation;
    try {
      const page = await getJSON("/api/events", query);
      // A newer load (another week, another order) began while this page was on its way.
      if (generation !== this.generation) return;
      for (const item of page.items) this.body.append(row(item));
      this.shown += page.items.length;
      this.nextCursor = page.next_cursor;
      this.moreButton.hidden = !page.next_cursor;
      this.countNode.textContent = page.total ? `${counted(page.total, "event")}, ${this.shown} shown`
        : "No events match these filters.";
    } catch (error) {
      this.countNode.textContent = `Could not load the events: ${error.message}`;
      this.moreButton.hidden = true;
    } finally {
      this.body.closest("table").removeAttribute("aria-busy");
    }
  }

  markSort() {
    for (const button of this.headers) {
      const column = button.dataset.sort;
      const state = this.sort === column ? "ascending" : this.sort === `-${column}` ? "descending" : "none";
      button.setAttribute("aria-sort", state);
      button.closest("th").setAttribute("aria-sort", state);
    }
  }
}
