// The picture of a partner's connections, drawn with cytoscape (bundled; loaded on first use). Nodes are
// coloured by the legal effect of their strongest listing, the subject is ringed, and each edge is labelled
// "RELATION · source". `window.__rskgGraph` exposes the cytoscape instance (read by the end-to-end test).
import type { Core, ElementDefinition, NodeSingular } from "cytoscape";
import { h } from "./dom";
import { EFFECT_COLOUR, EFFECT_LABEL, effectKey, relationLabel } from "./labels";
import type { Network } from "./types";

declare global {
  interface Window {
    __rskgGraph?: Core;
  }
}

let cy: Core | null = null;

export function legend(): HTMLElement {
  return h(
    "ul",
    { class: "legend", "aria-label": "Colour key" },
    (Object.keys(EFFECT_COLOUR) as (keyof typeof EFFECT_COLOUR)[]).map((k) =>
      h("li", null, h("span", { class: "swatch", style: `background:${EFFECT_COLOUR[k]}` }), EFFECT_LABEL[k]),
    ),
    h("li", null, h("span", { class: "swatch subject" }), "the partner screened"),
  );
}

function truncate(text: string, n = 40): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

export function elements(net: Network, subject: string): ElementDefinition[] {
  const ids = new Set(net.nodes.map((n) => n.iri));
  const nodes: ElementDefinition[] = net.nodes.map((n) => ({
    group: "nodes",
    data: {
      id: n.iri,
      name: n.name ?? n.iri,
      // List entries often share the organisation's name: say which list each is.
      label: truncate(n.name ?? n.iri) + (n.lists?.length ? `\n[${n.lists.join(", ")}]` : ""),
      kind: n.label ?? "",
      source: n.source ?? "",
      lists: n.lists ?? [],
      hops: n.hops ?? null,
      effect: effectKey(n.legal_effect),
      color: EFFECT_COLOUR[effectKey(n.legal_effect)],
      subject: n.iri === subject,
    },
  }));
  const edges: ElementDefinition[] = net.edges
    .filter((e) => ids.has(e.from) && ids.has(e.to))
    .map((e, i) => ({
      group: "edges",
      data: {
        id: `e${i}`,
        source: e.from,
        target: e.to,
        relation: e.relation,
        origin: e.source ?? "",
        label: `${e.relation} · ${e.source ?? "?"}`,
      },
    }));
  return [...nodes, ...edges];
}

export async function draw(container: HTMLElement, net: Network, subject: string, onSelect: (n: NodeSingular | null) => void): Promise<Core> {
  const { default: cytoscape } = await import("cytoscape");
  cy?.destroy();
  cy = cytoscape({
    container,
    elements: elements(net, subject),
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      {
        selector: "node",
        style: {
          "background-color": "data(color)",
          label: "data(label)",
          "font-size": 10,
          "text-valign": "bottom",
          "text-margin-y": 4,
          "text-wrap": "wrap",
          "text-max-width": "120px",
          color: "#1b1b1b",
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.8,
          "text-background-padding": "1px",
          width: 26,
          height: 26,
          "border-width": 1,
          "border-color": "#ffffff",
        },
      },
      { selector: "node[kind = 'Person']", style: { shape: "round-rectangle" } },
      {
        selector: "node[?subject]",
        style: { width: 44, height: 44, "border-width": 5, "border-color": "#111111", "font-weight": "bold", "font-size": 12, "z-index": 10 },
      },
      { selector: "node:selected", style: { "overlay-color": "#000", "overlay-opacity": 0.15, "overlay-padding": 6 } },
      {
        selector: "edge",
        style: {
          width: 1.5,
          "line-color": "#9e9e9e",
          "target-arrow-color": "#9e9e9e",
          "target-arrow-shape": "triangle",
          "curve-style": "bezier",
          label: "data(label)",
          "font-size": 9,
          color: "#424242",
          "text-rotation": "autorotate",
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.85,
          "text-background-padding": "1px",
        },
      },
    ],
    // Force-directed: related organisations pulled together, labels kept apart.
    layout: {
      name: "cose",
      animate: false,
      randomize: false,
      nodeDimensionsIncludeLabels: true,
      idealEdgeLength: () => 160,
      nodeRepulsion: () => 12000,
      padding: 24,
    },
  });
  cy.on("tap", "node", (evt) => onSelect(evt.target as NodeSingular));
  cy.on("tap", (evt) => {
    if (evt.target === cy) onSelect(null);
  });
  window.__rskgGraph = cy;
  return cy;
}

export function fit(): void {
  cy?.fit(undefined, 20);
}

/** A text alternative to the picture: its nodes and edges as a table. */
export function asTable(net: Network): HTMLElement {
  const names = new Map(net.nodes.map((n) => [n.iri, n.name ?? n.iri]));
  return h(
    "details",
    { class: "graph-text" },
    h("summary", null, `The picture as text (${net.nodes.length} organisations, ${net.edges.length} relations)`),
    h(
      "table",
      null,
      h("thead", null, h("tr", null, ["From", "Relation", "To", "Source"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", null, net.edges.map((e) =>
        h("tr", null, h("td", null, names.get(e.from) ?? e.from), h("td", null, relationLabel(e.relation)), h("td", null, names.get(e.to) ?? e.to), h("td", null, e.source ?? ""))),
      ),
    ),
    h("ul", null, net.nodes.filter((n) => n.legal_effect).map((n) =>
      h("li", null, `${n.name ?? n.iri}: ${EFFECT_LABEL[effectKey(n.legal_effect)]}${n.lists?.length ? ` (${n.lists.join(", ")})` : ""}`))),
  );
}
