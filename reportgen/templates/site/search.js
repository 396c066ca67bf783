/* Search without a server: loads search-index.js (the index as a script, so that it works
   opened from disk, where browsers refuse fetch()) and lists the pages that hold every word.
   The form's own submit (to index.html?q=…) searches there too. */
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  var out = document.getElementById("results");
  if (!form || !out) { return; }
  var root = form.getAttribute("data-root") || "";

  function withIndex(then) {
    if (window.reportgenSearch) { then(window.reportgenSearch); return; }
    var script = document.createElement("script");
    script.src = root + "search-index.js";
    script.onload = function () { then(window.reportgenSearch || []); };
    document.head.appendChild(script);
  }

  function search(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    withIndex(function (index) {
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
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search(form.q.value);
  });
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) {
    form.q.value = asked;
    search(asked);
  }
})();
