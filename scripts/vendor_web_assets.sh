#!/bin/sh
# Copy the browser libraries of the web application from node_modules into the package.
# Run `npm ci` first. The copies are committed, so a fresh machine needs neither npm nor
# a network connection to serve the pages; run this again only to upgrade a library.
set -eu
cd "$(dirname "$0")/.."
NM=node_modules
OUT=src/pista/web/static/vendor
test -d "$NM/cytoscape" || { echo "node_modules is missing: run 'npm ci' first" >&2; exit 1; }
mkdir -p "$OUT/cytoscape" "$OUT/leaflet/images" "$OUT/world"
cp "$NM/cytoscape/dist/cytoscape.min.js" "$OUT/cytoscape/"
cp "$NM/cytoscape/LICENSE" "$OUT/cytoscape/LICENSE"
cp "$NM/leaflet/dist/leaflet.js" "$NM/leaflet/dist/leaflet.css" "$OUT/leaflet/"
cp "$NM/leaflet/dist/images/"*.png "$OUT/leaflet/images/"
cp "$NM/leaflet/LICENSE" "$OUT/leaflet/LICENSE"
# Country shapes: Natural Earth 1:110m via world-atlas, TopoJSON turned into GeoJSON.
node -e '
const topojson = require("topojson-client");
const topo = require("./'"$NM"'/world-atlas/countries-110m.json");
process.stdout.write(JSON.stringify(topojson.feature(topo, topo.objects.countries)));
' > "$OUT/world/countries-110m.geo.json"
cp "$NM/world-atlas/LICENSE" "$OUT/world/LICENSE"
printf '%s\n' "Country shapes from Natural Earth (public domain), via the world-atlas package (ISC licence, see LICENSE)." > "$OUT/world/README"
for pkg in cytoscape leaflet world-atlas topojson-client; do
  node -e "const p=require('./$NM/$pkg/package.json'); console.log(p.name + ' ' + p.version + ' ' + p.license)"
done > "$OUT/VERSIONS"
echo "vendored into $OUT:"; cat "$OUT/VERSIONS"
