import { describe, expect, it } from "vitest";
import { apiUrl, DEFAULT_CONFIG, getConfig } from "./config";

describe("runtime config", () => {
  it("defaults when the server injected nothing", () => {
    expect(getConfig()).toEqual({ apiBase: "/api/v1", version: "dev" });
    expect(DEFAULT_CONFIG).toEqual({ apiBase: "/api/v1", version: "dev" });
    expect(apiUrl("health/")).toBe("/api/v1/health/");
  });

  it("reads window.__MEDMATCH_CONFIG__ and strips a trailing slash", () => {
    window.__MEDMATCH_CONFIG__ = { apiBase: "/backend/api/v1/", version: "1.4.0+abc123" };
    expect(getConfig()).toEqual({ apiBase: "/backend/api/v1", version: "1.4.0+abc123" });
    expect(apiUrl("/health/")).toBe("/backend/api/v1/health/");
  });

  it("ignores empty or wrongly typed values", () => {
    window.__MEDMATCH_CONFIG__ = { apiBase: "", version: 42 as unknown as string };
    expect(getConfig()).toEqual(DEFAULT_CONFIG);
  });
});
