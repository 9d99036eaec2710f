// The explorer's state lives in the page's query string: the filters of /api/events, plus the
// week picked on the timeline (which narrows the table and the map, not the timeline itself).

export const FILTERS = ["type", "country", "outlet", "actor", "since", "until", "min_fatalities", "admin1",
                        "certainty", "bbox"];
const DAY_MS = 86400000;

export function pageParams() {
  return new URLSearchParams(window.location.search);
}

// The filters set in the page's query string, as API parameters (empty ones left out).
export function filterParams(params = pageParams()) {
  const out = new URLSearchParams();
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) out.set(name, value);
  }
  return out;
}

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

// The filters narrowed to the week starting on Monday `week` (YYYY-MM-DD), within since/until.
export function withinWeek(filters, week) {
  const out = new URLSearchParams(filters);
  if (!week) return out;
  const start = new Date(`${week}T00:00:00Z`);
  if (Number.isNaN(start.getTime())) return out;
  const end = isoDay(new Date(start.getTime() + 6 * DAY_MS));
  const since = filters.get("since"), until = filters.get("until");
  out.set("since", since && since > week ? since : week);
  out.set("until", until && until < end ? until : end);
  return out;
}

// Replaces the page's query string (no reload) so the view stays a link to share.
export function setPageParam(name, value) {
  const params = pageParams();
  if (value) params.set(name, value); else params.delete(name);
  const search = params.toString();
  window.history.replaceState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
}

export async function getJSON(path, params) {
  const response = await fetch(`${path}?${params.toString()}`, {headers: {Accept: "application/json"}});
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      const where = (error) => (error.loc || []).slice(-1)[0];
      if (Array.isArray(body.detail)) detail = body.detail.map((error) => `${where(error)}: ${error.msg}`).join("; ");
      else if (body.detail) detail = String(body.detail);
    } catch (ignored) { /* not JSON: the status says enough */ }
    throw new Error(detail);
  }
  return response.json();
}

// Leaves the empty fields out of the filter form's query string, so a shared link says only what
// was chosen (disabled fields are not submitted).
export function submitOnlyChosen(form) {
  form.addEventListener("submit", () => {
    for (const field of form.elements) {
      if (field.name && field.value === "") field.disabled = true;
    }
  });
  // Coming back to the page (bfcache) must find the fields usable again.
  window.addEventListener("pageshow", () => {
    for (const field of form.elements) field.disabled = false;
  });
}
