// World choropleth: events per recipient country, drawn with d3-geo from the vendored
// Natural Earth boundaries (keyed by ISO alpha-2 on the server). Each country with events
// is a link to its profile; small countries get a dot so they can be seen and clicked.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var BINS = 6;

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    for (var key in attrs) node.setAttribute(key, attrs[key]);
    if (parent) parent.appendChild(node);
    return node;
  }

  // Log-spaced bins: counts on a tracker are heavy-tailed (a few countries hold most).
  function binner(max) {
    var top = Math.log(max + 1);
    return function (n) {
      if (!n) return 0;
      return Math.max(1, Math.min(BINS, Math.ceil((Math.log(n + 1) / top) * BINS)));
    };
  }

  function legend(box, max, bin, label) {
    if (!box) return;
    box.textContent = "";
    var bounds = [];
    for (var n = 1; n <= max; n++) {
      var b = bin(n);
      if (!bounds[b]) bounds[b] = [n, n]; else bounds[b][1] = n;
    }
    var none = document.createElement("span");
    none.innerHTML = '<i class="q0"></i> none';
    box.appendChild(none);
    bounds.forEach(function (range, b) {
      if (!range) return;
      var item = document.createElement("span");
      var swatch = document.createElement("i");
      swatch.className = "q" + b;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(
        " " + (range[0] === range[1] ? range[0] : range[0] + "–" + range[1])));
      box.appendChild(item);
    });
    var unit = document.createElement("span");
    unit.textContent = label;
    box.appendChild(unit);
  }

  function draw(container, topology, rows) {
    var counts = {}, names = {}, max = 0;
    rows.forEach(function (r) {
      counts[r.country] = r.events; names[r.country] = r.name;
      if (r.events > max) max = r.events;
    });
    var bin = binner(max || 1);
    var width = 960, height = 480;
    var features = topojson.feature(topology, topology.objects.countries).features
      .filter(function (f) { return f.id !== "AQ"; });
    var projection = d3.geoNaturalEarth1().fitExtent([[6, 6], [width - 6, height - 6]], {
      type: "FeatureCollection", features: features });
    var path = d3.geoPath(projection);
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, role: "group",
      "aria-label": "World map of events by recipient country" });
    el("path", { d: path({ type: "Sphere" }), class: "sphere" }, svg);
    var dots = [];
    var tip = document.createElement("div");
    tip.className = "map-tip"; tip.hidden = true;

    features.forEach(function (f) {
      var code = f.id, n = counts[code] || 0;
      var name = names[code] || (f.properties && f.properties.name) || code;
      var parent = svg;
      if (n && code) {
        parent = el("a", { href: "/countries/" + code, "data-country": code,
          "aria-label": name + ": " + n + " " + container.dataset.label }, svg);
      }
      var shape = el("path", { d: path(f), class: "q" + bin(n) + (n ? "" : " none") }, parent);
      el("title", {}, shape).textContent = name + (n ? ": " + n : "");
      if (n && d3.geoArea(f) < 0.00025) dots.push({ f: f, n: n, code: code, name: name });
    });
    dots.forEach(function (d) {
      var at = path.centroid(d.f);
      if (!isFinite(at[0])) return;
      var link = el("a", { href: "/countries/" + d.code, "data-country": d.code,
        "aria-label": d.name + ": " + d.n + " " + container.dataset.label }, svg);
      var dot = el("circle", { cx: at[0], cy: at[1], r: 4 + bin(d.n) / 2, class: "q" + bin(d.n) }, link);
      el("title", {}, dot).textContent = d.name + ": " + d.n;
    });

    svg.addEventListener("mousemove", function (event) {
      var link = event.target.closest("a[data-country]");
      if (!link) { tip.hidden = true; return; }
      var box = container.getBoundingClientRect();
      tip.textContent = link.getAttribute("aria-label");
      tip.style.left = (event.clientX - box.left) + "px";
      tip.style.top = (event.clientY - box.top) + "px";
      tip.hidden = false;
    });
    svg.addEventListener("mouseleave", function () { tip.hidden = true; });
    container.appendChild(svg);
    container.appendChild(tip);
    legend(document.getElementById(container.id + "-legend"), max, bin, container.dataset.label);
    container.dataset.ready = "true";
  }

  document.querySelectorAll("[data-topology]").forEach(function (container) {
    var rows = JSON.parse(document.getElementById(container.dataset.source).textContent);
    fetch(container.dataset.topology, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (topology) { draw(container, topology, rows); })
      .catch(function (err) { container.textContent = "The map could not be drawn: " + err; });
  });
})();
