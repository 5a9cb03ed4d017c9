import { useState } from "react";
import type { DocumentOutput } from "../../api";
import { EmptyState } from "../../components/EmptyState";
import { UploadIcon } from "../../components/Icons";
import { ErrorNotice, Loading, PageHeader, StatusPill } from "../../components/common";
import { formatDate } from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { useMarketLabel } from "../../components/useMarketLabel";
import { DocumentUploadForm } from "./DocumentUploadForm";
import { useDocuments, useOrganizationActions, useOrganizationId } from "./hooks";
import { daysUntil, expiryOf, todayIso } from "./verification";

const EXPIRY_TONES = { expired: "down", soon: "pending", valid: "ok", none: "unknown" } as const;

/** One document of the list, with its validity warning and a delete that asks once more. */
export function DocumentItem({
  document,
  today,
  onDelete,
}: {
  document: DocumentOutput;
  today: string;
  onDelete: () => void;
}) {
  const { t, lang } = useI18n();
  const marketLabel = useMarketLabel();
  const [confirming, setConfirming] = useState(false);
  const expiry = expiryOf(document, today);
  return (
    <li
      className="card document-item"
      data-testid="document-item"
      data-type={document.document_type}
      data-expiry={expiry}
    >
      <div className="document-item__head">
        <strong>{t(`vendor.documentType.${document.document_type}` as "vendor.documentType.other")}</strong>
        <StatusPill
          status={document.review_status}
          label={t(`vendor.review.${document.review_status}` as "vendor.review.pending")}
        />
        {expiry !== "none" ? (
          <span className={`pill pill--${EXPIRY_TONES[expiry]}`} data-testid="document-expiry">
            {expiry === "expired"
              ? t("vendor.expiry.expired")
              : expiry === "soon"
                ? t("vendor.expiry.soon", { days: daysUntil(document.valid_until ?? today, today) })
                : t("vendor.expiry.valid")}
          </span>
        ) : null}
      </div>
      <dl className="facts facts--compact">
        <dt>{t("vendor.document.file")}</dt>
        <dd dir="auto">
          <a href={document.download_url}>{document.original_name}</a>
        </dd>
        {document.number ? (
          <>
            <dt>
              {t(document.document_type === "certificate" ? "vendor.document.number" : "vendor.document.number.other")}
            </dt>
            <dd dir="ltr">{document.number}</dd>
          </>
        ) : null}
        {document.issuer ? (
          <>
            <dt>{t("vendor.document.issuer")}</dt>
            <dd dir="auto">{document.issuer}</dd>
          </>
        ) : null}
        {document.valid_from || document.valid_until ? (
          <>
            <dt>{t("vendor.document.validity")}</dt>
            <dd data-testid="document-validity">
              {formatDate(document.valid_from, lang) || "—"} – {formatDate(document.valid_until, lang) || "—"}
            </dd>
          </>
        ) : null}
        {document.markets.length ? (
          <>
            <dt>{t("vendor.document.markets")}</dt>
            <dd>{document.markets.map(marketLabel).join(", ")}</dd>
          </>
        ) : null}
        {document.standards.length ? (
          <>
            <dt>{t("vendor.document.standards")}</dt>
            <dd dir="ltr">{document.standards.join(", ")}</dd>
          </>
        ) : null}
        {document.review_status === "rejected" && document.review_note ? (
          <>
            <dt>{t("vendor.review.reason")}</dt>
            <dd dir="auto">{document.review_note}</dd>
          </>
        ) : null}
      </dl>
      <div className="contact-item__actions">
        {confirming ? (
          <>
            <button
              type="button"
              className="button button--danger"
              onClick={onDelete}
              data-testid="document-delete-confirm"
            >
              {t("vendor.delete.confirm")}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setConfirming(false)}>
              {t("vendor.cancel")}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => setConfirming(true)}
            data-testid="document-delete"
          >
            {t("vendor.delete")}
          </button>
        )}
      </div>
    </li>
  );
}

export function DocumentsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("vendor.documents.title"));
  const organizationId = useOrganizationId();
  const documents = useDocuments(organizationId);
  const { deleteDocument } = useOrganizationActions();
  const today = todayIso();
  const rows = documents.data?.results ?? [];
  return (
    <div className="stack" data-testid="vendor-documents">
      <PageHeader title={t("vendor.documents.title")} intro={t("vendor.documents.intro")} />
      <DocumentUploadForm organizationId={organizationId} onDone={() => documents.refetch()} />
      <section className="stack" aria-labelledby="documents-list">
        <h2 id="documents-list">{t("vendor.documents.list")}</h2>
        {documents.isLoading ? <Loading /> : null}
        {documents.error ? <ErrorNotice error={documents.error} onRetry={() => void documents.refetch()} /> : null}
        {documents.data && rows.length === 0 ? (
          <EmptyState
            icon={<UploadIcon />}
            title={t("vendor.documents.empty")}
            body={t("vendor.documents.empty.body")}
          />
        ) : null}
        {deleteDocument.error ? <ErrorNotice error={deleteDocument.error} /> : null}
        <ul className="document-list">
          {rows.map((document) => (
            <DocumentItem
              key={document.id}
              document={document}
              today={today}
              onDelete={() =>
                deleteDocument.mutate({
                  params: { path: { organization_id: organizationId, document_id: document.id } },
                })
              }
            />
          ))}
        </ul>
      </section>
    </div>
  );
}
