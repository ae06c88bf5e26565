// WebDPro owner's deliveries board: last known positions of deliveries in transit on a map
// (vendored Leaflet). If tiles cannot load (offline, blocked), the map hides itself and the
// coordinates and "Map" links in the table remain.
(function () {
  "use strict";
  function init() {
    var box = document.getElementById("delivery-map");
    var data = document.getElementById("delivery-map-points");
    if (!box || !data || !window.L) { return; }
    var points = JSON.parse(data.textContent || "[]");
    var tiles = box.getAttribute("data-tiles");
    if (!points.length || !tiles) { box.hidden = true; return; }
    box.hidden = false;
    var map = L.map(box, { scrollWheelZoom: false });
    var loaded = 0, failed = 0;
    var layer = L.tileLayer(tiles, { maxZoom: 19, attribution: "&copy; OpenStreetMap contributors" });
    layer.on("tileload", function () { loaded += 1; });
    layer.on("tileerror", function () {
      failed += 1;
      if (failed >= 4 && loaded === 0) {
        map.remove();
        box.hidden = true;
        var note = document.getElementById("delivery-map-note");
        if (note) { note.hidden = false; }
      }
    });
    layer.addTo(map);
    var bounds = [];
    points.forEach(function (p) {
      var latlng = [parseFloat(p.lat), parseFloat(p.lng)];
      bounds.push(latlng);
      var popup = document.createElement("span");
      popup.textContent = p.label + " · " + p.age;
      L.marker(latlng, { title: p.label, alt: p.label }).addTo(map).bindPopup(popup);
    });
    if (bounds.length === 1) { map.setView(bounds[0], 15); } else { map.fitBounds(bounds, { padding: [30, 30] }); }
  }
  document.addEventListener("DOMContentLoaded", init);
})();
