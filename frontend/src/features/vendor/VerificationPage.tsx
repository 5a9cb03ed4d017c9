import { Link } from "react-router";
import { CheckIcon, CrossIcon } from "../../components/Icons";
import { ErrorNotice, FormErrors, Loading, PageHeader, StatusPill } from "../../components/common";
import { formatDate } from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { useContacts, useDocuments, useOrganization, useOrganizationActions, useOrganizationId } from "./hooks";
import { canRequestVerification, verificationChecklist } from "./verification";

/** Status, rejection reason, what is still missing, and "request verification". */
export function VerificationPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t("vendor.verification.title"));
  const organizationId = useOrganizationId();
  const organization = useOrganization(organizationId);
  const contacts = useContacts(organizationId);
  const documents = useDocuments(organizationId);
  const { requestVerification } = useOrganizationActions();
  const error = organization.error ?? contacts.error ?? documents.error;
  if (error) return <ErrorNotice error={error} onRetry={() => void organization.refetch()} />;
  if (!organization.data || !contacts.data || !documents.data) return <Loading />;
  const org = organization.data;
  const items = verificationChecklist(org, contacts.data.results, documents.data.results);
  const status = org.verification_status;
  const allowed = canRequestVerification(org, items);
  return (
    <div className="stack" data-testid="vendor-verification" data-status={status}>
      <PageHeader title={t("vendor.verification.title")} intro={t("vendor.verification.intro")} />
      <section className="card stack" aria-labelledby="verification-status">
        <h2 id="verification-status">{t("vendor.verification.status")}</h2>
        <p>
          <StatusPill status={status} label={t(`vendor.status.${status}`)} />{" "}
          <span data-testid="verification-status-text">{t(`vendor.status.${status}.body`)}</span>
        </p>
        {status === "verified" && org.verified_at ? (
          <p className="muted">{t("vendor.verification.since", { date: formatDate(org.verified_at, lang) })}</p>
        ) : null}
        {status === "rejected" && org.verification_note ? (
          <div className="notice notice--error" data-testid="rejection-reason">
            <strong>{t("vendor.verification.reason")}</strong> <span dir="auto">{org.verification_note}</span>
          </div>
        ) : null}
      </section>
      <section className="card stack" aria-labelledby="verification-checklist">
        <h2 id="verification-checklist">{t("vendor.verification.checklist")}</h2>
        <ul className="checklist">
          {items.map((item) => (
            <li
              key={item.key}
              className={`checklist__item${item.done ? " is-done" : ""}`}
              data-testid="checklist-item"
              data-key={item.key}
              data-done={item.done}
            >
              <span className="checklist__mark" aria-hidden="true">
                {item.done ? <CheckIcon /> : <CrossIcon />}
              </span>
              <span>
                {t(`vendor.check.${item.key}`)}{" "}
                <span className="muted small">
                  (
                  {item.done
                    ? t("vendor.check.done")
                    : item.required
                      ? t("vendor.check.required")
                      : t("vendor.check.recommended")}
                  )
                </span>
              </span>
              {!item.done ? (
                <Link to={item.to} className="checklist__link">
                  {t("vendor.check.fix")}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
        <FormErrors error={requestVerification.error} />
        {status === "unverified" || status === "rejected" ? (
          <div className="form-actions">
            <button
              type="button"
              className="button button--primary"
              disabled={!allowed || requestVerification.isPending}
              data-testid="request-verification"
              onClick={() => requestVerification.mutate({ params: { path: { organization_id: organizationId } } })}
            >
              {t("vendor.verification.request")}
            </button>
            {!allowed ? <span className="muted small">{t("vendor.verification.missing")}</span> : null}
          </div>
        ) : null}
      </section>
    </div>
  );
}
