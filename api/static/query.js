// SPARQL editor: POST the query to /sparql, render SPARQL JSON results as a table.
// Everything from the server is inserted with textContent, never as HTML.
(function () {
  "use strict";
  var examples = JSON.parse(document.getElementById("example-data").textContent);
  var textarea = document.getElementById("sparql");
  var status = document.getElementById("query-status");
  var results = document.getElementById("query-results");

  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      textarea.value = examples[Number(button.dataset.index)].query;
    });
  });

  function cell(tag, text) {
    var el = document.createElement(tag);
    el.textContent = text;
    return el;
  }

  function renderTable(json) {
    var vars = json.head.vars || [];
    var table = document.createElement("table");
    table.id = "result-table";
    var head = document.createElement("tr");
    vars.forEach(function (v) { head.appendChild(cell("th", v)); });
    table.appendChild(head);
    json.results.bindings.forEach(function (row) {
      var tr = document.createElement("tr");
      vars.forEach(function (v) { tr.appendChild(cell("td", row[v] ? row[v].value : "")); });
      table.appendChild(tr);
    });
    results.replaceChildren(table);
    status.textContent = json.results.bindings.length + " rows";
  }

  document.getElementById("query-form").addEventListener("submit", function (event) {
    event.preventDefault();
    status.textContent = "running…";
    status.className = "muted";
    var started = performance.now();
    fetch("/sparql", {
      method: "POST",
      headers: {"Content-Type": "application/sparql-query",
                "Accept": "application/sparql-results+json, text/turtle;q=0.9"},
      body: textarea.value
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (!response.ok) {
        return response.json().then(function (body) {
          throw new Error(body.error ? body.error.detail : response.statusText);
        });
      }
      if (type.indexOf("json") >= 0) {
        return response.json().then(function (json) {
          if ("boolean" in json) {
            results.replaceChildren(cell("p", "ASK → " + json.boolean));
            status.textContent = "";
          } else {
            renderTable(json);
          }
        });
      }
      return response.text().then(function (text) {
        results.replaceChildren(cell("pre", text));
        status.textContent = "";
      });
    }).then(function () {
      status.textContent += " · " + Math.round(performance.now() - started) + " ms";
    }).catch(function (error) {
      status.textContent = error.message;
      status.className = "error";
      results.replaceChildren();
    });
  });
})();
