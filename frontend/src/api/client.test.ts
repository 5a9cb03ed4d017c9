import { describe, expect, it } from "vitest";
import { ApiError, apiCall, buildQuery, parseFieldErrors } from ".";
import { jsonResponse, mockApi } from "../test/render";

describe("the generated client (apiCall)", () => {
  it("sends the CSRF token and JSON on writes, with same-origin credentials", async () => {
    document.cookie = "csrftoken=tok%3D123";
    const calls = mockApi({ "POST auth/login/": { id: 1, email: "a@b.c" } });
    const body = await apiCall("post", "/api/v1/auth/login/", { body: { email: "a@b.c", password: "x" } });
    expect(body).toEqual({ id: 1, email: "a@b.c" });
    expect(calls[0]?.headers["X-CSRFToken"]).toBe("tok=123");
    expect(calls[0]?.headers["Content-Type"]).toBe("application/json");
    expect(calls[0]?.body).toEqual({ email: "a@b.c", password: "x" });
    const request = (fetch as unknown as { mock: { calls: [Request][] } }).mock.calls[0]?.[0];
    expect(request?.credentials).toBe("same-origin");
  });

  it("sends the page's language so that the server answers in it", async () => {
    const calls = mockApi({ "GET requests/": { count: 0, results: [] } });
    document.documentElement.lang = "zh";
    await apiCall("get", "/api/v1/requests/");
    document.documentElement.lang = "ar";
    await apiCall("get", "/api/v1/requests/");
    document.documentElement.lang = "en";
    await apiCall("get", "/api/v1/requests/");
    expect(calls.map((call) => call.headers["Accept-Language"])).toEqual(["zh-Hans, en;q=0.5", "ar, en;q=0.5", "en"]);
  });

  it("does not send the CSRF header on reads and appends the query", async () => {
    document.cookie = "csrftoken=abc";
    const calls = mockApi({ "GET search/products/": { count: 0 } });
    await apiCall("get", "/api/v1/search/products/", {
      params: { query: { q: "mask", category: ["a", "b"], sort: undefined } },
    });
    expect(calls[0]?.headers["X-CSRFToken"]).toBeUndefined();
    expect(calls[0]?.query.getAll("category")).toEqual(["a", "b"]);
    expect(calls[0]?.query.has("page")).toBe(false);
  });

  it("turns the API error shape into an ApiError with flattened fields", async () => {
    mockApi({
      "POST auth/register/": () =>
        jsonResponse(
          {
            code: "invalid",
            message: "The request has invalid fields.",
            fields: {
              email: [{ code: "unique", message: "Taken." }],
              legal_names: { en: [{ code: "blank", message: "Blank." }] },
            },
          },
          400,
        ),
    });
    const error = await apiCall("post", "/api/v1/auth/register/", { body: {} as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe("invalid");
    expect(apiError.fields.email).toEqual([{ code: "unique", message: "Taken." }]);
    expect(apiError.fields["legal_names.en"]).toEqual([{ code: "blank", message: "Blank." }]);
  });

  it("reports 503 as unavailable, HTML errors by status and network failures as status 0", async () => {
    mockApi({
      "GET search/products/": () => jsonResponse({ code: "search_unavailable", message: "Search is down." }, 503),
      "GET proposals/": () => new Response("<html>nope</html>", { status: 502 }),
    });
    const down = (await apiCall("get", "/api/v1/search/products/").catch((e: unknown) => e)) as ApiError;
    expect(down.unavailable).toBe(true);
    expect(down.code).toBe("search_unavailable");
    const html = (await apiCall("get", "/api/v1/proposals/").catch((e: unknown) => e)) as ApiError;
    expect(html.status).toBe(502);
    expect(html.code).toBe("http_502");

    const { vi } = await import("vitest");
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.reject(new TypeError("Failed to fetch"))),
    );
    const offline = (await apiCall("get", "/api/v1/health/").catch((e: unknown) => e)) as ApiError;
    expect(offline.network).toBe(true);
  });
});

describe("throttling", () => {
  it("keeps the server's Retry-After in seconds, so the page can say how long to wait", async () => {
    mockApi({
      "POST auth/login/": () =>
        new Response(JSON.stringify({ code: "throttled", message: "Request was throttled." }), {
          status: 429,
          headers: { "Content-Type": "application/json", "Retry-After": "2400" },
        }),
    });
    const error = (await apiCall("post", "/api/v1/auth/login/", { body: { email: "a@b.c", password: "x" } }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error.status).toBe(429);
    expect(error.code).toBe("throttled");
    expect(error.retryAfterSeconds).toBe(2400);
  });
});

describe("a runtime API base", () => {
  it("sends the schema's /api/v1 paths to the configured base", async () => {
    window.__MEDMATCH_CONFIG__ = { apiBase: "/medmatch/api/v1" };
    const seen: string[] = [];
    const { vi } = await import("vitest");
    vi.stubGlobal(
      "fetch",
      vi.fn(async (request: Request) => {
        seen.push(new URL(request.url).pathname);
        return new Response("{}", { status: 200, headers: { "Content-Type": "application/json" } });
      }),
    );
    await apiCall("get", "/api/v1/health/");
    expect(seen).toEqual(["/medmatch/api/v1/health/"]);
  });
});

describe("helpers", () => {
  it("builds queries without empty values", () => {
    expect(buildQuery({ q: "a b", n: 0, none: null, empty: "", list: ["x", ""], flag: false, yes: true })).toBe(
      "q=a+b&n=0&list=x&yes=true",
    );
  });

  it("reads plain strings and nested lists in field errors", () => {
    expect(
      parseFieldErrors({ a: "bad", b: [{ message: "x" }], c: [{ inner: [{ code: "c", message: "deep" }] }] }),
    ).toEqual({
      a: [{ code: "invalid", message: "bad" }],
      b: [{ code: "invalid", message: "x" }],
      "c.0.inner": [{ code: "c", message: "deep" }],
    });
  });
});
