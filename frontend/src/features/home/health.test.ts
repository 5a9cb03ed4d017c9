import { describe, expect, it } from "vitest";
import { HealthUnavailableError, parseHealth } from "./health";

describe("parseHealth", () => {
  it("orders known components first and keeps extra ones", () => {
    const report = parseHealth({
      status: "ok",
      components: {
        broker: { status: "ok" },
        cache: { status: "ok" },
        database: { status: "ok" },
        search: { status: "ok" },
      },
    });
    expect(report.components.map((c) => c.name)).toEqual(["database", "search", "broker", "cache"]);
    expect(report.status).toBe("ok");
  });

  it("marks missing or malformed components unknown and derives the overall status", () => {
    const report = parseHealth({ components: { database: { status: "ok" }, search: "??" } });
    expect(report.components).toEqual([
      { name: "database", status: "ok" },
      { name: "search", status: "unknown" },
      { name: "broker", status: "unknown" },
    ]);
    expect(report.status).toBe("degraded");
  });

  it("rejects bodies without components", () => {
    expect(() => parseHealth(null)).toThrow(HealthUnavailableError);
    expect(() => parseHealth({ status: "ok" })).toThrow(HealthUnavailableError);
    expect(() => parseHealth({ components: [] })).toThrow(HealthUnavailableError);
  });
});
