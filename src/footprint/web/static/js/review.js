// Review queue from the keyboard: j/k move between events, a/r/u decide, e edits, o opens.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll(".queue-item"));
  if (!items.length) return;
  var current = 0;

  function select(i) {
    current = Math.max(0, Math.min(items.length - 1, i));
    items.forEach(function (item, n) { item.classList.toggle("current", n === current); });
    items[current].focus({ preventScroll: true });
    items[current].scrollIntoView({ block: "nearest" });
  }

  function typing(event) {
    var tag = event.target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || event.target.isContentEditable;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event)) {
      if (event.key === "Escape") { event.target.blur(); items[current].focus(); }
      return;
    }
    var item = items[current];
    if (event.key === "j") { select(current + 1); event.preventDefault(); }
    else if (event.key === "k") { select(current - 1); event.preventDefault(); }
    else if (event.key === "o") { item.querySelector("[data-open]").click(); }
    else if (event.key === "n") { var note = item.querySelector(".note-input"); if (note) { note.focus(); event.preventDefault(); } }
    else {
      var target = item.querySelector('[data-key="' + event.key + '"]');
      if (!target) return;
      event.preventDefault();
      if (event.key === "u") {
        var input = item.querySelector(".note-input");
        if (input && !input.value.trim()) { input.focus(); input.placeholder = "Say what is unclear, then press Enter on Unsure"; return; }
      }
      target.click();
    }
  });
  items.forEach(function (item, n) {
    item.addEventListener("click", function () { if (n !== current) select(n); });
  });
  select(0);
})();
