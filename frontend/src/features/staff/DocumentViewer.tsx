import type { DocumentOutput } from "../../api";
import { getConfig } from "../../config";
import { formatDate } from "../../format";
import { useI18n } from "../../i18n";

/** The permission-checked file endpoint of a document, under the configured API base. */
export function documentFileUrl(document: DocumentOutput, { inline = false } = {}): string {
  const apiBase = getConfig().apiBase.replace(/\/$/, "");
  // download_url is the API path ("/api/v1/organizations/…/file/"); keep it relative to apiBase.
  const path = document.download_url.replace(/^\/api\/v1/, apiBase);
  return inline ? `${path}?inline=true` : path;
}

export type PreviewKind = "pdf" | "image" | "none";

export function previewKind(contentType: string): PreviewKind {
  if (contentType === "application/pdf") return "pdf";
  if (contentType.startsWith("image/")) return "image";
  return "none";
}

/** One document with its metadata, shown inline: a PDF in an <iframe>, an image as <img>. */
export function DocumentViewer({ document, today = new Date() }: { document: DocumentOutput; today?: Date }) {
  const { t, lang, has } = useI18n();
  const url = documentFileUrl(document, { inline: true });
  const kind = previewKind(document.content_type);
  const typeKey = `staff.doc.type.${document.document_type}`;
  const expired = document.valid_until !== null && new Date(document.valid_until) < today;
  return (
    <article className="card document-viewer" data-testid="document" data-kind={kind}>
      <header className="document-viewer__head">
        <h3>
          {has(typeKey) ? t(typeKey) : document.document_type} · <bdi>{document.original_name}</bdi>
        </h3>
        <a href={url} target="_blank" rel="noreferrer" className="button button--ghost button--small">
          {t("staff.doc.open")}
        </a>
      </header>
      <dl className="document-viewer__meta">
        {document.number ? (
          <>
            <dt>{t("staff.doc.number")}</dt>
            <dd>
              <bdi>{document.number}</bdi>
            </dd>
          </>
        ) : null}
        {document.issuer ? (
          <>
            <dt>{t("staff.doc.issuer")}</dt>
            <dd>{document.issuer}</dd>
          </>
        ) : null}
        {document.valid_from || document.valid_until ? (
          <>
            <dt>{t("staff.doc.validity")}</dt>
            <dd>
              {formatDate(document.valid_from, lang)} – {formatDate(document.valid_until, lang)}{" "}
              {expired ? <span className="pill pill--down">{t("staff.doc.expired")}</span> : null}
            </dd>
          </>
        ) : null}
        {document.markets.length ? (
          <>
            <dt>{t("staff.doc.markets")}</dt>
            <dd>{document.markets.join(", ")}</dd>
          </>
        ) : null}
        {document.standards.length ? (
          <>
            <dt>{t("staff.doc.standards")}</dt>
            <dd>{document.standards.join(", ")}</dd>
          </>
        ) : null}
      </dl>
      <div className="document-viewer__preview">
        {kind === "pdf" ? (
          <iframe
            src={url}
            title={t("staff.doc.previewOf", { name: document.original_name })}
            data-testid="document-pdf"
          />
        ) : kind === "image" ? (
          <img
            src={url}
            alt={t("staff.doc.previewOf", { name: document.original_name })}
            data-testid="document-image"
            loading="lazy"
          />
        ) : (
          <p className="muted">{t("staff.doc.noPreview")}</p>
        )}
      </div>
    </article>
  );
}
