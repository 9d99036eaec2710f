// The weekly timeline: one stacked bar per week (Monday's date) by sub-event type. Weeks without
// events between two that have some are folded into a marked gap, so years of sparse reporting
// still give bars wide enough to click. Clicking (or Enter on) a bar picks that week.

import {clear, el, svg} from "./dom.js";
import {colourOf, orderedTypes} from "./palette.js";
import {counted} from "./format.js";

const HEIGHT = 150, TOP = 12, BOTTOM = 34, LEFT = 34, RIGHT = 8;
const MAX_BAR = 40, MIN_BAR = 6, GAP_SLOT = 10, LABEL_EVERY_PX = 78;
const WEEK_MS = 7 * 86400000;

function weeksBetween(a, b) {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / WEEK_MS);
}

function total(week) {
  return Object.values(week.counts).reduce((sum, n) => sum + n, 0);
}

// Bars and gaps, left to right: {kind: "week", week} or {kind: "gap", weeks: n}.
function slotsOf(weeks) {
  const slots = [];
  weeks.forEach((week, i) => {
    if (i > 0) {
      const skipped = weeksBetween(weeks[i - 1].week, week.week) - 1;
      if (skipped > 0) slots.push({kind: "gap", weeks: skipped});
    }
    slots.push({kind: "week", week});
  });
  return slots;
}

function title(text) {
  const node = svg("title");
  node.textContent = text;
  return node;
}

function text(x, y, value, attributes = {}) {
  const node = svg("text", {x, y, ...attributes});
  node.textContent = value;
  return node;
}

export function renderTimeline(container, data, selectedWeek, onSelect) {
  clear(container);
  const weeks = data.weeks || [];
  container.dataset.weeks = String(weeks.length);
  if (!weeks.length) {
    container.append(el("p", {class: "muted"},
                        data.undated ? `No dated events (${data.undated} undated).` : "No events match these filters."));
    return;
  }
  const slots = slotsOf(weeks);
  const width = Math.max(container.clientWidth || 800, 320);
  const gapCount = slots.filter((slot) => slot.kind === "gap").length;
  const bar = Math.max(MIN_BAR, Math.min(MAX_BAR, (width - LEFT - RIGHT - gapCount * GAP_SLOT) / weeks.length));
  const plotWidth = weeks.length * bar + gapCount * GAP_SLOT;
  const chart = svg("svg", {width: Math.max(width, LEFT + plotWidth + RIGHT), height: HEIGHT, class: "timeline-chart",
                            role: "group", "aria-label": "events per week"});
  const peak = Math.max(...weeks.map(total));
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const y = (n) => TOP + plotHeight - (n / peak) * plotHeight;

  chart.append(svg("line", {x1: LEFT, x2: LEFT + plotWidth, y1: y(0), y2: y(0), class: "axis"}));
  chart.append(text(LEFT - 6, y(peak) + 4, String(peak), {class: "tick", "text-anchor": "end"}));
  chart.append(text(LEFT - 6, y(0) + 4, "0", {class: "tick", "text-anchor": "end"}));
  chart.append(svg("line", {x1: LEFT, x2: LEFT + plotWidth, y1: y(peak), y2: y(peak), class: "grid"}));

  let x = LEFT, lastLabel = -Infinity;
  for (const slot of slots) {
    if (slot.kind === "gap") {
      const gap = svg("g", {class: "gap"});
      gap.append(title(`${counted(slot.weeks, "week")} without events`),
                 svg("line", {x1: x + 3, x2: x + GAP_SLOT - 3, y1: y(0) + 4, y2: y(0) - 4}));
      chart.append(gap);
      x += GAP_SLOT;
      continue;
    }
    const week = slot.week, count = total(week);
    const group = svg("g", {class: `week${week.week === selectedWeek ? " selected" : ""}`, "data-week": week.week,
                            tabindex: 0, role: "button", "aria-pressed": String(week.week === selectedWeek),
                            "aria-label": `week of ${week.week}: ${count} events`});
    const breakdown = orderedTypes(Object.keys(week.counts)).map((type) => `${type}: ${week.counts[type]}`).join("\n");
    group.append(title(`Week of ${week.week}: ${counted(count, "event")}\n${breakdown}`));
    group.append(svg("rect", {x, y: TOP, width: bar, height: plotHeight, class: "hit"}));
    let stacked = 0;
    for (const type of orderedTypes(Object.keys(week.counts))) {
      const n = week.counts[type];
      group.append(svg("rect", {x: x + 1, y: y(stacked + n), width: Math.max(bar - 2, 1), height: y(stacked) - y(stacked + n),
                                fill: colourOf(type)}));
      stacked += n;
    }
    group.addEventListener("click", () => onSelect(week.week === selectedWeek ? "" : week.week));
    group.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        onSelect(week.week === selectedWeek ? "" : week.week);
      }
    });
    chart.append(group);
    if (x - lastLabel >= LABEL_EVERY_PX) {
      chart.append(text(x, HEIGHT - BOTTOM + 16, week.week, {class: "tick"}));
      lastLabel = x;
    }
    x += bar;
  }
  if (selectedWeek) chart.classList.add("has-selection");
  container.append(chart);
  if (data.undated) container.append(el("p", {class: "muted"}, `${counted(data.undated, "undated event")} not shown here.`));
}
