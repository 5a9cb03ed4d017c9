import { Link, useSearchParams } from "react-router";
import { ErrorNotice, Loading, PageHeader, Pagination } from "../../components/common";
import { EmptyState } from "../../components/EmptyState";
import { CheckIcon } from "../../components/Icons";
import { RoleGate } from "../../components/RoleGate";
import { countryName, formatDate } from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { useReviewQueue } from "./hooks";
import { ApplicationStatus, TimeLeft } from "./shared";
import "./certificates.css";

/** Staff: applications waiting for a decision, least time left against the target first (server order). */
export function ReviewQueuePage() {
  const { t } = useI18n();
  useDocumentTitle(t("certificates.queue.title"));
  return (
    <section className="container page">
      <PageHeader title={t("certificates.queue.title")} intro={t("certificates.queue.intro")} />
      <RoleGate allow={["staff", "admin"]} audience="gate.audience.staff">
        {() => <Queue />}
      </RoleGate>
    </section>
  );
}

function Queue() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const { data, error, isLoading, refetch } = useReviewQueue(page);
  if (isLoading) return <Loading />;
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!data || data.results.length === 0)
    return <EmptyState icon={<CheckIcon />} title={t("certificates.queue.empty")} body="" />;
  return (
    <>
      {/* Scrolls sideways inside its card on a phone, not the page. */}
      <div className="table-wrap card card--flush">
        <table className="table" data-testid="review-queue">
          <thead>
            <tr>
              <th>{t("certificates.timeLeft.label")}</th>
              <th>{t("certificates.reference")}</th>
              <th>{t("certificates.holder")}</th>
              <th>{t("certificates.field.counterparty_country")}</th>
              <th>{t("certificates.status.label")}</th>
              <th>{t("certificates.submitted")}</th>
            </tr>
          </thead>
          <tbody>
            {data.results.map((a) => (
              <tr key={a.id} data-testid="queue-row">
                <td>
                  <TimeLeft seconds={a.review_seconds_left} paused={a.clock_paused} />
                </td>
                <td>
                  <Link to={`/certificates/${a.id}`}>{a.reference}</Link>
                </td>
                <td>
                  <bdi>{a.organization_name}</bdi>
                </td>
                <td>{a.counterparty_country ? countryName(a.counterparty_country, lang) : "—"}</td>
                <td>
                  <ApplicationStatus status={a.status} />
                </td>
                <td>{formatDate(a.last_submitted_at ?? a.submitted_at, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        page={page}
        pageCount={Math.ceil(data.count / 20)}
        onPage={(next) => setParams((p) => (p.set("page", String(next)), p))}
      />
    </>
  );
}
