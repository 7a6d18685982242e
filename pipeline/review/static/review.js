// Filters of the article index: every row carries its countries, organisations, document types and date.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (form) { form.addEventListener("submit", function (event) { event.preventDefault(); }); }
  var table = document.getElementById("articles");
  if (!table) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var controls = {
    country: document.getElementById("f-country"),
    organisation: document.getElementById("f-organisation"),
    doctype: document.getElementById("f-doctype"),
    lang: document.getElementById("f-lang"),
    status: document.getElementById("f-status"),
    from: document.getElementById("f-from"),
    to: document.getElementById("f-to"),
    text: document.getElementById("f-text")
  };
  var shown = document.getElementById("shown");

  function has(row, attribute, value) {
    return !value || (row.getAttribute(attribute) || "").split("|").indexOf(value) >= 0;
  }

  function apply() {
    var query = controls.text.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var date = row.getAttribute("data-date") || "";
      var visible = has(row, "data-countries", controls.country.value) &&
        has(row, "data-organisations", controls.organisation.value) &&
        has(row, "data-doctypes", controls.doctype.value) &&
        has(row, "data-lang", controls.lang.value) &&
        has(row, "data-status", controls.status.value) &&
        (!controls.from.value || (date && date >= controls.from.value)) &&
        (!controls.to.value || (date && date <= controls.to.value)) &&
        (!query || row.textContent.toLowerCase().indexOf(query) >= 0);
      row.hidden = !visible;
      if (visible) { count += 1; }
    });
    shown.textContent = String(count);
  }

  // index.html?country=KZ (the map links so) preselects a filter
  var params = new URLSearchParams(window.location.search);
  Object.keys(controls).forEach(function (name) {
    if (params.has(name)) { controls[name].value = params.get(name); }
    controls[name].addEventListener("input", apply);
  });
  document.getElementById("f-reset").addEventListener("click", function () {
    Object.keys(controls).forEach(function (name) { controls[name].value = ""; });
    apply();
  });
  apply();
}());
