// The query page of `kg serve`: named queries from queries/ with their parameters, or your own SPARQL;
// results as a table with prefixed names and plain literal values. Values are put in the page as text
// (textContent), never as markup.
"use strict";

const state = { prefixes: {}, queries: {} };
const $ = (id) => document.getElementById(id);

function compact(term) {
  if (!term) return null;
  if (term.type === "uri" && $("compact").checked) {
    let best = null;
    for (const [prefix, ns] of Object.entries(state.prefixes)) {
      const local = term.value.slice(ns.length);
      if (term.value.startsWith(ns) && !local.includes("/") && (!best || ns.length > best[1].length)) {
        best = [prefix, ns, local];
      }
    }
    return best ? { text: `${best[0]}:${best[2]}` } : { text: term.value };
  }
  if (term.type === "literal" && !$("compact").checked) {
    const suffix = term["xml:lang"] ? `@${term["xml:lang"]}` : term.datatype ? `^^<${term.datatype}>` : "";
    return { text: JSON.stringify(term.value) + suffix };
  }
  return { text: term.value };
}

function cell(row, name) {
  const td = document.createElement("td");
  const value = compact(row[name]);
  if (value) td.textContent = value.text;
  return td;
}

function show(data) {
  const box = $("results");
  box.replaceChildren();
  if ("boolean" in data) {
    box.textContent = `ASK: ${data.boolean}`;
    return 1;
  }
  const table = document.createElement("table");
  const head = table.insertRow();
  for (const name of data.head.vars) {
    const th = document.createElement("th");
    th.textContent = name;
    head.appendChild(th);
  }
  for (const row of data.results.bindings) {
    const tr = table.insertRow();
    for (const name of data.head.vars) tr.appendChild(cell(row, name));
  }
  box.appendChild(table);
  return data.results.bindings.length;
}

async function run() {
  const name = $("named").value;
  const edited = name && $("sparql").value !== state.queries[name].sparql;
  const form = new URLSearchParams();
  let url = "/query";
  if (name && !edited) {
    url = `/named/${encodeURIComponent(name)}`;
    for (const input of $("params").querySelectorAll("input")) {
      if (input.value) form.append(input.name, input.value);
    }
  } else {
    form.append("query", $("sparql").value);
  }
  $("status").className = "";
  $("status").textContent = "running…";
  const started = performance.now();
  try {
    const response = await fetch(url, { method: "POST", body: form,
      headers: { Accept: "application/sparql-results+json, text/turtle;q=0.5" } });
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
    const type = response.headers.get("Content-Type") || "";
    if (type.includes("json")) {
      const rows = show(await response.json());
      $("status").textContent = `${rows} row(s) in ${seconds} s`;
    } else {
      const pre = document.createElement("pre");
      pre.textContent = await response.text();
      $("results").replaceChildren(pre);
      $("status").textContent = `graph in ${seconds} s`;
    }
  } catch (error) {
    $("status").className = "error";
    $("status").textContent = String(error.message || error);
  }
}

function choose() {
  const query = state.queries[$("named").value];
  const params = $("params");
  params.replaceChildren();
  $("question").textContent = query ? [query.title, query.zh].filter(Boolean).join(" · ") : "";
  if (!query) return;
  $("sparql").value = query.sparql;
  for (const param of query.params) {
    const label = document.createElement("label");
    label.textContent = param.name;
    label.title = param.help || "";
    const input = document.createElement("input");
    input.name = param.name;
    input.placeholder = param.default ?? "(required)";
    label.appendChild(input);
    params.appendChild(label);
  }
}

async function load() {
  const catalogue = await (await fetch("/queries")).json();
  state.prefixes = catalogue.prefixes;
  $("prefixes").textContent = Object.entries(catalogue.prefixes).map(([p, ns]) => `PREFIX ${p}: <${ns}>`).join("\n");
  for (const query of catalogue.queries) {
    state.queries[query.name] = query;
    const option = document.createElement("option");
    option.value = query.name;
    option.textContent = query.title ? `${query.name} — ${query.title}` : query.name;
    $("named").appendChild(option);
  }
}

$("named").addEventListener("change", choose);
$("run").addEventListener("click", run);
$("sparql").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run();
});
load();
