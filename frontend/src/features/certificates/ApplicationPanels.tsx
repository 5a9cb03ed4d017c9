import { useRef, useState } from "react";
import type { FormEvent } from "react";
import { Link } from "react-router";
import { apiCall, ApiError, evidenceKindEnumValues } from "../../api";
import type { ApplicationOutput } from "../../api";
import { FormErrors, StatusPill, useEnumLabel } from "../../components/common";
import { formatDate } from "../../format";
import { useI18n } from "../../i18n";
import { useQueryClient } from "@tanstack/react-query";
import { useApplicationActions, useCertificate } from "./hooks";

const EVIDENCE_KINDS = evidenceKindEnumValues;
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The evidence files; staff see each inline, the member adds and removes them on a draft. */
export function EvidenceList({
  application,
  editable,
  inline,
}: {
  application: ApplicationOutput;
  editable: boolean;
  inline: boolean;
}) {
  const { t } = useI18n();
  const label = useEnumLabel();
  const { removeEvidence } = useApplicationActions();
  return (
    <div className="card stack" data-testid="evidence">
      <h2>{t("certificates.evidence.title")}</h2>
      {application.evidence.length === 0 ? <p className="muted">{t("certificates.evidence.none")}</p> : null}
      <ul>
        {application.evidence.map((e) => (
          <li key={e.id} data-testid="evidence-item">
            <a href={e.file_url} target="_blank" rel="noreferrer">
              {e.original_name}
            </a>{" "}
            <span className="muted">
              {label("certificates.evidenceKind", e.kind)} · {Math.ceil(e.size / 1024)} KB
              {e.description ? ` · ${e.description}` : ""}
            </span>
            {editable && application.status === "draft" ? (
              <button
                type="button"
                className="button button--ghost"
                onClick={() =>
                  removeEvidence.mutate({ params: { path: { application_id: application.id, evidence_id: e.id } } })
                }
              >
                {t("certificates.evidence.remove")}
              </button>
            ) : null}
            {inline ? (
              e.content_type === "application/pdf" ? (
                <iframe className="evidence-frame" src={e.file_url} title={e.original_name} sandbox="" />
              ) : (
                <img src={e.file_url} alt={e.original_name} style={{ maxWidth: "100%" }} />
              )
            ) : null}
          </li>
        ))}
      </ul>
      {editable ? <EvidenceUpload applicationId={application.id} /> : null}
    </div>
  );
}

function EvidenceUpload({ applicationId }: { applicationId: number }) {
  const { t } = useI18n();
  const label = useEnumLabel();
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<string>("contract");
  const [description, setDescription] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const file = fileInput.current?.files?.[0];
    if (!file) return setError(new ApiError(400, "required", t("certificates.evidence.chooseFile")));
    if (file.size > MAX_UPLOAD_BYTES)
      return setError(new ApiError(400, "too_large", t("certificates.evidence.tooLarge")));
    const form = new FormData();
    form.append("file", file);
    form.append("kind", kind);
    form.append("description", description.slice(0, 255));
    setBusy(true);
    try {
      await apiCall("post", "/api/v1/certificates/applications/{application_id}/evidence/", {
        params: { path: { application_id: applicationId } },
        body: form as never,
        bodySerializer: (value: unknown) => value as FormData,
      });
      if (fileInput.current) fileInput.current.value = "";
      setDescription("");
      await queryClient.invalidateQueries({ queryKey: ["/api/v1/certificates/applications/{application_id}/"] });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, "network", ""));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form-inline" onSubmit={(event) => void onSubmit(event)} data-testid="evidence-upload">
      <label>
        {t("certificates.evidence.file")}{" "}
        <input ref={fileInput} type="file" accept="application/pdf,image/png,image/jpeg" data-testid="evidence-file" />
      </label>
      <label>
        {t("certificates.evidence.kind")}{" "}
        <select value={kind} onChange={(event) => setKind(event.target.value)}>
          {EVIDENCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {label("certificates.evidenceKind", k)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("certificates.evidence.description")}{" "}
        <input value={description} maxLength={255} onChange={(event) => setDescription(event.target.value)} />
      </label>
      <button type="submit" className="button" disabled={busy} data-testid="evidence-submit">
        {t("certificates.evidence.upload")}
      </button>
      <FormErrors error={error} />
    </form>
  );
}

/** Submit a draft, or answer "more information requested" and resubmit. */
export function MemberActions({ application }: { application: ApplicationOutput }) {
  const { t } = useI18n();
  const { submit } = useApplicationActions();
  const [note, setNote] = useState("");
  const resubmit = application.status === "info_requested";
  return (
    <form
      className="card stack"
      data-testid="submit-form"
      onSubmit={(event) => {
        event.preventDefault();
        submit.mutate({ params: { path: { application_id: application.id } }, body: { note } });
      }}
    >
      <p className="muted">{t("certificates.submit.hint")}</p>
      {resubmit ? (
        <label>
          {t("certificates.submit.note")}
          <textarea rows={3} maxLength={5000} value={note} onChange={(event) => setNote(event.target.value)} />
        </label>
      ) : null}
      <FormErrors error={submit.error} />
      <button
        type="submit"
        className="button button--primary"
        disabled={submit.isPending}
        data-testid="application-submit"
      >
        {resubmit ? t("certificates.submit.resubmit") : t("certificates.submit.submit")}
      </button>
    </form>
  );
}

/** Staff: approve, reject with a reason, or ask for more information. */
export function StaffActions({ application }: { application: ApplicationOutput }) {
  const { t } = useI18n();
  const { approve, reject, requestInfo } = useApplicationActions();
  const [text, setText] = useState("");
  if (application.status !== "submitted" && application.status !== "resubmitted") return null;
  const path = { params: { path: { application_id: application.id } } };
  const error = approve.error ?? reject.error ?? requestInfo.error;
  const busy = approve.isPending || reject.isPending || requestInfo.isPending;
  return (
    <div className="card stack" data-testid="staff-actions">
      <h2>{t("certificates.review.decide")}</h2>
      <label>
        {t("certificates.review.reason")}
        <textarea
          rows={3}
          maxLength={5000}
          value={text}
          onChange={(event) => setText(event.target.value)}
          data-testid="review-text"
        />
      </label>
      <FormErrors error={error} />
      <div className="form-inline">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => approve.mutate(path)}
          data-testid="review-approve"
        >
          {t("certificates.review.approve")}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy || !text.trim()}
          onClick={() => requestInfo.mutate({ ...path, body: { message: text.trim() } })}
          data-testid="review-request-info"
        >
          {t("certificates.review.requestInfo")}
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={busy || !text.trim()}
          onClick={() => reject.mutate({ ...path, body: { reason: text.trim() } })}
          data-testid="review-reject"
        >
          {t("certificates.review.reject")}
        </button>
      </div>
    </div>
  );
}

/** The issued certificate: number, signed PDF, verification page; staff may revoke it. */
export function CertificatePanel({ certificateId, staff }: { certificateId: number; staff: boolean }) {
  const { t, lang } = useI18n();
  const label = useEnumLabel();
  const { data } = useCertificate(certificateId);
  const { revoke } = useApplicationActions();
  const [reason, setReason] = useState("");
  if (!data) return null;
  const verifyPath = `/verify/${encodeURIComponent(data.number)}`;
  return (
    <div className="card stack" data-testid="certificate" data-status={data.status}>
      <h2>
        {t("certificates.certificate")} {data.number}{" "}
        <StatusPill
          status={data.status === "revoked" ? "rejected" : "verified"}
          label={label("certificates.certStatus", data.status)}
        />
      </h2>
      <p>
        {t("certificates.verify.issued")}: {formatDate(data.issued_at, lang)}
      </p>
      {data.pdf_url ? (
        <a className="button button--primary" href={data.pdf_url} download data-testid="certificate-pdf">
          {t("certificates.pdf.download")}
        </a>
      ) : (
        <p className="muted" data-testid="certificate-pdf-pending">
          {t("certificates.verify.pdfPending")}
        </p>
      )}
      <p>
        <Link to={verifyPath} data-testid="certificate-verify-link">
          {t("certificates.pdf.verifyPage")}
        </Link>
      </p>
      {data.pdf_sha256 ? (
        <p>
          SHA-256: <code className="hash">{data.pdf_sha256}</code>
        </p>
      ) : null}
      {staff && data.status !== "revoked" ? (
        <form
          className="form-inline"
          onSubmit={(event) => {
            event.preventDefault();
            revoke.mutate({ params: { path: { certificate_id: data.id } }, body: { reason: reason.trim() } });
          }}
          data-testid="revoke-form"
        >
          <label>
            {t("certificates.revoke.reason")}{" "}
            <input value={reason} maxLength={5000} onChange={(event) => setReason(event.target.value)} />
          </label>
          <button type="submit" className="button button--danger" disabled={!reason.trim() || revoke.isPending}>
            {t("certificates.revoke.submit")}
          </button>
          <FormErrors error={revoke.error} />
        </form>
      ) : null}
      {data.revocation_reason ? <p data-testid="revocation">{data.revocation_reason}</p> : null}
    </div>
  );
}
