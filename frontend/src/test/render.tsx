import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { MemoryRouter, useLocation } from "react-router";
import { vi } from "vitest";
import { App } from "../App";
import { AuthProvider } from "../auth";
import type { AuthState, Role } from "../auth";
import { I18nProvider } from "../i18n";
import type { Language } from "../i18n";

/** Shows the router's current location, so tests can check what a page put in the URL. */
function LocationProbe() {
  const location = useLocation();
  return (
    <output data-testid="location" hidden>
      {location.pathname + location.search}
    </output>
  );
}

export function signedIn(
  role: Role,
  overrides: Partial<{ id: number; email: string; full_name: string }> = {},
): AuthState {
  return {
    status: "authenticated",
    user: {
      id: overrides.id ?? 7,
      email: overrides.email ?? `${role}@example.org`,
      full_name: overrides.full_name ?? `Test ${role}`,
      role,
      organization_id: role === "staff" || role === "admin" ? null : 3,
      language: "en",
    },
  };
}

/** A fresh query client per test: no cache shared between cases, no retries to wait for. */
export function testQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  });
}

/** Renders the whole app at `path`, as main.tsx does but with an in-memory router. */
export function renderApp(
  path = "/",
  { lang = "en" as Language, onReady, auth }: { lang?: Language; onReady?: () => void; auth?: AuthState } = {},
) {
  return render(
    <QueryClientProvider client={testQueryClient()}>
      <MemoryRouter initialEntries={[path]}>
        <I18nProvider initialLanguage={lang}>
          <AuthProvider initialState={auth}>
            <App onReady={onReady} />
            <LocationProbe />
          </AuthProvider>
        </I18nProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

/** A fetch stub answering every call with `body` as JSON and the given HTTP status. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string>;
}

type Handler = (call: Call) => Response | Promise<Response>;

/**
 * Stubs `fetch` (the module boundary of the API client) with routes keyed "METHOD /path/"
 * (the path after /api/v1/, query string excluded). Unknown routes answer 404. Returns the
 * recorded calls.
 */
export function mockApi(routes: Record<string, Handler | Record<string, unknown> | unknown[]>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      // The generated client passes one Request; older call sites pass (url, init).
      const request = input instanceof Request ? input : null;
      const url = new URL(request ? request.url : String(input), "http://localhost");
      const method = (request?.method ?? init?.method ?? "GET").toUpperCase();
      const path = url.pathname.replace(/^\/api\/v1\//, "");
      let body: unknown = init?.body ?? null;
      let headers = (init?.headers ?? {}) as Record<string, string>;
      if (request) {
        // Header names come back lower-case; look them up in any case.
        const lower = Object.fromEntries(request.headers.entries());
        headers = new Proxy(lower, {
          get: (target, name) => (typeof name === "string" ? target[name.toLowerCase()] : undefined),
        });
        const type = request.headers.get("Content-Type") ?? "";
        body = type.includes("multipart/form-data") ? await request.formData() : (await request.text()) || null;
      }
      if (typeof body === "string") {
        try {
          body = JSON.parse(body);
        } catch {
          /* keep the text */
        }
      }
      const call: Call = { method, path, query: url.searchParams, body, headers };
      calls.push(call);
      const route = routes[`${method} ${path}`];
      if (route === undefined) return jsonResponse({ code: "not_found", message: "Not found." }, 404);
      if (typeof route === "function") return (route as Handler)(call);
      return jsonResponse(route);
    }),
  );
  return calls;
}
