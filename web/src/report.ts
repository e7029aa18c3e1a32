// The screening report as readable HTML: verdicts per policy (facts and what was checked), direct listings,
// inherited exposure with its path, connections apart ("context, not a finding"), areas, funders, coverage.
import { h, maybeLink } from "./dom";
import { EFFECT_LABEL, effectKey, relationLabel, verdictClass, verdictLabel } from "./labels";
import type {
  AreaFact, Candidate, CoverageItem, Exposure, FunderFact, Listing, PolicyVerdict, ScreeningReport, Step,
} from "./types";

export interface ReportHooks {
  /** Screen another organisation (a candidate, a path member) by its IRI. */
  screen(iri: string, name?: string | null): void;
}

const CONNECTIONS_SHOWN = 50;

export function badge(verdict: string): HTMLElement {
  return h("span", { class: `badge ${verdictClass(verdict)}`, "data-verdict": verdict }, verdictLabel(verdict));
}

export function effectBadge(effect: string | null | undefined): HTMLElement {
  const key = effectKey(effect);
  return h("span", { class: `effect effect-${key}`, "data-effect": key }, EFFECT_LABEL[key]);
}

function section(id: string, title: string, ...body: (Node | string | null | false | Node[])[]): HTMLElement {
  return h("section", { id, class: "card", "aria-labelledby": `${id}-h` }, h("h2", { id: `${id}-h` }, title), ...body);
}

function empty(text: string): HTMLElement {
  return h("p", { class: "muted" }, text);
}

function orgName(name: string | null | undefined, iri: string): string {
  return name || iri;
}

function dates(from?: string | null, until?: string | null): string {
  if (!from && !until) return "";
  return `${from ?? "…"} – ${until ?? "…"}`;
}

// ------------------------------------------------------------------ summary and resolution
function summary(r: ScreeningReport, hooks: ReportHooks): HTMLElement {
  const s = r.subject;
  const others = (r.identity ?? []).filter((o) => s && o.iri !== s.iri);
  return h(
    "section",
    { id: "summary", class: "card", "aria-labelledby": "summary-h" },
    h("h2", { id: "summary-h" }, s ? orgName(s.name, s.iri) : `No confident match for “${r.query}”`),
    s &&
      h(
        "p",
        { class: "subject-meta" },
        maybeLink(s.iri),
        s.countries?.length ? ` · ${s.countries.join(", ")}` : "",
        s.kinds?.length ? ` · ${s.kinds.join(", ")}` : "",
        s.source ? ` · source: ${s.source}` : "",
      ),
    h(
      "p",
      null,
      "Strongest finding: ",
      badge(r.strongest),
      h("span", { class: "muted" }, ` · as of ${r.as_of} · ${r.hops} hops · query “${r.query}” · resolution: ${r.resolution.decision}`),
    ),
    uncounted(r),
    others.length > 0 &&
      h(
        "details",
        null,
        h("summary", null, `Same organisation in ${others.length} list source${others.length > 1 ? "s" : ""}`),
        h("ul", null, others.map((o) => h("li", null, orgName(o.name, o.iri), h("span", { class: "muted" }, ` · ${o.source ?? ""} · `), maybeLink(o.iri)))),
      ),
    !s && candidates(r.resolution.candidates, r.resolution.matches, hooks),
  );
}

// A clear verdict beside direct listings in force on binding or excluding lists that no policy profile counts
// (the FCC Covered List, NDAA s. 889): "clear" must not read as "not listed".
function uncounted(r: ScreeningReport): HTMLElement | null {
  const lists = r.uncounted_lists ?? [];
  if (lists.length === 0) return null;
  const keys = new Set(lists.map((l) => l.key));
  const n = (r.listings ?? []).filter((li) => li.in_force && keys.has(li.list.key)).length;
  return h(
    "p",
    { id: "uncounted", class: "uncounted" },
    `But ${n} direct listing${n === 1 ? "" : "s"} in force ${n === 1 ? "is" : "are"} on binding or excluding lists that no policy profile here counts: `,
    lists.map((l) => l.title ?? l.key).join(", "),
    ". See “Direct listings” below.",
  );
}

function candidates(cands: Candidate[], matches: { iri: string; name?: string | null }[], hooks: ReportHooks): HTMLElement {
  const all: Candidate[] = [...matches.map((m) => ({ iri: m.iri, name: m.name })), ...cands];
  if (all.length === 0) return empty("Nothing in the graph resembles this name. Try the official name, an acronym or a ROR id.");
  return h(
    "div",
    { id: "candidates" },
    h("p", null, "Several organisations could be meant. Pick the one to screen:"),
    h(
      "ul",
      { class: "candidates" },
      all.map((c) =>
        h(
          "li",
          null,
          h("button", { type: "button", class: "candidate", "data-iri": c.iri, onclick: () => hooks.screen(c.iri, c.name) }, orgName(c.name, c.iri)),
          h("span", { class: "muted" }, ` ${sourceOf(c.iri)}${typeof c.score === "number" ? ` · score ${c.score.toFixed(2)}` : ""}${c.method ? ` · ${c.method}` : ""} · `),
          maybeLink(c.iri),
        ),
      ),
    ),
  );
}

export function sourceOf(iri: string): string {
  if (iri.startsWith("https://ror.org/")) return "ROR registry";
  const m = /\/id\/([^/]+)\//.exec(iri);
  return m ? `list: ${m[1]}` : "";
}

// ------------------------------------------------------------------ verdicts
function verdicts(vs: PolicyVerdict[]): HTMLElement {
  if (vs.length === 0) return section("verdicts", "Verdicts by policy", empty("No policy was evaluated."));
  const table = h(
    "table",
    { id: "verdict-table" },
    h("caption", { class: "sr-only" }, "Verdict of each policy"),
    h("thead", null, h("tr", null, h("th", { scope: "col" }, "Policy"), h("th", { scope: "col" }, "Verdict"), h("th", { scope: "col" }, "Rules"))),
    h(
      "tbody",
      null,
      vs.map((v) =>
        h(
          "tr",
          { class: "verdict-row", "data-profile": v.profile, "data-verdict": v.verdict },
          h("th", { scope: "row" }, h("a", { href: `#policy-${v.profile}` }, v.title)),
          h("td", null, badge(v.verdict)),
          h("td", null, v.rules.map((r) => r.verdict).filter((x) => x !== "clear").length
            ? `${v.rules.filter((r) => r.verdict !== "clear").length} of ${v.rules.length} triggered`
            : `${v.rules.length} checked, all clear`),
        ),
      ),
    ),
  );
  return section("verdicts", "Verdicts by policy", table, vs.map(policy));
}

function policy(v: PolicyVerdict): HTMLElement {
  return h(
    "details",
    { class: "policy", id: `policy-${v.profile}`, open: v.verdict !== "clear" },
    h("summary", null, h("strong", null, v.title), " ", badge(v.verdict)),
    h("p", { class: "muted" }, `${v.citation} · version ${v.version} · profile ${v.profile}`),
    v.rules.map((r) =>
      h(
        "div",
        { class: "rule", "data-rule": r.rule },
        h("h4", null, r.title, " ", badge(r.verdict)),
        r.facts && r.facts.length
          ? h("ul", { class: "facts" }, r.facts.map((f) => h("li", { class: f.startsWith("Context") ? "context" : "" }, f)))
          : h("p", { class: "muted" }, "No fact triggered this rule."),
        r.checked && r.checked.length > 0 &&
          h("details", { class: "checked" }, h("summary", null, `What was checked (${r.checked.length})`), h("ul", null, r.checked.map((c) => h("li", null, c)))),
      ),
    ),
  );
}

// ------------------------------------------------------------------ listings
function listingDates(l: Listing): string {
  const d = dates(l.listed_from, l.listed_until);
  return d || `in edition ${l.edition.key}`;
}

function listingsTable(ls: Listing[]): HTMLElement {
  return h(
    "table",
    { class: "listings" },
    h("thead", null, h("tr", null, ["List", "Edition", "Dates", "Legal effect", "In force", "Entry and link"].map((c) => h("th", { scope: "col" }, c)))),
    h(
      "tbody",
      null,
      ls.map((l) =>
        h(
          "tr",
          { class: "listing-row", "data-list": l.list.key },
          h("td", null, maybeLink(l.list.url, l.list.title ?? l.list.key), h("div", { class: "muted" }, [l.list.authority, l.list.jurisdiction].filter(Boolean).join(" · ")),
            l.programmes?.length ? h("div", { class: "muted" }, `Programmes: ${l.programmes.join("; ")}`) : null,
            l.citations?.length ? h("div", { class: "muted" }, `Citations: ${l.citations.join("; ")}`) : null),
          h("td", null, l.edition.key, l.edition.date && l.edition.date !== l.edition.key ? h("div", { class: "muted" }, l.edition.date) : null,
            l.edition.superseded ? h("div", { class: "muted" }, `superseded ${l.edition.superseded}`) : null),
          h("td", null, listingDates(l), h("div", { class: "muted small" }, l.time_note)),
          h("td", null, effectBadge(l.list.legal_effect)),
          h("td", null, l.in_force ? "yes" : "no"),
          h("td", null, `“${l.name_as_listed ?? l.entity.name ?? ""}”`, h("div", { class: "muted small" }, `source: ${l.entity.source ?? "?"}`,
            l.link_method ? ` · linked by ${l.link_method}${typeof l.link_score === "number" ? ` (${l.link_score.toFixed(2)})` : ""}` : " · same node")),
        ),
      ),
    ),
  );
}

// ------------------------------------------------------------------ exposure paths
function stepView(s: Step): HTMLElement {
  const rel = relationLabel(s.relation);
  const arrow = s.direction === "forward" ? `— ${rel} →` : `← ${rel} —`;
  const extra = [s.source && `source: ${s.source}`, dates(s.start_date, s.end_date), typeof s.score === "number" ? `score ${s.score.toFixed(2)}` : "", s.method ?? ""]
    .filter(Boolean).join(" · ");
  return h("li", null, h("span", { class: "rel" }, arrow), " ", orgName(s.to_name, s.to_iri), extra ? h("span", { class: "muted small" }, ` (${extra})`) : null);
}

function exposureView(e: Exposure, hooks: ReportHooks): HTMLElement {
  const first = e.path[0];
  return h(
    "article",
    { class: `exposure ${e.current ? "" : "not-current"}`, "data-target": e.target.iri },
    h("h3", null, orgName(e.target.name, e.target.iri), " ", effectBadge(e.strongest_effect),
      e.military_end_use ? h("span", { class: "badge sev-mid" }, "military end-use") : null,
      h("span", { class: "muted small" }, ` ${e.hops} hop${e.hops === 1 ? "" : "s"} · ${e.current ? "current" : "not current at this date"}`)),
    h("ol", { class: "path", "aria-label": "Path from the subject" },
      first ? h("li", null, orgName(first.from_name, first.from_iri)) : null, e.path.map(stepView)),
    e.listings?.length ? listingsTable(e.listings) : null,
    h("button", { type: "button", class: "link", onclick: () => hooks.screen(e.target.iri, e.target.name) }, `Screen ${orgName(e.target.name, e.target.iri)}`),
  );
}

function inherited(es: Exposure[], hooks: ReportHooks): HTMLElement {
  return section("inherited", "Inherited exposure",
    h("p", { class: "muted" }, "Listings reached through the hierarchy (parents, children), succession or ownership, with the path."),
    es.length ? es.map((e) => exposureView(e, hooks)) : empty("None found within the hops searched."));
}

function connections(es: Exposure[], hooks: ReportHooks): HTMLElement {
  const shown = es.slice(0, CONNECTIONS_SHOWN);
  return section("connections", "Connections — context, not a finding",
    h("p", { class: "muted" }, "Listed organisations reached through other chains of relations. They are shown for context and never turn a clear verdict into a finding by themselves."),
    es.length
      ? h("details", null, h("summary", null, `${es.length} connection${es.length > 1 ? "s" : ""}${es.length > shown.length ? ` (first ${shown.length} shown)` : ""}`),
          shown.map((e) => exposureView(e, hooks)))
      : empty("None found within the hops searched."));
}

// ------------------------------------------------------------------ areas, funders, coverage
function areas(list: AreaFact[]): HTMLElement {
  if (!list.length) return section("areas", "Research areas and end-uses", empty("No sensitive area or end-use recorded."));
  return section("areas", "Research areas and end-uses", h("table", null,
    h("thead", null, h("tr", null, ["Area", "Basis", "Source", "Via"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", null, list.map((a) => h("tr", null,
      h("td", null, a.label || a.concept.split("/").slice(-2).join(" / "), a.is_end_use ? h("span", { class: "badge sev-mid" }, "end-use") : null,
        a.scheme ? h("div", { class: "muted small" }, a.scheme) : null),
      h("td", null, a.basis ?? "", typeof a.confidence === "number" ? h("span", { class: "muted small" }, ` (${a.confidence.toFixed(2)})`) : null),
      h("td", null, a.source ?? ""),
      h("td", null, a.via ? `${orgName(a.via.name, a.via.iri)}${a.relation ? ` (${relationLabel(a.relation)})` : ""}` : ""))))));
}

function funders(fs: FunderFact[]): HTMLElement {
  if (!fs.length) return section("funders", "Funders", empty("No funder recorded."));
  return section("funders", "Funders", h("table", null,
    h("thead", null, h("tr", null, ["Funder", "Kind", "Dates", "Source"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", null, fs.map((f) => h("tr", null, h("td", null, orgName(f.funder.name, f.funder.iri)), h("td", null, f.kind ?? ""),
      h("td", null, dates(f.start_date, f.end_date)), h("td", null, f.source ?? ""))))));
}

function coverage(cs: CoverageItem[]): HTMLElement {
  if (!cs.length) return section("coverage", "Coverage", empty("No list is loaded: nothing was checked."));
  return section("coverage", "Coverage",
    h("p", { class: "muted" }, "The lists and editions searched, and which were in force at the report date."),
    h("table", { class: "coverage" },
      h("thead", null, h("tr", null, ["List", "Jurisdiction", "Legal effect", "Editions loaded", "In force", "Data date"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", null, cs.map((c) => h("tr", { class: "coverage-row" },
        h("td", null, maybeLink(c.list.url, c.list.title ?? c.list.key), h("div", { class: "muted small" }, c.list.authority ?? "")),
        h("td", null, c.list.jurisdiction ?? ""),
        h("td", null, effectBadge(c.list.legal_effect)),
        h("td", null, c.editions.map((e) => e.key).join(", ")),
        h("td", null, c.in_force.length ? c.in_force.join(", ") : h("span", { class: "muted" }, "none")),
        h("td", null, c.data_date ?? ""))))));
}

// ------------------------------------------------------------------ the whole report
export function renderReport(root: HTMLElement, r: ScreeningReport, hooks: ReportHooks, graphSection: HTMLElement | null): void {
  const parts: (HTMLElement | null)[] = [
    summary(r, hooks),
    r.subject ? verdicts(r.verdicts ?? []) : null,
    graphSection,
    r.subject ? section("listings", "Direct listings", (r.listings ?? []).length ? listingsTable(r.listings ?? []) : empty("Not listed in any loaded list.")) : null,
    r.subject ? inherited(r.inherited ?? [], hooks) : null,
    r.subject ? connections(r.connections ?? [], hooks) : null,
    r.subject ? areas(r.areas ?? []) : null,
    r.subject ? funders(r.funders ?? []) : null,
    coverage(r.coverage ?? []),
  ];
  root.replaceChildren(...parts.filter((x): x is HTMLElement => x !== null));
}
