import { Link, useNavigate, useSearchParams } from "react-router";
import { isStaffRole, useAuth } from "../../auth";
import { ErrorNotice, Loading, PageHeader, Pagination } from "../../components/common";
import { EmptyState } from "../../components/EmptyState";
import { ClipboardIcon } from "../../components/Icons";
import { RoleGate } from "../../components/RoleGate";
import { countryName, formatDate } from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { ApplicationForm } from "./ApplicationForm";
import { useApplicationActions, useMyApplications } from "./hooks";
import { ApplicationStatus, TimeLeft } from "./shared";
import "./certificates.css";

/** Member: my force-majeure applications and certificates, with status and time left. */
export function ApplicationsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("certificates.mine.title"));
  const { state } = useAuth();
  const staff = state.status === "authenticated" && isStaffRole(state.user.role);
  return (
    <section className="container page">
      <PageHeader
        title={t("certificates.mine.title")}
        intro={t("certificates.mine.intro")}
        actions={
          staff ? (
            <Link className="button button--primary" to="/certificates/queue" data-testid="queue-link">
              {t("certificates.queue.title")}
            </Link>
          ) : (
            <Link className="button button--primary" to="/certificates/new" data-testid="application-new">
              {t("certificates.mine.new")}
            </Link>
          )
        }
      />
      <RoleGate allow={["vendor", "buyer", "staff", "admin"]} audience="gate.audience.members">
        {() => <ApplicationList />}
      </RoleGate>
    </section>
  );
}

function ApplicationList() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const { data, error, isLoading, refetch } = useMyApplications(page);
  if (isLoading) return <Loading />;
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!data || data.results.length === 0)
    return (
      <EmptyState
        icon={<ClipboardIcon />}
        title={t("certificates.mine.empty.title")}
        body={t("certificates.mine.empty.body")}
      />
    );
  return (
    <>
      {/* Scrolls sideways inside its card on a phone, not the page. */}
      <div className="table-wrap card card--flush">
        <table className="table" data-testid="applications">
          <thead>
            <tr>
              <th>{t("certificates.reference")}</th>
              <th>{t("certificates.field.counterparty_name")}</th>
              <th>{t("certificates.status.label")}</th>
              <th>{t("certificates.timeLeft.label")}</th>
              <th>{t("certificates.certificate")}</th>
            </tr>
          </thead>
          <tbody>
            {data.results.map((application) => (
              <tr key={application.id} data-testid="application-row">
                <td>
                  <Link to={`/certificates/${application.id}`}>{application.reference}</Link>
                  <div className="muted">{formatDate(application.created_at, lang)}</div>
                </td>
                <td>
                  {application.counterparty_name || "—"}
                  {application.counterparty_country ? (
                    <div className="muted">{countryName(application.counterparty_country, lang)}</div>
                  ) : null}
                </td>
                <td>
                  <ApplicationStatus status={application.status} />
                </td>
                <td>
                  {application.status === "approved" || application.status === "rejected" ? (
                    "—"
                  ) : (
                    <TimeLeft seconds={application.review_seconds_left} paused={application.clock_paused} />
                  )}
                </td>
                <td>{application.certificate?.number ?? "—"}</td>
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

/** Member: start a draft (contract and facts); evidence and submission follow on its page. */
export function NewApplicationPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { create } = useApplicationActions();
  useDocumentTitle(t("certificates.new.title"));
  return (
    <section className="container page">
      <PageHeader title={t("certificates.new.title")} intro={t("certificates.new.intro")} />
      <RoleGate allow={["vendor", "buyer"]} audience="certificates.audience">
        {() => (
          <ApplicationForm
            saveLabel={t("certificates.form.saveDraft")}
            onSave={async (body) => {
              const created = await create.mutateAsync({ body });
              void navigate(`/certificates/${created.id}`);
            }}
          />
        )}
      </RoleGate>
    </section>
  );
}
