import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { TradeServicesStatsApiOutput } from "../../api";
import { jsonResponse, mockApi, renderApp, signedIn } from "../../test/render";

const duration = (median: number | null, p90: number | null, share?: number | null) => ({
  count: median === null ? 0 : 4,
  median_hours: median,
  p90_hours: p90,
  ...(share === undefined ? {} : { within_target_share: share }),
});

const FIGURES: TradeServicesStatsApiOutput = {
  certificates: {
    target_hours: 24,
    applications: 212,
    by_status: { approved: 205, submitted: 7 },
    issued: 205,
    revoked: 1,
    submission_to_issue: duration(5.5, 22, 0.93),
    by_month: [
      { month: "2020-02", applications: 12, issued: 10, median_hours: 6.25, p90_hours: 30, within_target_share: 0.8 },
      { month: "2020-03", applications: 200, issued: 195, median_hours: 5, p90_hours: 20, within_target_share: 0.95 },
    ],
    by_counterparty_country: [
      { country: "PE", applications: 3, issued: 3, median_hours: 4, p90_hours: 8, within_target_share: 1 },
    ],
  },
  consultations: {
    total: 40,
    by_status: { closed: 30, assigned: 10 },
    by_topic: { force_majeure: 25, other: 15 },
    first_response: duration(2.5, 9),
    time_to_close: duration(48, 120),
  },
};

function mockDashboard(figures: TradeServicesStatsApiOutput | (() => Response)) {
  return mockApi({
    "GET stats/trade-services/": figures,
    "GET stats/": () => jsonResponse({ code: "unavailable", message: "" }, 503),
    "GET organizations/": { count: 0, next: null, previous: null, results: [] },
    "GET proposals/": { count: 0, next: null, previous: null, results: [] },
    "GET introductions/": { count: 0, next: null, previous: null, results: [] },
  });
}

describe("Trade-service figures on the staff dashboard", () => {
  it("shows applications, issued, median/p90 and share within the target, by month and country", async () => {
    mockDashboard(FIGURES);
    renderApp("/staff/dashboard", { auth: signedIn("staff") });

    expect((await screen.findByTestId("stat-fm-applications")).textContent).toBe("212Certificate applications");
    expect(screen.getByTestId("stat-fm-issued").textContent).toBe("205Certificates issued");
    expect(screen.getByTestId("stat-fm-hours").textContent).toContain("5.5 / 22");
    expect(screen.getByTestId("stat-fm-within-target").textContent).toBe("93%Issued within 24 h");
    const months = within(screen.getByTestId("fm-by-month")).getAllByTestId("fm-by-month-row");
    expect(months.map((row) => row.textContent)).toEqual(["2020-0212106.33080%", "2020-0320019552095%"]);
    expect(within(screen.getByTestId("fm-by-country")).getByTestId("fm-by-country-row").textContent).toBe(
      "Peru3348100%",
    );
    expect(screen.getByTestId("stat-consultation-first-response").textContent).toContain("2.5 / 9");
    expect(screen.getByTestId("stat-consultation-close").textContent).toContain("48 / 120");
  });

  it("is translated, and shows a dash where nothing was issued yet", async () => {
    mockDashboard({
      ...FIGURES,
      certificates: { ...FIGURES.certificates, issued: 0, submission_to_issue: duration(null, null, null) },
    });
    renderApp("/staff/dashboard", { auth: signedIn("staff"), lang: "ar" });

    expect((await screen.findByTestId("stat-fm-within-target")).textContent).toBe("–صدرت خلال 24 ساعة");
    expect(screen.getByTestId("stat-fm-hours").textContent).toContain("– / –");
    expect(screen.getByRole("heading", { name: "الخدمات التجارية" })).toBeTruthy();
  });
});
