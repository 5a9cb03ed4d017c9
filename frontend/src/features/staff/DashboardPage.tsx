import { Link } from "react-router";
import type { StatsApiOutput } from "../../api";
import { ErrorNotice, Loading, PageHeader, useEnumLabel } from "../../components/common";
import { RoleGate } from "../../components/RoleGate";
import { formatNumber } from "../../format";
import { useI18n } from "../../i18n";
import type { Language } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { TradeServicesFigures } from "../certificates/TradeServicesFigures";
import { useDashboard } from "./hooks";
import { chartRows, StatsBarChart } from "./StatsCharts";

function Count({ label, value, to, testId }: { label: string; value: number | undefined; to: string; testId: string }) {
  const { lang } = useI18n();
  return (
    <Link to={to} className="card stat-tile" data-testid={testId}>
      <span className="stat-tile__value">{value === undefined ? "…" : formatNumber(value, lang)}</span>
      <span className="stat-tile__label">{label}</span>
    </Link>
  );
}

function percent(value: number | null, lang: Language): string {
  if (value === null) return "–";
  return new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 }).format(value);
}

function Figures({ stats }: { stats: StatsApiOutput }) {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  return (
    <>
      <div className="stat-tiles">
        <div className="card stat-tile" data-testid="stat-introductions">
          <span className="stat-tile__value">{formatNumber(stats.introductions, lang)}</span>
          <span className="stat-tile__label">{t("staff.dashboard.introductions")}</span>
        </div>
        <div className="card stat-tile" data-testid="stat-deals">
          <span className="stat-tile__value">{formatNumber(stats.deals.count, lang)}</span>
          <span className="stat-tile__label">{t("staff.dashboard.deals")}</span>
        </div>
        <div className="card stat-tile" data-testid="stat-approval-rate">
          <span className="stat-tile__value">{percent(stats.conversion.approval_rate, lang)}</span>
          <span className="stat-tile__label">{t("staff.dashboard.approvalRate")}</span>
        </div>
      </div>
      <section className="card" aria-labelledby="pipeline-title" data-testid="pipeline">
        <h2 id="pipeline-title">{t("staff.dashboard.pipeline")}</h2>
        <ul className="pipeline">
          {stats.pipeline.map((row) => (
            <li key={row.status} data-status={row.status}>
              <span className="pipeline__count">{formatNumber(row.count, lang)}</span>{" "}
              <span>{enumLabel("introductionStatus", row.status)}</span>
            </li>
          ))}
        </ul>
      </section>
      <div className="chart-grid">
        <StatsBarChart
          title={t("staff.dashboard.byMonth")}
          rows={chartRows(stats, "month", lang)}
          testId="chart-month"
        />
        <StatsBarChart
          title={t("staff.dashboard.byCountry")}
          rows={chartRows(stats, "country", lang)}
          testId="chart-country"
        />
        <StatsBarChart
          title={t("staff.dashboard.byCategory")}
          rows={chartRows(stats, "category", lang)}
          testId="chart-category"
        />
      </div>
    </>
  );
}

function Dashboard() {
  const { t } = useI18n();
  const { stats, counts } = useDashboard();
  return (
    <>
      <div className="stat-tiles stat-tiles--attention">
        <Count
          label={t("staff.dashboard.pendingVerifications")}
          value={counts.pendingVerifications}
          to="/staff/verification"
          testId="count-pending-verifications"
        />
        <Count
          label={t("staff.dashboard.proposalsToReview")}
          value={counts.proposalsToReview}
          to="/proposals"
          testId="count-proposals-to-review"
        />
        <Count
          label={t("staff.dashboard.overdueIntroductions")}
          value={counts.overdueIntroductions}
          to="/introductions?overdue=true"
          testId="count-overdue-introductions"
        />
      </div>
      {stats.isLoading ? <Loading /> : null}
      {stats.error ? <ErrorNotice error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      {stats.data ? <Figures stats={stats.data} /> : null}
      <TradeServicesFigures />
    </>
  );
}

export function DashboardPage() {
  const { t } = useI18n();
  useDocumentTitle(t("staff.dashboard.title"));
  return (
    <section>
      <PageHeader title={t("staff.dashboard.title")} intro={t("staff.dashboard.intro")} />
      <RoleGate allow={["staff", "admin"]} audience="staff.audience">
        {() => <Dashboard />}
      </RoleGate>
    </section>
  );
}
