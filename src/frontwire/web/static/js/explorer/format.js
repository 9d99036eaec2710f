// How the explorer writes its values: the app's own page addresses, counts, places.

export function articleHref(articleId, eventId) {
  const anchor = eventId ? `#event-${encodeURIComponent(eventId)}` : "";
  return `/articles/${encodeURIComponent(articleId)}${anchor}`;
}

export function incidentHref(incidentId) {
  return `/incidents/${encodeURIComponent(incidentId)}`;
}

// "1 event", "3 events".
export function counted(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

// "Mellit, North Darfur, SD": the parts an event names, each once.
export function placeText(...parts) {
  return parts.filter((part, i) => part && parts.indexOf(part) === i).join(", ");
}
