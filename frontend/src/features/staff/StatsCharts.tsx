// The dashboard's charts (Recharts). Each takes rows from `stats/` and draws them; a table
// with the same figures follows each chart for screen readers and for copying.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { StatsApiOutput } from "../../api";
import { countryName, formatNumber, localizedText } from "../../format";
import { useI18n } from "../../i18n";
import type { Language, MessageKey } from "../../i18n";

export type ChartRow = { label: string; proposals: number; introductions: number; deals: number };

const SERIES: { key: keyof Omit<ChartRow, "label">; label: MessageKey; color: string }[] = [
  { key: "proposals", label: "staff.dashboard.series.proposals", color: "#5b6b8c" },
  { key: "introductions", label: "staff.dashboard.series.introductions", color: "#1f6feb" },
  { key: "deals", label: "staff.dashboard.series.deals", color: "#1a7f37" },
];

/** The rows of one breakdown of `stats/`, labelled in the reader's language. */
export function chartRows(stats: StatsApiOutput, by: "month" | "country" | "category", lang: Language): ChartRow[] {
  if (by === "month") {
    return stats.by_month.map((row) => ({
      label: row.month,
      proposals: row.proposals,
      introductions: row.introductions,
      deals: row.deals,
    }));
  }
  if (by === "country") {
    return stats.by_country.map((row) => ({
      label: countryName(row.country, lang),
      proposals: row.proposals,
      introductions: row.introductions,
      deals: row.deals,
    }));
  }
  return stats.by_category.map((row) => ({
    label: localizedText(row.names, lang, row.slug || row.hs_code),
    proposals: row.proposals,
    introductions: row.introductions,
    deals: row.deals,
  }));
}

/** One grouped bar chart (proposals, introductions, deals per label) and its table. */
export function StatsBarChart({ title, rows, testId }: { title: string; rows: ChartRow[]; testId: string }) {
  const { t, lang, dir } = useI18n();
  const titleId = `${testId}-title`;
  return (
    <section className="card chart-card" aria-labelledby={titleId} data-testid={testId}>
      <h2 id={titleId}>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t("staff.dashboard.noData")}</p>
      ) : (
        <>
          <div className="chart-card__chart">
            <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 480, height: 260 }}>
              <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer title={title}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" reversed={dir === "rtl"} tick={{ fontSize: 12 }} />
                <YAxis allowDecimals={false} orientation={dir === "rtl" ? "right" : "left"} width={40} />
                <Tooltip />
                <Legend />
                {SERIES.map((series) => (
                  <Bar
                    key={series.key}
                    dataKey={series.key}
                    name={t(series.label)}
                    fill={series.color}
                    isAnimationActive={false}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <details className="chart-card__table">
            <summary>{t("staff.dashboard.table")}</summary>
            <table className="table" data-testid={`${testId}-table`}>
              <thead>
                <tr>
                  <th scope="col">{title}</th>
                  {SERIES.map((series) => (
                    <th scope="col" key={series.key}>
                      {t(series.label)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.label}>
                    <th scope="row">{row.label}</th>
                    {SERIES.map((series) => (
                      <td key={series.key}>{formatNumber(row[series.key], lang)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}
