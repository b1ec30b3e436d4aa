// The network around one entity: fetched from /api/graph, drawn with Cytoscape.js.
(function () {
  "use strict";
  var form = document.getElementById("graph-filters");
  var box = document.getElementById("graph");
  var details = document.getElementById("graph-details");
  var status = document.getElementById("graph-status");
  if (!form || !box || typeof cytoscape !== "function") { return; }
  var key = form.getAttribute("data-key");
  // Darker tones of the page's person / organization / location colours.
  var COLORS = { person: "#e8a33d", organization: "#3b7dd8", location: "#4caf50" };
  var cy = null;

  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) { el.className = cls; }
    return el;
  }

  function link(href, value, cls) {
    var a = text("a", value, cls);
    a.setAttribute("href", href);
    return a;
  }

  function params() {
    var q = new URLSearchParams();
    q.set("depth", document.getElementById("f-depth").value);
    var checked = function (name) {
      var all = form.querySelectorAll('input[name="' + name + '"]');
      var on = form.querySelectorAll('input[name="' + name + '"]:checked');
      if (on.length === all.length) { return null; }
      return Array.prototype.map.call(on, function (el) { return el.value; }).join(",") || "none";
    };
    var types = checked("types");
    if (types !== null) { q.set("types", types); }
    var relations = checked("relations");
    if (relations !== null) { q.set("relations", relations); }
    ["since", "until"].forEach(function (name) {
      var value = document.getElementById("f-" + name).value.trim();
      if (value) { q.set(name, value); }
    });
    q.set("min_confidence", document.getElementById("f-confidence").value);
    return q;
  }

  function showNode(node) {
    details.replaceChildren();
    var d = node.data();
    details.appendChild(text("h2", d.label));
    details.appendChild(text("p", d.type + (d.subtype ? " (" + d.subtype + ")" : "") + " · " + d.documents + " documents", "muted"));
    if (d.key_player) { details.appendChild(text("p", "Key player: removing it fragments this network.", "key-player-note")); }
    var p = document.createElement("p");
    p.appendChild(link("/entities/" + encodeURIComponent(d.id), "Open entity", "open-entity"));
    p.appendChild(document.createTextNode(" · "));
    p.appendChild(link("/graph/" + encodeURIComponent(d.id), "Centre here"));
    details.appendChild(p);
  }

  function showEdge(edge) {
    details.replaceChildren();
    var d = edge.data();
    details.appendChild(text("h2", d.type.replace(/_/g, " ")));
    details.appendChild(text("p", cy.getElementById(d.source).data("label") + " → " + cy.getElementById(d.target).data("label")));
    details.appendChild(text("p", d.sources + " document(s), confidence " + d.confidence +
      (d.first_seen ? ", " + d.first_seen + (d.last_seen !== d.first_seen ? " to " + d.last_seen : "") : ""), "muted"));
    var ul = document.createElement("ul");
    d.documents.forEach(function (doc) {
      var li = document.createElement("li");
      li.appendChild(link("/documents/" + encodeURIComponent(doc), doc));
      ul.appendChild(li);
    });
    details.appendChild(ul);
  }

  function draw(data) {
    var elements = [];
    data.nodes.forEach(function (n) {
      elements.push({ group: "nodes", data: {
        id: n.key, label: n.label, type: n.type, subtype: n.subtype, documents: n.documents,
        key_player: n.key_player, center: n.center,
        color: COLORS[n.type] || "#666", size: 18 + Math.min(30, 4 * Math.sqrt(n.documents))
      }, classes: (n.key_player ? "key-player " : "") + (n.center ? "center" : "") });
    });
    data.edges.forEach(function (e) {
      elements.push({ group: "edges", data: {
        id: e.id, source: e.source, target: e.target, type: e.type, documents: e.documents,
        sources: e.sources, confidence: e.confidence, first_seen: e.first_seen, last_seen: e.last_seen,
        width: 1 + Math.min(6, e.sources)
      } });
    });
    if (cy !== null) { cy.destroy(); }
    cy = cytoscape({
      container: box,
      elements: elements,
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 8000 },
      style: [
        { selector: "node", style: { "background-color": "data(color)", label: "data(label)", width: "data(size)",
          height: "data(size)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3 } },
        { selector: "node.key-player", style: { "border-width": 4, "border-color": "#f5a623", shape: "star" } },
        { selector: "node.center", style: { "border-width": 3, "border-color": "#111" } },
        { selector: "edge", style: { width: "data(width)", "line-color": "#999", "target-arrow-color": "#999",
          "target-arrow-shape": "triangle", "curve-style": "bezier", label: "data(type)", "font-size": 8,
          color: "#555", "text-rotation": "autorotate" } },
        { selector: ":selected", style: { "overlay-color": "#f5a623", "overlay-opacity": 0.3 } }
      ]
    });
    cy.on("tap", "node", function (evt) { showNode(evt.target); });
    cy.on("tap", "edge", function (evt) { showEdge(evt.target); });
    box.setAttribute("data-nodes", String(data.nodes.length));
    box.setAttribute("data-edges", String(data.edges.length));
    status.textContent = data.nodes.length + " entities, " + data.edges.length + " relations" +
      (data.truncated ? " (cut at the node limit)" : "");
    window.pistaGraph = cy;  // for keyboard users' tools and the browser tests
    box.setAttribute("data-ready", "1");
  }

  function load() {
    box.removeAttribute("data-ready");
    status.textContent = "loading…";
    fetch("/api/graph/" + encodeURIComponent(key) + "?" + params().toString(), { credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) { throw new Error("the server answered " + r.status); }
        return r.json();
      })
      .then(draw)
      .catch(function (err) { status.textContent = "cannot load the network: " + err.message; });
  }

  var conf = document.getElementById("f-confidence");
  conf.addEventListener("input", function () { document.getElementById("f-confidence-value").textContent = conf.value; });
  form.addEventListener("submit", function (event) { event.preventDefault(); load(); });
  load();
})();
