// The trade services on the staff dashboard: certificate applications and issue times (overall,
// by month of submission, by counterparty country) and consultation response times.
import type { TradeCertificates, TradeConsultations, TradeCountryRow, TradeDuration } from "../../api";
import { ErrorNotice, Loading } from "../../components/common";
import { countryName, formatNumber } from "../../format";
import { useI18n } from "../../i18n";
import type { Language } from "../../i18n";
import { useTradeServicesStats } from "./hooks";
import "./certificates.css";

function hours(value: number | null | undefined, lang: Language): string {
  if (value === null || value === undefined) return "–";
  return new Intl.NumberFormat(lang, { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
}

function share(value: number | null | undefined, lang: Language): string {
  if (value === null || value === undefined) return "–";
  return new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 }).format(value);
}

function Tile({ value, label, testId }: { value: string; label: string; testId: string }) {
  return (
    <div className="card stat-tile" data-testid={testId}>
      <span className="stat-tile__value">{value}</span>
      <span className="stat-tile__label">{label}</span>
    </div>
  );
}

type Row = { label: string; applications: number; issued: number } & Omit<TradeDuration, "count">;

function BreakdownTable({ title, rows, testId }: { title: string; rows: Row[]; testId: string }) {
  const { t, lang } = useI18n();
  const titleId = `${testId}-title`;
  return (
    <section className="card" aria-labelledby={titleId} data-testid={testId}>
      <h3 id={titleId}>{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t("staff.dashboard.noData")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{title}</th>
                <th scope="col">{t("certificates.stats.applications")}</th>
                <th scope="col">{t("certificates.stats.issued")}</th>
                <th scope="col">{t("certificates.stats.median")}</th>
                <th scope="col">{t("certificates.stats.p90")}</th>
                <th scope="col">{t("certificates.stats.withinTargetShort")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.label} data-testid={`${testId}-row`}>
                  <th scope="row">{row.label}</th>
                  <td className="num">{formatNumber(row.applications, lang)}</td>
                  <td className="num">{formatNumber(row.issued, lang)}</td>
                  <td className="num">{hours(row.median_hours, lang)}</td>
                  <td className="num">{hours(row.p90_hours, lang)}</td>
                  <td className="num">{share(row.within_target_share, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CertificateFigures({ figures }: { figures: TradeCertificates }) {
  const { t, lang } = useI18n();
  const issue = figures.submission_to_issue;
  const target = formatNumber(figures.target_hours, lang);
  const byCountry = (row: TradeCountryRow): Row => ({ ...row, label: countryName(row.country, lang) });
  return (
    <>
      <div className="stat-tiles">
        <Tile
          value={formatNumber(figures.applications, lang)}
          label={t("certificates.stats.applications")}
          testId="stat-fm-applications"
        />
        <Tile
          value={formatNumber(figures.issued, lang)}
          label={t("certificates.stats.issued")}
          testId="stat-fm-issued"
        />
        <Tile
          value={`${hours(issue.median_hours, lang)} / ${hours(issue.p90_hours, lang)}`}
          label={t("certificates.stats.medianP90")}
          testId="stat-fm-hours"
        />
        <Tile
          value={share(issue.within_target_share, lang)}
          label={t("certificates.stats.withinTarget", { hours: target })}
          testId="stat-fm-within-target"
        />
      </div>
      <div className="chart-grid">
        <BreakdownTable
          title={t("certificates.stats.byMonth")}
          rows={figures.by_month.map((row) => ({ ...row, label: row.month }))}
          testId="fm-by-month"
        />
        <BreakdownTable
          title={t("certificates.stats.byCountry")}
          rows={figures.by_counterparty_country.map(byCountry)}
          testId="fm-by-country"
        />
      </div>
    </>
  );
}

function ConsultationFigures({ figures }: { figures: TradeConsultations }) {
  const { t, lang } = useI18n();
  const first = figures.first_response;
  const close = figures.time_to_close;
  return (
    <div className="stat-tiles">
      <Tile value={formatNumber(figures.total, lang)} label={t("consultations.title")} testId="stat-consultations" />
      <Tile
        value={`${hours(first.median_hours, lang)} / ${hours(first.p90_hours, lang)}`}
        label={t("certificates.stats.firstResponse")}
        testId="stat-consultation-first-response"
      />
      <Tile
        value={`${hours(close.median_hours, lang)} / ${hours(close.p90_hours, lang)}`}
        label={t("certificates.stats.timeToClose")}
        testId="stat-consultation-close"
      />
    </div>
  );
}

/** The trade-services section of the staff dashboard. */
export function TradeServicesFigures() {
  const { t } = useI18n();
  const stats = useTradeServicesStats();
  return (
    <section
      className="stack trade-figures"
      aria-labelledby="trade-services-title"
      data-testid="trade-services-figures"
    >
      <h2 id="trade-services-title">{t("certificates.stats.title")}</h2>
      {stats.isLoading ? <Loading /> : null}
      {stats.error ? <ErrorNotice error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      {stats.data ? (
        <>
          <CertificateFigures figures={stats.data.certificates} />
          <ConsultationFigures figures={stats.data.consultations} />
        </>
      ) : null}
    </section>
  );
}
