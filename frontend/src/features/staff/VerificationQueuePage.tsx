import { Link, useSearchParams } from "react-router";
import type { VerificationStatusEnum } from "../../api";
import { ErrorNotice, Loading, PageHeader, Pagination, StatusPill, useEnumLabel } from "../../components/common";
import { EmptyState } from "../../components/EmptyState";
import { CheckIcon } from "../../components/Icons";
import { RoleGate } from "../../components/RoleGate";
import { countryName, formatDate } from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { QUEUE_PAGE_SIZE, REVIEW_STATUSES, useVerificationQueue } from "./hooks";

function isReviewStatus(value: string | null): value is VerificationStatusEnum {
  return value !== null && (REVIEW_STATUSES as readonly string[]).includes(value);
}

/** Organisations waiting for verification, oldest first; status and page live in the URL. */
export function VerificationQueue() {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  const [params, setParams] = useSearchParams();
  const rawStatus = params.get("status");
  const status = isReviewStatus(rawStatus) ? rawStatus : "pending";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const queue = useVerificationQueue(status, page);

  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== "page") next.delete("page");
    setParams(next);
  };

  return (
    <>
      <div className="toolbar">
        <label className="field field--inline">
          <span className="field__label">{t("staff.verification.filter.status")}</span>
          <select
            value={status}
            onChange={(event) => setParam("status", event.target.value === "pending" ? "" : event.target.value)}
            data-testid="verification-status"
          >
            {REVIEW_STATUSES.map((value) => (
              <option key={value} value={value}>
                {enumLabel("verification", value)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {queue.isLoading ? <Loading /> : null}
      {queue.error ? <ErrorNotice error={queue.error} onRetry={() => void queue.refetch()} /> : null}
      {queue.data && queue.data.results.length === 0 ? (
        <EmptyState
          icon={<CheckIcon />}
          title={t("staff.verification.empty.title")}
          body={t("staff.verification.empty.body")}
        />
      ) : null}
      {queue.data && queue.data.results.length > 0 ? (
        <ul className="card-list" data-testid="verification-queue">
          {queue.data.results.map((organization) => (
            <li key={organization.id} className="card queue-item" data-testid="verification-item">
              <div className="queue-item__main">
                <h2 className="queue-item__title">
                  <Link to={`/staff/organizations/${organization.id}`}>{organization.name}</Link>
                </h2>
                <p className="muted small">
                  {enumLabel("role", organization.kind)} · {countryName(organization.country, lang)}
                  {organization.city ? ` · ${organization.city}` : ""}
                </p>
              </div>
              <div className="queue-item__side">
                <StatusPill
                  status={organization.verification_status}
                  label={enumLabel("verification", organization.verification_status)}
                />
                <span className="muted small">
                  {t("staff.verification.col.waiting")} {formatDate(organization.created_at, lang)}
                </span>
                <Link
                  className="button button--primary button--small"
                  to={`/staff/organizations/${organization.id}`}
                  aria-label={`${t("staff.verification.open")}: ${organization.name}`}
                >
                  {t("staff.verification.open")}
                </Link>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {queue.data ? (
        <Pagination
          page={page}
          pageCount={Math.ceil(queue.data.count / QUEUE_PAGE_SIZE)}
          onPage={(next) => setParam("page", String(next))}
        />
      ) : null}
    </>
  );
}

export function VerificationQueuePage() {
  const { t } = useI18n();
  useDocumentTitle(t("staff.verification.title"));
  return (
    <section>
      <PageHeader title={t("staff.verification.title")} intro={t("staff.verification.intro")} />
      <RoleGate allow={["staff", "admin"]} audience="staff.audience">
        {() => <VerificationQueue />}
      </RoleGate>
    </section>
  );
}
