// Territories and events on bundled country shapes (no tile server): Leaflet over GeoJSON.
(function () {
  "use strict";
  var box = document.getElementById("map");
  var status = document.getElementById("map-status");
  var list = document.getElementById("map-places");
  if (!box || typeof L === "undefined") { return; }
  var map = L.map(box, { worldCopyJump: true, attributionControl: true }).setView([5, -70], 3);
  map.attributionControl.addAttribution("Natural Earth");

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": " + r.status); }
      return r.json();
    });
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function counts(place) {
    return plural(place.events, "event") + ", " + plural(place.organizations, "organization");
  }

  function href(place) {
    return place.key ? "/entities/" + encodeURIComponent(place.key) : "/entities?q=" + encodeURIComponent(place.label);
  }

  function item(place, what) {
    var li = document.createElement("li");
    li.setAttribute("data-key", place.key || "");
    var a = document.createElement("a");
    a.setAttribute("href", href(place));
    a.textContent = place.label;
    li.appendChild(a);
    li.appendChild(document.createTextNode(" " + what + ": " + counts(place)));
    list.appendChild(li);
  }

  function popup(place) {
    var div = document.createElement("div");
    var a = document.createElement("a");
    a.setAttribute("href", href(place));
    a.textContent = place.label;
    div.appendChild(a);
    div.appendChild(document.createElement("br"));
    div.appendChild(document.createTextNode(counts(place)));
    return div;
  }

  Promise.all([fetchJson("/static/vendor/world/countries-110m.geo.json"), fetchJson("/api/map")])
    .then(function (both) {
      var shapes = both[0], data = both[1];
      var byId = {};
      data.countries.forEach(function (c) { byId[String(Number(c.id))] = c; });
      var max = 1;
      data.countries.forEach(function (c) { max = Math.max(max, c.events + c.organizations); });
      L.geoJSON(shapes, {
        style: function (feature) {
          var c = byId[String(Number(feature.id))];
          var weight = c ? (c.events + c.organizations) / max : 0;
          return { color: "#777", weight: 0.5, fillColor: c ? "#b3261e" : "#eee", fillOpacity: c ? 0.25 + 0.6 * weight : 1 };
        },
        onEachFeature: function (feature, layer) {
          var c = byId[String(Number(feature.id))];
          if (c) { layer.bindPopup(popup(c)); }
        }
      }).addTo(map);
      data.countries.forEach(function (c) { item(c, "country"); });
      data.points.forEach(function (p) {
        L.circleMarker([p.lat, p.lon], { radius: 5 + Math.min(12, 2 * (p.events + p.organizations)),
          color: "#1f3b73", fillColor: "#1f6feb", fillOpacity: 0.7, weight: 1 })
          .bindPopup(popup(p)).addTo(map);
        item(p, "city");
      });
      status.textContent = data.countries.length + " countries, " + data.points.length + " cities";
      box.setAttribute("data-ready", "1");
    })
    .catch(function (err) { status.textContent = "cannot load the map: " + err.message; });
})();
