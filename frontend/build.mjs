// Builds the newsroom map's assets from npm packages into the Python package's static/vendor/
// (git-ignored, shipped in the wheel), so the map works offline: no CDN, no tile server.
//
//   cd frontend && npm ci --no-audit --no-fund && npm run build
//
// What it writes:
//   leaflet.js, leaflet.css                      Leaflet, as its package ships it (minified)
//   leaflet.markercluster.js, MarkerCluster*.css  the clustering plugin
//   swagger-ui/swagger-ui-bundle.js, .css        Swagger UI for the app's /docs page
//   countries.geojson                            Natural Earth 1:110m country outlines (world-atlas),
//                                                cut at the antimeridian, coordinates rounded
//   LICENSES.txt                                 the licences of what is bundled
//
// The outlines are spherical polygons: Russia, Fiji and Antarctica wrap across the 180° meridian,
// and a flat map (Leaflet) joins their points by straight lines, drawing bands across the whole
// world. Projecting them through d3's equirectangular projection clips every ring at the
// antimeridian (d3's spherical clipping), and since that projection in degrees is the identity,
// what comes out is the same outline, cut into pieces that each stay on one side of the line.

import {chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {createRequire} from "node:module";
import {geoEquirectangular} from "d3-geo";
import {geoProject} from "d3-geo-projection";
import {feature} from "topojson-client";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const vendor = join(here, "..", "src", "frontwire", "web", "static", "vendor");
// Two decimals are about a kilometre: far finer than the 1:110m outlines themselves.
const DECIMALS = 2;

function packageFile(name, file) {
  return join(dirname(require.resolve(`${name}/package.json`)), file);
}

function copyFrom(name, files, into = vendor) {
  mkdirSync(into, {recursive: true});
  for (const file of files) {
    const target = join(into, file.split("/").pop());
    copyFileSync(packageFile(name, file), target);
    chmodSync(target, 0o644);  // some packages ship their files executable
  }
}

// Longitude and latitude in degrees in, the same out (y not flipped), with no adaptive resampling
// (precision 0) that would bend the straight edges into great-circle arcs.
function antimeridianCutter() {
  return geoEquirectangular().scale(180 / Math.PI).translate([0, 0]).reflectY(true).precision(0);
}

function rounded(value) {
  const factor = 10 ** DECIMALS;
  return Math.round(value * factor) / factor;
}

// Rounds a ring's points and drops the repeats rounding makes; a ring left with fewer than four
// points (a closed triangle) has no area at this scale and is dropped.
function roundRing(ring) {
  const out = [];
  for (const [lon, lat] of ring) {
    const point = [rounded(lon), rounded(lat)];
    const last = out[out.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
  }
  return out.length >= 4 ? out : null;
}

function roundPolygon(rings) {
  const outer = roundRing(rings[0]);
  if (!outer) return null;
  return [outer, ...rings.slice(1).map(roundRing).filter(Boolean)];
}

function asMultiPolygon(geometry) {
  if (!geometry) return [];
  if (geometry.type === "Polygon") return [geometry.coordinates];
  if (geometry.type === "MultiPolygon") return geometry.coordinates;
  return [];
}

function countryOutlines() {
  const topology = JSON.parse(readFileSync(packageFile("world-atlas", "countries-110m.json"), "utf8"));
  const countries = feature(topology, topology.objects.countries);
  const cut = geoProject(countries, antimeridianCutter());
  const features = [];
  for (const country of cut.features) {
    const polygons = asMultiPolygon(country.geometry).map(roundPolygon).filter(Boolean);
    if (!polygons.length) continue;
    features.push({
      type: "Feature",
      id: country.id,
      properties: {name: country.properties.name},
      geometry: {type: "MultiPolygon", coordinates: polygons},
    });
  }
  return {type: "FeatureCollection", features};
}

function licences() {
  const parts = [
    ["leaflet", "LICENSE"],
    ["leaflet.markercluster", "MIT-LICENCE.txt"],
    ["world-atlas", "LICENSE"],
    ["swagger-ui-dist", "LICENSE"],
  ];
  return parts.map(([name, file]) => {
    const {version} = JSON.parse(readFileSync(packageFile(name, "package.json"), "utf8"));
    return `== ${name} ${version} ==\n${readFileSync(packageFile(name, file), "utf8").trim()}\n`;
  }).join("\n") + "\nCountry outlines: Natural Earth (public domain), via world-atlas.\n";
}

rmSync(vendor, {recursive: true, force: true});
mkdirSync(vendor, {recursive: true});
copyFrom("leaflet", ["dist/leaflet.js", "dist/leaflet.css"]);
copyFrom("leaflet.markercluster", ["dist/leaflet.markercluster.js", "dist/MarkerCluster.css",
                                   "dist/MarkerCluster.Default.css"]);
copyFrom("swagger-ui-dist", ["swagger-ui-bundle.js", "swagger-ui.css"], join(vendor, "swagger-ui"));
writeFileSync(join(vendor, "countries.geojson"), JSON.stringify(countryOutlines()));
writeFileSync(join(vendor, "LICENSES.txt"), licences());
console.log(`built the map's assets into ${vendor}`);
