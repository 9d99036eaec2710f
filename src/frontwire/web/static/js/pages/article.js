// The article page: the legend's checkboxes show and hide a layer of highlights, and a quote's words,
// its speaker and its list entry light up together, as an event's card and its evidence do.
// Only classes change here: no text is ever written into the page.
(function () {
  "use strict";
  const text = document.getElementById("article-text");
  if (!text) return;

  for (const box of document.querySelectorAll("#legend input[data-layer]")) {
    const apply = () => text.classList.toggle("hide-" + box.dataset.layer, !box.checked);
    box.addEventListener("change", apply);
    apply();
  }

  // data-quote / data-speaker / data-event hold space-separated ids, matched with [attr~=id].
  function linked(ids, attributes) {
    const selectors = [];
    for (const id of ids) {
      for (const attribute of attributes) selectors.push("[" + attribute + '~="' + CSS.escape(id) + '"]');
    }
    return selectors.length ? document.querySelectorAll(selectors.join(",")) : [];
  }

  function idsOf(element, attributes) {
    const ids = new Set();
    for (const attribute of attributes) {
      for (const id of (element.getAttribute(attribute) || "").split(" ")) if (id) ids.add(id);
    }
    return ids;
  }

  function link(attributes, from) {
    let lit = [];
    const light = (event) => {
      const source = event.target.closest(from);
      if (!source) return;
      for (const element of lit) element.classList.remove("linked");
      lit = Array.from(linked(idsOf(source, attributes), attributes));
      for (const element of lit) element.classList.add("linked");
    };
    const dim = (event) => {
      if (!event.target.closest(from)) return;
      for (const element of lit) element.classList.remove("linked");
      lit = [];
    };
    document.addEventListener("mouseover", light);
    document.addEventListener("focusin", light);
    document.addEventListener("mouseout", dim);
    document.addEventListener("focusout", dim);
  }

  // Arriving at an event's card (from an incident page) marks its evidence in the text too.
  if (location.hash.startsWith("#event-")) {
    for (const element of linked([location.hash.slice("#event-".length)], ["data-event"])) {
      element.classList.add("targeted");
    }
  }

  link(["data-quote", "data-speaker"], "[data-quote], [data-speaker]");
  link(["data-event", "data-event-card"], "[data-event], [data-event-card]");
})();
