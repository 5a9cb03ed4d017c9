/**
 * The one way the app talks to the REST API: an `openapi-fetch` client typed by the generated
 * schema (schema.gen.ts), so paths, parameters, bodies and answers are checked by tsc.
 *
 * - Same-origin session auth: cookies are sent, and writes carry Django's CSRF token
 *   (the `csrftoken` cookie set by the page) in `X-CSRFToken`.
 * - Paths are written as the schema has them (`/api/v1/...`); the runtime `apiBase`
 *   (config.ts) replaces that prefix, so one build serves any mount point.
 * - Every call says the reader's language (`Accept-Language`, from `<html lang>`, which the
 *   i18n provider sets), so the server's messages (validation, import rows, explanations)
 *   come back in it.
 * - `unwrap` turns a call's `{data, error, response}` into the data or an `ApiError`.
 */
import createClient from "openapi-fetch";
import type { Middleware } from "openapi-fetch";
import { getConfig } from "../config";
import { ApiError, apiErrorFrom, csrfToken } from "./errors";
import type { paths } from "./schema.gen";

const SCHEMA_PREFIX = "/api/v1";

// The UI's language codes as the server's catalogues name them (zh is Simplified Chinese).
const SERVER_LANGUAGE: Record<string, string> = { zh: "zh-Hans" };

/** `Accept-Language` for the page's current language, English as the fallback. */
export function acceptLanguage(): string {
  const lang = typeof document !== "undefined" ? document.documentElement.lang : "";
  if (!lang || lang === "en") return "en";
  return `${SERVER_LANGUAGE[lang] ?? lang}, en;q=0.5`;
}

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    const { apiBase } = getConfig();
    let target = request;
    const url = new URL(request.url);
    if (apiBase !== SCHEMA_PREFIX && url.pathname.startsWith(SCHEMA_PREFIX)) {
      url.pathname = apiBase + url.pathname.slice(SCHEMA_PREFIX.length);
      target = new Request(url, request);
    }
    target.headers.set("Accept", "application/json");
    target.headers.set("Accept-Language", acceptLanguage());
    if (target.method !== "GET" && target.method !== "HEAD") {
      const token = csrfToken();
      if (token) target.headers.set("X-CSRFToken", token);
    }
    return target;
  },
};

function origin(): string {
  return typeof window !== "undefined" ? window.location.origin : "http://localhost";
}

export const api = createClient<paths>({
  baseUrl: origin(),
  credentials: "same-origin",
  // Looked up on each call (not captured once), so tests can stub `fetch`.
  fetch: (request) => globalThis.fetch(request),
});
api.use(sessionMiddleware);

interface CallResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The data of a successful call; otherwise an `ApiError` (status 0 when the server could not
 * be reached, `not_json` when a success was not JSON). An aborted call rethrows the abort.
 */
export async function unwrap<T>(call: Promise<CallResult<T>>, signal?: AbortSignal): Promise<T> {
  let result: CallResult<T>;
  try {
    result = await call;
  } catch (error) {
    if (signal?.aborted || (error instanceof DOMException && error.name === "AbortError")) throw error;
    if (error instanceof SyntaxError)
      throw new ApiError(200, "not_json", "The server answered with something other than JSON.");
    throw new ApiError(0, "network", "The server could not be reached.", {}, null);
  }
  const { response } = result;
  if (!response.ok || result.error !== undefined) {
    throw apiErrorFrom(response.status, response.statusText, result.error, response.headers.get("Retry-After"));
  }
  // 204 No Content: openapi-fetch gives `{}`; callers of such endpoints ignore the value.
  return result.data as T;
}
