import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../../i18n";
import type { Language } from "../../i18n";
import { jsonResponse } from "../../test/render";
import { StatusCard } from "./StatusCard";

function renderCard(lang: Language = "en") {
  return render(
    <I18nProvider initialLanguage={lang}>
      <StatusCard />
    </I18nProvider>,
  );
}

const DEGRADED = {
  status: "degraded",
  components: {
    database: { status: "ok" },
    search: { status: "down", detail: "ConnectionError: opensearch:9200 refused" },
    broker: { status: "ok" },
  },
};

describe("StatusCard", () => {
  it("renders each component from a 503 degraded response", async () => {
    const fetchMock = vi.fn(async () => jsonResponse(DEGRADED, 503));
    vi.stubGlobal("fetch", fetchMock);
    renderCard();

    const search = await screen.findByTestId("component-search");
    expect(search.dataset.status).toBe("down");
    expect(within(search).getByText("Search")).toBeTruthy();
    expect(within(search).getByText("Down")).toBeTruthy();
    expect(within(search).getByText(/opensearch:9200 refused/)).toBeTruthy();

    for (const name of ["database", "broker"]) {
      const row = screen.getByTestId(`component-${name}`);
      expect(row.dataset.status).toBe("ok");
      expect(within(row).getByText("OK")).toBeTruthy();
    }
    expect(screen.getByTestId("status-summary").textContent).toBe("Degraded service");
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock).toHaveBeenCalledWith("/api/v1/health/", expect.anything());
  });

  it("shows all systems operational in Chinese", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        jsonResponse({
          status: "ok",
          components: { database: { status: "ok" }, search: { status: "ok" }, broker: { status: "ok" } },
        }),
      ),
    );
    renderCard("zh");
    await waitFor(() => expect(screen.getByTestId("status-summary").textContent).toBe("所有系统运行正常"));
    expect(within(screen.getByTestId("component-database")).getByText("数据库")).toBeTruthy();
    expect(screen.getAllByText("正常")).toHaveLength(3);
  });

  it("uses the apiBase from the injected runtime config", async () => {
    window.__MEDMATCH_CONFIG__ = { apiBase: "https://api.example.org/v1/" };
    const fetchMock = vi.fn(async () => jsonResponse(DEGRADED, 503));
    vi.stubGlobal("fetch", fetchMock);
    renderCard();
    await screen.findByTestId("component-search");
    expect(fetchMock).toHaveBeenCalledWith("https://api.example.org/v1/health/", expect.anything());
  });

  it.each([
    ["a network error", () => Promise.reject(new TypeError("Failed to fetch"))],
    ["a non-JSON 502", async () => new Response("<html>Bad gateway</html>", { status: 502 })],
    ["a 200 with HTML", async () => new Response("<!doctype html><html></html>", { status: 200 })],
    ["a JSON body without components", async () => jsonResponse({ detail: "nope" }, 503)],
  ])("shows 'unavailable' on %s", async (_name, impl) => {
    vi.stubGlobal("fetch", vi.fn(impl));
    renderCard();
    await waitFor(() => expect(screen.getByTestId("status-summary").textContent).toBe("Status unavailable"));
    expect(screen.queryByTestId("component-database")).toBeNull();
  });

  it("recovers on refresh", async () => {
    const fetchMock = vi
      .fn<() => Promise<Response>>()
      .mockRejectedValueOnce(new TypeError("Failed to fetch"))
      .mockResolvedValueOnce(jsonResponse(DEGRADED, 503));
    vi.stubGlobal("fetch", fetchMock);
    renderCard();
    await waitFor(() => expect(screen.getByTestId("status-summary").textContent).toBe("Status unavailable"));

    fireEvent.click(screen.getByRole("button", { name: "Refresh" }));
    expect(await screen.findByTestId("component-search")).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});
