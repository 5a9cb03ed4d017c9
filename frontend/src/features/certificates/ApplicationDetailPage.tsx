import { useParams } from "react-router";
import type { ApplicationOutput } from "../../api";
import type { User } from "../../auth";
import { isStaffRole } from "../../auth";
import { ErrorNotice, Loading, PageHeader } from "../../components/common";
import { RoleGate } from "../../components/RoleGate";
import { countryName, formatDate, formatMoney, isolate } from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { CertificatePanel, EvidenceList, MemberActions, StaffActions } from "./ApplicationPanels";
import { ApplicationForm } from "./ApplicationForm";
import { useApplication, useApplicationActions } from "./hooks";
import { ApplicationStatus, TimeLeft } from "./shared";
import "./certificates.css";

const EDITABLE = ["draft", "info_requested"];

/** One application: its facts and evidence; the member edits and submits, staff decide. */
export function ApplicationDetailPage() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  useDocumentTitle(t("certificates.detail.title"));
  const applicationId = Number(id);
  return (
    <section className="container page">
      <RoleGate allow={["vendor", "buyer", "staff", "admin"]} audience="gate.audience.members">
        {(user) =>
          Number.isInteger(applicationId) && applicationId > 0 ? (
            <ApplicationView applicationId={applicationId} user={user} />
          ) : (
            <ErrorNotice error={new Error("not found")} />
          )
        }
      </RoleGate>
    </section>
  );
}

function ApplicationView({ applicationId, user }: { applicationId: number; user: User }) {
  const { t } = useI18n();
  const { data, error, isLoading, refetch } = useApplication(applicationId);
  const { update } = useApplicationActions();
  if (isLoading) return <Loading />;
  if (error || !data) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  const staff = isStaffRole(user.role);
  const own = !staff && user.organization_id === data.organization;
  const editable = own && EDITABLE.includes(data.status);
  return (
    <div className="stack" data-testid="application" data-status={data.status}>
      <PageHeader
        title={`${t("certificates.detail.title")} ${data.reference}`}
        intro={isolate(data.organization_name)}
        actions={<ApplicationStatus status={data.status} />}
      />
      {data.status === "approved" || data.status === "rejected" ? null : (
        <p>
          {t("certificates.timeLeft.label")}: <TimeLeft seconds={data.review_seconds_left} paused={data.clock_paused} />
        </p>
      )}
      {data.info_request ? (
        <div className="notice notice--warning" data-testid="info-request">
          <strong>{t("certificates.detail.infoRequest")}</strong> {data.info_request}
        </div>
      ) : null}
      {data.member_reply ? (
        <p>
          <strong>{t("certificates.detail.memberReply")}</strong> {data.member_reply}
        </p>
      ) : null}
      {data.rejection_reason ? (
        <div className="notice notice--error" data-testid="rejection-reason">
          <strong>{t("certificates.detail.rejected")}</strong> {data.rejection_reason}
        </div>
      ) : null}
      {data.certificate ? <CertificatePanel certificateId={data.certificate.id} staff={staff} /> : null}
      {editable ? (
        <ApplicationForm
          key={data.updated_at}
          application={data}
          saveLabel={t("certificates.form.save")}
          onSave={(body) => update.mutateAsync({ params: { path: { application_id: data.id } }, body })}
        />
      ) : (
        <Facts application={data} />
      )}
      <EvidenceList application={data} editable={editable} inline={staff} />
      {editable ? <MemberActions application={data} /> : null}
      {staff ? <StaffActions application={data} /> : null}
    </div>
  );
}

function Facts({ application: a }: { application: ApplicationOutput }) {
  const { t, lang } = useI18n();
  const rows: [string, string][] = [
    [t("certificates.field.counterparty_name"), a.counterparty_name],
    [
      t("certificates.field.counterparty_country"),
      a.counterparty_country ? countryName(a.counterparty_country, lang) : "",
    ],
    [t("certificates.field.contract_number"), a.contract_number],
    [t("certificates.field.contract_date"), formatDate(a.contract_date, lang)],
    [t("certificates.field.goods"), a.goods],
    [
      t("certificates.field.contract_value"),
      a.contract_value ? formatMoney(Number(a.contract_value), a.currency, lang) : "",
    ],
    [t("certificates.field.obligation"), a.obligation],
    [t("certificates.field.obligation_due_date"), formatDate(a.obligation_due_date, lang)],
    [t("certificates.field.event_description"), a.event_description],
    [t("certificates.field.event_location"), a.event_location],
    [t("certificates.verify.eventPeriod"), `${formatDate(a.event_start, lang)} – ${formatDate(a.event_end, lang)}`],
  ];
  return (
    <div className="card">
      <dl className="facts" data-testid="facts">
        {rows.map(([label, value]) => (
          <div key={label} style={{ display: "contents" }}>
            <dt>{label}</dt>
            <dd dir="auto">{value || "—"}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
