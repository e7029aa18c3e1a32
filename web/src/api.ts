// Calls to the rskg API (same origin). Every call carries `X-API-Key` when the user has given a key (kept in
// sessionStorage: gone when the tab closes). A 401 raises AuthRequired so the page can show the key field.

const KEY = "rskg.apiKey";

export class AuthRequired extends Error {
  constructor(message = "This API needs a key.") {
    super(message);
    this.name = "AuthRequired";
  }
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function getKey(): string {
  try {
    return sessionStorage.getItem(KEY) ?? "";
  } catch {
    return "";
  }
}

export function setKey(value: string): void {
  try {
    if (value) sessionStorage.setItem(KEY, value);
    else sessionStorage.removeItem(KEY);
  } catch {
    /* storage disabled: the key lasts for this call only */
  }
}

function headers(extra: Record<string, string> = {}): Headers {
  const h = new Headers(extra);
  const key = getKey();
  if (key) h.set("X-API-Key", key);
  return h;
}

async function detail(res: Response): Promise<string> {
  const text = await res.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { detail?: unknown; title?: unknown };
    const d = body.detail ?? body.title;
    if (typeof d === "string") return d;
    if (Array.isArray(d))
      return d.map((x) => (typeof x === "object" && x && "msg" in x ? String((x as { msg: unknown }).msg) : String(x))).join("; ");
    if (d) return JSON.stringify(d);
  } catch {
    /* not JSON */
  }
  return text.slice(0, 300) || res.statusText;
}

async function check(res: Response): Promise<Response> {
  if (res.status === 401) throw new AuthRequired((await detail(res)) || "This API needs a key.");
  if (res.status === 403) throw new ApiError(`This key may not do that: ${await detail(res)}`, 403);
  if (!res.ok) throw new ApiError(`${res.status} ${await detail(res)}`, res.status);
  return res;
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { headers: headers({ Accept: "application/json" }), signal });
  return (await check(res)).json() as Promise<T>;
}

export async function postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, {
    method: "POST",
    headers: headers({ Accept: "application/json", "Content-Type": "application/json" }),
    body: JSON.stringify(body),
    signal,
  });
  return (await check(res)).json() as Promise<T>;
}

/** POST a file as the raw request body (the batch endpoint reads `Content-Type: text/csv` bodies). */
export async function postFile(path: string, file: Blob, type: string, accept: string, signal?: AbortSignal): Promise<Blob> {
  const res = await fetch(path, { method: "POST", headers: headers({ Accept: accept, "Content-Type": type }), body: file, signal });
  return (await check(res)).blob();
}
