// Clicking a fact highlights its evidence in the text and scrolls to it.
(function () {
  "use strict";
  function has(el, name, target) {
    var value = el.getAttribute(name);
    return value !== null && value.split(" ").indexOf(target) >= 0;
  }
  function show(target) {
    document.querySelectorAll(".hl, .hl-exact").forEach(function (el) { el.classList.remove("hl", "hl-exact"); });
    document.querySelectorAll("[data-tr]").forEach(function (el) {
      if (has(el, "data-tr", target)) { el.classList.add("hl-exact"); }
    });
    var parts = document.querySelectorAll("[data-ev]");
    var first = null;
    parts.forEach(function (el) {
      if (has(el, "data-ev", target)) {
        el.classList.add("hl");
        if (first === null) { first = el; }
      }
    });
    if (first !== null) { first.scrollIntoView({ behavior: "smooth", block: "center" }); }
    document.querySelectorAll(".fact.active").forEach(function (el) { el.classList.remove("active"); });
  }
  // A link from an entity or event page carries the sentence to highlight (?hl=START-END#hl).
  if (document.querySelector('[data-ev~="hl"]') !== null) { show("hl"); }
  document.querySelectorAll(".fact[data-target]").forEach(function (fact) {
    fact.addEventListener("click", function (event) {
      event.preventDefault();
      show(fact.getAttribute("data-target"));
      fact.classList.add("active");
    });
  });
})();
