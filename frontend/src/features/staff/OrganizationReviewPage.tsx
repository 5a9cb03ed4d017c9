import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useParams } from "react-router";
import type { ApiError, AuditEventOutput, OrganizationDetailOutput } from "../../api";
import { ErrorNotice, Field, FormErrors, Loading, PageHeader, StatusPill, useEnumLabel } from "../../components/common";
import { applyApiErrors, fieldErrors } from "../../components/form";
import { RoleGate } from "../../components/RoleGate";
import { countryName, formatDate } from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { DocumentViewer } from "./DocumentViewer";
import { useOrganizationDecision, useOrganizationReview } from "./hooks";

function OrganizationFacts({ organization }: { organization: OrganizationDetailOutput }) {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  const legalNames = Object.entries(organization.legal_names);
  return (
    <section className="card" aria-labelledby="org-details">
      <h2 id="org-details">{t("staff.org.details")}</h2>
      <dl className="org-facts">
        <dt>{t("staff.verification.col.kind")}</dt>
        <dd>
          {enumLabel("role", organization.kind)}
          {organization.buyer_type ? ` · ${enumLabel("buyerType", organization.buyer_type)}` : ""}
        </dd>
        <dt>{t("staff.verification.col.country")}</dt>
        <dd>
          {countryName(organization.country, lang)}
          {organization.city ? ` · ${organization.city}` : ""}
        </dd>
        {organization.registration_id ? (
          <>
            <dt>{t("staff.org.registrationId")}</dt>
            <dd>
              <bdi>{organization.registration_id}</bdi>
            </dd>
          </>
        ) : null}
        {organization.address ? (
          <>
            <dt>{t("staff.org.address")}</dt>
            <dd>{organization.address}</dd>
          </>
        ) : null}
        {organization.website ? (
          <>
            <dt>{t("staff.org.website")}</dt>
            <dd>
              <bdi>{organization.website}</bdi>
            </dd>
          </>
        ) : null}
        {legalNames.length ? (
          <>
            <dt>{t("staff.org.legalNames")}</dt>
            <dd>
              <ul className="plain-list">
                {legalNames.map(([code, name]) => (
                  <li key={code} lang={code}>
                    <span className="muted small">{code}</span> {name}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
      <h3>{t("staff.org.contacts")}</h3>
      {organization.contacts && organization.contacts.length ? (
        <ul className="plain-list" data-testid="org-contacts">
          {organization.contacts.map((contact) => (
            <li key={contact.id}>
              <strong>{contact.name}</strong>
              {contact.role ? ` · ${contact.role}` : ""} · <bdi>{contact.email}</bdi>
              {contact.phone ? (
                <>
                  {" "}
                  · <bdi>{contact.phone}</bdi>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("staff.org.noContacts")}</p>
      )}
      <p className="muted small">
        {t("staff.verification.col.waiting")} {formatDate(organization.created_at, lang)}
      </p>
    </section>
  );
}

function DecisionPanel({ organization }: { organization: OrganizationDetailOutput }) {
  const { t } = useI18n();
  const { verify, reject } = useOrganizationDecision();
  const form = useForm<{ reason: string }>({ defaultValues: { reason: "" } });
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<"verified" | "rejected" | null>(null);
  const path = { params: { path: { organization_id: organization.id } } };
  const canVerify = organization.verification_status !== "verified";
  const canReject = organization.verification_status === "pending" || organization.verification_status === "verified";

  const onReject = form.handleSubmit(async ({ reason }) => {
    setError(null);
    try {
      await reject.mutateAsync({ ...path, body: { reason } });
      setDone("rejected");
      form.reset();
    } catch (caught) {
      setError(applyApiErrors(form, caught, ["reason"]));
    }
  });

  return (
    <section className="card" aria-labelledby="org-decision" data-testid="decision-panel">
      <h2 id="org-decision">{t("staff.org.decision")}</h2>
      {organization.verification_note ? (
        <p className="notice notice--info" data-testid="verification-note">
          <strong>{t("staff.org.note")}:</strong> {organization.verification_note}
        </p>
      ) : null}
      {organization.verification_status !== "pending" ? <p className="muted">{t("staff.org.notPending")}</p> : null}
      {done === "verified" ? (
        <p className="notice notice--ok" role="status" data-testid="decision-done">
          {t("staff.org.verified")}
        </p>
      ) : null}
      {done === "rejected" ? (
        <p className="notice notice--ok" role="status" data-testid="decision-done">
          {t("staff.org.rejected")}
        </p>
      ) : null}
      <FormErrors error={error} shown={["reason"]} />
      {canVerify ? (
        <button
          type="button"
          className="button button--primary"
          disabled={verify.isPending}
          onClick={async () => {
            setError(null);
            try {
              await verify.mutateAsync(path);
              setDone("verified");
            } catch (caught) {
              setError(applyApiErrors(form, caught, []));
            }
          }}
          data-testid="verify-organization"
        >
          {t("staff.org.verify")}
        </button>
      ) : null}
      {canReject ? (
        <form onSubmit={onReject} noValidate className="decision-panel__reject">
          <Field id="reject-reason" label={t("staff.org.rejectReason")} errors={fieldErrors(form, "reason")} required>
            {(describedBy, invalid) => (
              <textarea
                id="reject-reason"
                rows={3}
                maxLength={2000}
                {...form.register("reason")}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                data-testid="reject-reason"
              />
            )}
          </Field>
          <button
            type="submit"
            className="button button--danger"
            disabled={reject.isPending}
            data-testid="reject-organization"
          >
            {t("staff.org.reject")}
          </button>
        </form>
      ) : null}
    </section>
  );
}

export function AuditTrail({ events }: { events: AuditEventOutput[] }) {
  const { t, lang } = useI18n();
  if (events.length === 0) return <p className="muted">{t("staff.org.noAudit")}</p>;
  return (
    <ol className="audit-trail" data-testid="audit-trail">
      {events.map((event) => (
        <li key={event.id}>
          <time dateTime={event.created_at}>{formatDate(event.created_at, lang)}</time>{" "}
          <strong>
            <bdi>{event.action}</bdi>
          </strong>{" "}
          {event.from_state || event.to_state ? (
            <span className="muted">
              <bdi>
                {event.from_state || "–"} → {event.to_state || "–"}
              </bdi>
            </span>
          ) : null}{" "}
          <span className="muted small">
            {t("staff.org.auditBy", { who: event.actor_email ?? t("staff.org.auditSystem") })}
          </span>
          {event.reason ? <p className="audit-trail__reason">{event.reason}</p> : null}
        </li>
      ))}
    </ol>
  );
}

function OrganizationReview({ organizationId }: { organizationId: number }) {
  const { t } = useI18n();
  const enumLabel = useEnumLabel();
  const { organization, documents, audit } = useOrganizationReview(organizationId);
  useDocumentTitle(organization.data?.name ?? t("staff.verification.title"));
  if (organization.isLoading) return <Loading />;
  if (organization.error || !organization.data) {
    return <ErrorNotice error={organization.error} onRetry={() => void organization.refetch()} />;
  }
  const org = organization.data;
  return (
    <>
      <PageHeader
        title={org.name}
        actions={
          <StatusPill status={org.verification_status} label={enumLabel("verification", org.verification_status)} />
        }
      />
      <div className="review-layout">
        <div className="review-layout__main">
          <section aria-labelledby="org-documents">
            <h2 id="org-documents">{t("staff.org.documents")}</h2>
            {documents.isLoading ? <Loading /> : null}
            {documents.error ? <ErrorNotice error={documents.error} /> : null}
            {documents.data && documents.data.results.length === 0 ? (
              <p className="muted">{t("staff.org.noDocuments")}</p>
            ) : null}
            {documents.data?.results.map((document) => (
              <DocumentViewer key={document.id} document={document} />
            ))}
          </section>
        </div>
        <aside className="review-layout__side">
          <DecisionPanel organization={org} />
          <OrganizationFacts organization={org} />
          <section className="card" aria-labelledby="org-audit">
            <h2 id="org-audit">{t("staff.org.audit")}</h2>
            {audit.data ? <AuditTrail events={audit.data.results} /> : <Loading />}
          </section>
        </aside>
      </div>
    </>
  );
}

export function OrganizationReviewPage() {
  const { t } = useI18n();
  const { organizationId } = useParams();
  const id = Number(organizationId);
  return (
    <section>
      <p>
        <Link to="/staff/verification">
          <span className="flip-rtl" aria-hidden="true">
            ←
          </span>{" "}
          {t("staff.org.back")}
        </Link>
      </p>
      <RoleGate allow={["staff", "admin"]} audience="staff.audience">
        {() => (Number.isInteger(id) && id > 0 ? <OrganizationReview organizationId={id} /> : null)}
      </RoleGate>
    </section>
  );
}
