// One colour per ACLED sub-event type, in a hue family per event type, so the map, its legend and
// the timeline read the same way: warm reds for explosions, purples for battles, browns for
// violence against civilians, blues for protests, teals for riots, greys and greens for the rest.

const COLOURS = {
  "Armed clash": "#6a3d9a",
  "Government regains territory": "#9e7cc1",
  "Non-state actor overtakes territory": "#4b2172",
  "Chemical weapon": "#ffd92f",
  "Air/drone strike": "#e31a1c",
  "Suicide bomb": "#67000d",
  "Shelling/artillery/missile attack": "#fd8d3c",
  "Remote explosive/landmine/IED": "#b15928",
  "Grenade": "#fdae6b",
  "Sexual violence": "#ce1256",
  "Attack": "#8c2d04",
  "Abduction/forced disappearance": "#df65b0",
  "Peaceful protest": "#6baed6",
  "Protest with intervention": "#2171b5",
  "Excessive force against protesters": "#08306b",
  "Violent demonstration": "#1b9e77",
  "Mob violence": "#00665e",
  "Agreement": "#74c476",
  "Arrests": "#525252",
  "Change to group/activity": "#969696",
  "Disrupted weapons use": "#238b45",
  "Headquarters or base established": "#737373",
  "Looting/property destruction": "#a6761d",
  "Non-violent transfer of territory": "#bdbdbd",
  "Other": "#d9d9d9",
};
const UNKNOWN = "#444444";

export function colourOf(subEventType) {
  return COLOURS[subEventType] || UNKNOWN;
}

// The types present, in the taxonomy's order (the palette's), unknown ones last.
export function orderedTypes(types) {
  const known = Object.keys(COLOURS);
  return [...new Set(types)].sort((a, b) => {
    const ia = known.indexOf(a), ib = known.indexOf(b);
    return (ia < 0 ? known.length : ia) - (ib < 0 ? known.length : ib) || String(a).localeCompare(String(b));
  });
}
