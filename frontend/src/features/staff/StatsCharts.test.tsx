import { render, screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import type { StatsApiOutput } from "../../api";
import { I18nProvider } from "../../i18n";
import { mockApi, renderApp, signedIn } from "../../test/render";
import { chartRows, StatsBarChart } from "./StatsCharts";

const STATS: StatsApiOutput = {
  approvals: 3,
  introductions: 3,
  proposals: { total: 10, by_status: { proposed: 5, approved: 3, rejected: 2 } },
  deals: { count: 1, quantity: 50000, value_by_currency: [] },
  conversion: { approval_rate: 0.6, deal_rate: 0.33, deal_rate_of_closed: 1, reply_rate: 0.66 },
  pipeline: [
    { status: "awaiting_reply", count: 2 },
    { status: "deal", count: 1 },
  ],
  filters: { category: null, country: null, created_after: null, created_before: null },
  by_month: [
    { month: "2026-10", proposals: 4, introductions: 1, deals: 0, approvals: 1, deal_quantity: 0, deal_value: {} },
    { month: "2026-11", proposals: 6, introductions: 2, deals: 1, approvals: 2, deal_quantity: 50000, deal_value: {} },
  ],
  by_country: [
    { country: "FR", proposals: 7, introductions: 2, deals: 1, approvals: 2, deal_quantity: 50000, deal_value: {} },
  ],
  by_category: [
    {
      category: 1,
      slug: "surgical-masks",
      hs_code: "6307.90",
      names: { en: "Surgical masks", zh: "医用外科口罩" },
      proposals: 10,
      introductions: 3,
      deals: 1,
      approvals: 3,
      deal_quantity: 50000,
      deal_value: {},
    },
  ],
};

beforeAll(() => {
  // jsdom has no layout; Recharts' ResponsiveContainer only needs the observer to exist.
  if (!("ResizeObserver" in globalThis)) {
    class NoopResizeObserver {
      observe() {}
      unobserve() {}
      disconnect() {}
    }
    Object.assign(globalThis, { ResizeObserver: NoopResizeObserver });
  }
});

describe("Stats charts", () => {
  it("turns each breakdown into rows labelled in the reader's language", () => {
    expect(chartRows(STATS, "month", "en").map((row) => [row.label, row.proposals])).toEqual([
      ["2026-10", 4],
      ["2026-11", 6],
    ]);
    expect(chartRows(STATS, "country", "en")[0]?.label).toBe("France");
    expect(chartRows(STATS, "category", "zh")[0]?.label).toBe("医用外科口罩");
  });

  it("draws a chart from the rows, with the same figures in a table", () => {
    render(
      <I18nProvider initialLanguage="en">
        <StatsBarChart title="By month" rows={chartRows(STATS, "month", "en")} testId="chart-month" />
      </I18nProvider>,
    );
    const card = screen.getByTestId("chart-month");
    expect(within(card).getByRole("heading", { name: "By month" })).toBeTruthy();
    expect(card.querySelector(".recharts-responsive-container")).not.toBeNull();
    const table = within(card).getByTestId("chart-month-table");
    const cells = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole("cell")
          .map((cell) => cell.textContent),
      );
    expect(cells).toEqual([
      ["4", "1", "0"],
      ["6", "2", "1"],
    ]);
  });

  it("says so when there is nothing to draw", () => {
    render(
      <I18nProvider initialLanguage="en">
        <StatsBarChart title="By country" rows={[]} testId="chart-country" />
      </I18nProvider>,
    );
    expect(screen.getByText("No figures yet.")).toBeTruthy();
    expect(screen.getByTestId("chart-country").querySelector(".recharts-responsive-container")).toBeNull();
  });

  it("the dashboard shows the counts that need attention and the pipeline", async () => {
    const calls = mockApi({
      "GET stats/": STATS,
      "GET organizations/": { count: 4, next: null, previous: null, results: [] },
      "GET proposals/": { count: 5, next: null, previous: null, results: [] },
      "GET introductions/": { count: 2, next: null, previous: null, results: [] },
    });
    renderApp("/staff/dashboard", { auth: signedIn("staff") });
    await waitFor(() =>
      expect(screen.getByTestId("count-pending-verifications").textContent).toBe("4Pending verifications"),
    );
    await waitFor(() =>
      expect(screen.getByTestId("count-proposals-to-review").textContent).toBe("5Proposals to review"),
    );
    await waitFor(() =>
      expect(screen.getByTestId("count-overdue-introductions").textContent).toBe("2Overdue introductions"),
    );
    expect((await screen.findByTestId("stat-introductions")).textContent).toContain("3");
    expect(within(screen.getByTestId("pipeline")).getByText("Awaiting reply")).toBeTruthy();
    expect(calls.find((c) => c.path === "introductions/")?.query.get("overdue")).toBe("true");
    expect(calls.find((c) => c.path === "proposals/")?.query.get("status")).toBe("proposed");
  });
});
