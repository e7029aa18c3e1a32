// The screening page: search with suggestions, the report, the picture of connections, batch upload.
import "./style.css";
import type { NodeSingular } from "cytoscape";
import { ApiError, AuthRequired, getJson, getKey, postFile, postJson, setKey } from "./api";
import { $, h, maybeLink } from "./dom";
import { EFFECT_LABEL, effectKey } from "./labels";
import { renderReport, sourceOf } from "./report";
import type { Candidate, Network, Resolution, ScreeningReport } from "./types";

const SUGGEST_DELAY_MS = 250;
const SUGGEST_MIN_CHARS = 3;
const NETWORK_HOPS = 2;

const q = $("q") as HTMLInputElement;
const asOf = $("as-of") as HTMLInputElement;
const hopsSel = $("hops") as HTMLSelectElement;
const list = $("suggestions") as HTMLUListElement;
const status = $("status");
const reportRoot = $("report");
const screenButton = $("screen-button") as HTMLButtonElement;

// ------------------------------------------------------------------ status and the key field
function say(el: HTMLElement, text: string, error = false): void {
  el.textContent = text;
  el.classList.toggle("error", error);
}

let retry: (() => void) | null = null;

function needKey(err: AuthRequired, again: () => void): void {
  retry = again;
  const panel = $("key-panel");
  panel.hidden = false;
  $("key-message").textContent = getKey()
    ? `The key was refused (${err.message}). Enter another key.`
    : "This service needs a key. Ask your administrator for a screening key.";
  ($("key-input") as HTMLInputElement).focus();
}

function failed(el: HTMLElement, err: unknown, again: () => void): void {
  if (err instanceof DOMException && err.name === "AbortError") return;
  if (err instanceof AuthRequired) {
    say(el, "A key is needed: enter it above.", true);
    needKey(err, again);
  } else if (err instanceof ApiError) say(el, `The service answered: ${err.message}`, true);
  else say(el, `Could not reach the service: ${String(err)}`, true);
}

$("key-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  setKey(($("key-input") as HTMLInputElement).value.trim());
  ($("key-input") as HTMLInputElement).value = "";
  $("key-panel").hidden = true;
  say(status, "");
  const again = retry;
  retry = null;
  again?.();
});
$("key-forget").addEventListener("click", () => {
  setKey("");
  $("key-message").textContent = "Key forgotten.";
});

// ------------------------------------------------------------------ suggestions (combobox)
let suggestTimer: number | undefined;
let suggestAbort: AbortController | null = null;
let options: Candidate[] = [];
let active = -1;
let picked: Candidate | null = null;

function closeList(): void {
  list.hidden = true;
  list.replaceChildren();
  q.setAttribute("aria-expanded", "false");
  q.removeAttribute("aria-activedescendant");
  options = [];
  active = -1;
}

function showList(items: Candidate[]): void {
  options = items;
  active = -1;
  if (!items.length) return closeList();
  list.replaceChildren(
    ...items.map((c, i) =>
      h("li", { id: `sug-${i}`, role: "option", "aria-selected": "false", "data-iri": c.iri,
        onmousedown: (ev: Event) => { ev.preventDefault(); choose(i); } },
        c.name ?? c.iri, " ", h("span", { class: "src" }, `${sourceOf(c.iri)}${typeof c.score === "number" ? ` · ${c.score.toFixed(2)}` : ""}`)),
    ),
  );
  list.hidden = false;
  q.setAttribute("aria-expanded", "true");
}

function highlight(i: number): void {
  active = i;
  list.querySelectorAll("li").forEach((li, j) => li.setAttribute("aria-selected", String(j === i)));
  if (i >= 0) {
    q.setAttribute("aria-activedescendant", `sug-${i}`);
    list.children[i]?.scrollIntoView({ block: "nearest" });
  } else q.removeAttribute("aria-activedescendant");
}

function choose(i: number): void {
  const c = options[i];
  if (!c) return;
  picked = c;
  q.value = c.name ?? c.iri;
  closeList();
  void screen(c.iri, c.name);
}

async function suggest(text: string): Promise<void> {
  suggestAbort?.abort();
  suggestAbort = new AbortController();
  try {
    const r = await getJson<Resolution>(`/resolve?q=${encodeURIComponent(text)}`, suggestAbort.signal);
    if (q.value.trim() !== text) return;
    const seen = new Set<string>();
    const items = [...(r.matches ?? []), ...(r.candidates ?? [])].filter((c) => !seen.has(c.iri) && !!seen.add(c.iri));
    showList(items.slice(0, 10));
  } catch (err) {
    if (err instanceof AuthRequired) failed(status, err, () => void suggest(text));
    /* other errors: suggestions are a convenience; the search still works */
  }
}

q.addEventListener("input", () => {
  picked = null;
  window.clearTimeout(suggestTimer);
  const text = q.value.trim();
  if (text.length < SUGGEST_MIN_CHARS) return closeList();
  suggestTimer = window.setTimeout(() => void suggest(text), SUGGEST_DELAY_MS);
});
q.addEventListener("keydown", (ev) => {
  if (list.hidden) return;
  if (ev.key === "ArrowDown") { ev.preventDefault(); highlight(Math.min(active + 1, options.length - 1)); }
  else if (ev.key === "ArrowUp") { ev.preventDefault(); highlight(Math.max(active - 1, -1)); }
  else if (ev.key === "Escape") { ev.preventDefault(); closeList(); } // (a search field clears itself on Escape)
  else if (ev.key === "Enter" && active >= 0) { ev.preventDefault(); choose(active); }
});
q.addEventListener("blur", () => window.setTimeout(closeList, 150));

// ------------------------------------------------------------------ screening
let screenAbort: AbortController | null = null;

async function screen(query: string, label?: string | null): Promise<void> {
  window.clearTimeout(suggestTimer);
  suggestAbort?.abort();
  closeList();
  screenAbort?.abort();
  screenAbort = new AbortController();
  const body: Record<string, unknown> = { query, hops: Number(hopsSel.value) };
  if (asOf.value) body.as_of = asOf.value;
  say(status, `Screening ${label ?? query}…`);
  screenButton.disabled = true;
  reportRoot.setAttribute("aria-busy", "true");
  try {
    const report = await postJson<ScreeningReport>("/screen", body, screenAbort.signal);
    const params = new URLSearchParams({ q: query });
    if (asOf.value) params.set("as_of", asOf.value);
    history.replaceState(null, "", `#${params}`);
    show(report);
    say(status, report.subject
      ? `Report for ${report.subject.name ?? report.subject.iri}: strongest finding ${report.strongest.replace(/_/g, " ")}.`
      : `No confident match for “${query}”.`);
  } catch (err) {
    failed(status, err, () => void screen(query, label));
  } finally {
    screenButton.disabled = false;
    reportRoot.removeAttribute("aria-busy");
  }
}

function show(report: ScreeningReport): void {
  const graph = report.subject ? graphSection(report.subject.iri) : null;
  renderReport(reportRoot, report, { screen: (iri, name) => { q.value = name ?? iri; void screen(iri, name); } }, graph);
  if (!asOf.value && report.as_of) asOf.placeholder = report.as_of;
  reportRoot.focus({ preventScroll: true });
  $("summary").scrollIntoView({ block: "start" });
  if (report.subject && graph) void loadGraph(report.subject.iri, NETWORK_HOPS);
}

$("search-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const text = q.value.trim();
  if (!text) return;
  if (picked && (picked.name ?? picked.iri) === text) void screen(picked.iri, picked.name);
  else void screen(text);
});

// ------------------------------------------------------------------ the picture
function graphSection(subject: string): HTMLElement {
  const hopsPick = h("select", { id: "graph-hops", "aria-label": "Hops drawn" },
    [1, 2, 3].map((n) => h("option", { value: n, selected: n === NETWORK_HOPS }, `${n} hop${n > 1 ? "s" : ""}`))) as HTMLSelectElement;
  hopsPick.addEventListener("change", () => void loadGraph(subject, Number(hopsPick.value)));
  return h(
    "section",
    { id: "graph-section", class: "card", "aria-labelledby": "graph-h" },
    h("h2", { id: "graph-h" }, "Connections (picture)"),
    h("div", { class: "graph-tools" }, hopsPick,
      h("button", { type: "button", onclick: () => void import("./graph").then((g) => g.fit()) }, "Fit"),
      h("span", { id: "graph-status", role: "status", class: "muted small" })),
    h("div", { id: "graph-legend" }),
    h("div", { id: "graph-wrap" },
      h("div", { id: "graph", role: "img", "aria-label": "Network of the partner's relations; the same data is available as text below" }),
      h("aside", { id: "node-panel", "aria-live": "polite" }, h("p", { class: "muted" }, "Select a node to see its details."))),
    h("div", { id: "graph-text" }),
  );
}

/** The network endpoint takes an IRI (URL-encoded) or, for registry organisations, the bare ROR id. */
function entityId(iri: string): string {
  const ror = /^https:\/\/ror\.org\/(0[a-z0-9]{8})$/.exec(iri);
  return encodeURIComponent(ror ? ror[1] : iri);
}

let graphAbort: AbortController | null = null;

async function loadGraph(subject: string, hops: number): Promise<void> {
  const st = document.getElementById("graph-status");
  if (!st) return;
  graphAbort?.abort();
  graphAbort = new AbortController();
  say(st, "Drawing…");
  try {
    const [net, g] = await Promise.all([
      getJson<Network>(`/entities/${entityId(subject)}/network?hops=${hops}`, graphAbort.signal),
      import("./graph"),
    ]);
    const box = document.getElementById("graph");
    if (!box) return;
    $("graph-legend").replaceChildren(g.legend());
    await g.draw(box, net, subject, showNode);
    $("graph-text").replaceChildren(g.asTable(net));
    box.dataset.ready = "true";
    say(st, `${net.nodes.length} organisations, ${net.edges.length} relations${net.truncated ? " (cut off: too many to draw)" : ""}.`);
  } catch (err) {
    failed(st, err, () => void loadGraph(subject, hops));
  }
}

function showNode(n: NodeSingular | null): void {
  const panel = $("node-panel");
  if (!n) {
    panel.replaceChildren(h("p", { class: "muted" }, "Select a node to see its details."));
    return;
  }
  const d = n.data() as { id: string; name: string; source: string; lists: string[]; effect: string; subject: boolean };
  const rels = n.connectedEdges().map((e) => {
    const ed = e.data() as { source: string; target: string; relation: string; origin: string };
    const other = ed.source === d.id ? e.target() : e.source();
    const dir = ed.source === d.id ? "→" : "←";
    return h("li", null, `${dir} ${ed.relation} · ${ed.origin}: `, String(other.data("name")));
  });
  const parts: (HTMLElement | null)[] = [
    h("h3", null, d.name),
    h("p", null, EFFECT_LABEL[effectKey(d.effect)], d.lists.length ? ` (${d.lists.join(", ")})` : ""),
    h("p", { class: "small" }, maybeLink(d.id), h("br"), `source: ${d.source || "?"}`),
    h("ul", { class: "small" }, rels),
    d.subject ? null : h("button", { type: "button", onclick: () => { q.value = d.name; void screen(d.id, d.name); } }, "Screen this organisation"),
  ];
  panel.replaceChildren(...parts.filter((x): x is HTMLElement => x !== null));
}

// ------------------------------------------------------------------ batch
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(cell); cell = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell); rows.push(row); row = []; cell = "";
    } else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

let batchUrl: string | null = null;

async function batch(file: File): Promise<void> {
  const st = $("batch-status");
  const out = $("batch-result");
  say(st, `Screening the partners in ${file.name}… (this can take a while for long files)`);
  out.replaceChildren();
  try {
    const params = new URLSearchParams({ hops: hopsSel.value });
    if (asOf.value) params.set("as_of", asOf.value);
    const blob = await postFile(`/screen/batch?${params}`, file, "text/csv; charset=utf-8", "text/csv");
    if (batchUrl) URL.revokeObjectURL(batchUrl);
    batchUrl = URL.createObjectURL(new Blob([blob], { type: "text/csv" }));
    const rows = parseCsv(await blob.text()).filter((r) => r.some((c) => c.trim()));
    const name = `${file.name.replace(/\.csv$/i, "")}-screened-${new Date().toISOString().slice(0, 10)}.csv`;
    const [head, ...body] = rows;
    const parts: (HTMLElement | null)[] = [
      h("p", null, h("a", { id: "batch-download", href: batchUrl, download: name, class: "download" }, `Download the results (${body.length} partner${body.length === 1 ? "" : "s"}, CSV)`)),
      head ? h("table", { id: "batch-table" },
        h("thead", null, h("tr", null, head.map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", null, body.slice(0, 200).map((r) => h("tr", null, r.map((c) => h("td", null, c)))))) : null,
      body.length > 200 ? h("p", { class: "muted" }, `First 200 of ${body.length} rows shown; the download has all of them.`) : null,
    ];
    out.replaceChildren(...parts.filter((x): x is HTMLElement => x !== null));
    say(st, `Done: ${body.length} partner${body.length === 1 ? "" : "s"} screened.`);
  } catch (err) {
    failed(st, err, () => void batch(file));
  }
}

$("batch-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const file = ($("batch-file") as HTMLInputElement).files?.[0];
  if (file) void batch(file);
});

// ------------------------------------------------------------------ a link to a report (#q=...&as_of=...)
function fromHash(): void {
  const start = new URLSearchParams(location.hash.slice(1));
  if (start.get("as_of")) asOf.value = start.get("as_of") ?? "";
  const text = start.get("q");
  if (text) {
    q.value = text;
    void screen(text);
  }
}
window.addEventListener("hashchange", fromHash);
fromHash();
