/* Search without a server: reads search.json and lists the pages that hold every word. */
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  var out = document.getElementById("results");
  if (!form || !out || !window.fetch) { return; }
  var root = form.getAttribute("data-root") || "";
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var words = form.q.value.toLowerCase().split(/\s+/).filter(Boolean);
    fetch(root + "search.json").then(function (r) { return r.json(); }).then(function (index) {
      out.textContent = "";
      var list = document.createElement("ul");
      index.forEach(function (entry) {
        var text = (entry.title + " " + entry.text.join(" ")).toLowerCase();
        if (!words.length || !words.every(function (w) { return text.indexOf(w) >= 0; })) { return; }
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = root + entry.url;
        link.textContent = entry.title || entry.url;
        item.appendChild(link);
        list.appendChild(item);
      });
      var heading = document.createElement("h2");
      heading.textContent = form.querySelector("label").textContent + ": " + list.children.length;
      out.appendChild(heading);
      out.appendChild(list);
    });
  });
})();
