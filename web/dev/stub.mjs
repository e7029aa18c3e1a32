// A tiny stand-in for the rskg API, for developing the page before (or without) the real one:
//   node dev/stub.mjs            # serves ../api/static and the endpoints on http://127.0.0.1:8765
//   STUB_KEY=secret node dev/stub.mjs   # every call needs `X-API-Key: secret` (tests the key field)
// Answers come from dev/fixtures/*.json (real output of queries.screen / queries.network over the samples).
import { createServer } from "node:http";
import { readFileSync, existsSync, statSync } from "node:fs";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const staticDir = resolve(here, "../../api/static");
const fixture = (name) => JSON.parse(readFileSync(join(here, "fixtures", name), "utf8"));
const port = Number(process.env.PORT ?? 8765);
const key = process.env.STUB_KEY ?? "";
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".txt": "text/plain; charset=utf-8", ".json": "application/json" };

const heu = fixture("screen_heu.json");
const unresolved = fixture("screen_candidates.json");
const network = fixture("network_heu.json");
const HEU = "harbin engineering university";

function send(res, status, body, type = "application/json") {
  res.writeHead(status, { "Content-Type": type });
  res.end(typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body));
}

function body(req) {
  return new Promise((ok) => {
    const parts = [];
    req.on("data", (c) => parts.push(c));
    req.on("end", () => ok(Buffer.concat(parts)));
  });
}

function screenOne(query) {
  const text = query.trim().toLowerCase();
  if (text === HEU || text === "heu" || text.startsWith("https://ror.org/03x80pn82") || text.includes("/harbin-engineering-university") || text.includes("d691c2a3"))
    return { ...heu, query };
  return { ...unresolved, query, resolution: { decision: "none", matches: [], candidates: [] } };
}

function csvCell(v) {
  const s = String(v ?? "");
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

createServer(async (req, res) => {
  const url = new URL(req.url, "http://stub");
  const path = url.pathname;
  const api = path === "/resolve" || path.startsWith("/screen") || path.startsWith("/entities/");
  if (api && key && req.headers["x-api-key"] !== key) return send(res, 401, { detail: "missing or unknown API key" });
  if (path === "/resolve") {
    const text = (url.searchParams.get("q") ?? "").trim().toLowerCase();
    const hit = text.length >= 3 && HEU.includes(text);
    const r = unresolved.resolution;
    return send(res, 200, { input: url.searchParams.get("q"), decision: hit ? r.decision : "none", matches: hit ? r.matches : [], candidates: hit ? r.candidates : [] });
  }
  if (path === "/screen" && req.method === "POST") {
    const b = JSON.parse((await body(req)).toString("utf8") || "{}");
    if (!b.query) return send(res, 422, { detail: [{ msg: "query: field required" }] });
    return send(res, 200, screenOne(b.query));
  }
  if (path === "/screen/batch" && req.method === "POST") {
    // like the real API: the CSV is the raw request body (Content-Type: text/csv)
    if (!(req.headers["content-type"] ?? "").startsWith("text/csv")) return send(res, 415, { detail: "send text/csv" });
    const csv = (await body(req)).toString("utf8").replace(/^\uFEFF/, "").trim();
    const lines = csv.split(/\r?\n/).filter(Boolean);
    const cols = lines[0]?.split(",") ?? [];
    const at = cols.indexOf("name");
    if (at < 0) return send(res, 400, { detail: "the CSV file needs a 'name' column" });
    const out = ["row,name,country,decision,subject_iri,subject_name,strongest,listings,inherited,connections,top_list,top_effect"];
    lines.slice(1).forEach((line, i) => {
      const name = line.split(",")[at] ?? "";
      const r = screenOne(name);
      out.push([i + 1, name, "", r.resolution.decision, r.subject?.iri ?? "", r.subject?.name ?? "", r.strongest, r.listings?.length ?? 0, r.inherited?.length ?? 0, r.connections?.length ?? 0, r.listings?.[0]?.list.key ?? "", r.listings?.[0]?.list.legal_effect ?? ""].map(csvCell).join(","));
    });
    res.writeHead(200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="screening.csv"' });
    return res.end(out.join("\r\n") + "\r\n");
  }
  const m = /^\/entities\/(.+)\/network$/.exec(path);
  if (m) {
    const id = decodeURIComponent(m[1]);
    if (id === "03x80pn82" || id === "https://ror.org/03x80pn82") return send(res, 200, network);
    return send(res, 404, { detail: `no organisation or person ${id}` });
  }
  // static files
  const file = normalize(join(staticDir, path === "/" ? "index.html" : decodeURIComponent(path)));
  if (!file.startsWith(staticDir) || !existsSync(file) || !statSync(file).isFile()) return send(res, 404, { detail: "not found" });
  return send(res, 200, readFileSync(file), TYPES[extname(file)] ?? "application/octet-stream");
}).listen(port, "127.0.0.1", () => console.log(`rskg stub API on http://127.0.0.1:${port}${key ? " (key required)" : ""}`));
