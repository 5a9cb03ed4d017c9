import { useState } from "react";
import type { FormEvent } from "react";
import { useNavigate, useParams } from "react-router";
import { ErrorNotice, Loading, PageHeader, StatusPill } from "../../components/common";
import { countryName, formatDate } from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { useVerification } from "./hooks";
import "./certificates.css";

/** Public (no sign-in): is a certificate valid or revoked. The QR code in the PDF opens /verify/<number>. */
export function VerifyPage() {
  const { t } = useI18n();
  const { number = "" } = useParams();
  useDocumentTitle(t("certificates.verify.title"));
  return (
    <section className="container page">
      <PageHeader title={t("certificates.verify.title")} intro={t("certificates.verify.intro")} />
      <LookupForm initial={number} />
      {number ? <VerificationResult number={number} /> : null}
    </section>
  );
}

function LookupForm({ initial }: { initial: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [value, setValue] = useState(initial);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const number = value.trim().slice(0, 64);
    if (number) void navigate(`/verify/${encodeURIComponent(number)}`);
  };
  return (
    <form className="card form-inline" onSubmit={onSubmit} data-testid="verify-form">
      <label htmlFor="verify-number" className="field__label">
        {t("certificates.verify.number")}
      </label>
      <input
        id="verify-number"
        value={value}
        maxLength={64}
        onChange={(event) => setValue(event.target.value)}
        placeholder="FM-2026-000001"
      />
      <button type="submit" className="button button--primary">
        {t("certificates.verify.check")}
      </button>
    </form>
  );
}

function VerificationResult({ number }: { number: string }) {
  const { t, lang } = useI18n();
  const { data, error, isLoading, refetch } = useVerification(number);
  if (isLoading) return <Loading />;
  if (error) {
    if (error.status === 404)
      return (
        <div className="notice notice--error" role="alert" data-testid="verify-not-found">
          {t("certificates.verify.notFound", { number })}
        </div>
      );
    return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  }
  if (!data) return null;
  const valid = data.status === "valid";
  return (
    <article className="card" data-testid="verification" data-status={data.status}>
      <h2>
        {data.number}{" "}
        <StatusPill
          status={valid ? "verified" : "rejected"}
          label={valid ? t("certificates.verify.valid") : t("certificates.verify.revoked")}
        />
      </h2>
      {!valid ? (
        <p className="notice notice--error" data-testid="revocation">
          {t("certificates.verify.revokedOn", { date: formatDate(data.revoked_at, lang) })} {data.revocation_reason}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t("certificates.verify.holder")}</dt>
        <dd data-testid="holder">
          <bdi>{data.holder}</bdi>
          {Object.entries(data.holder_legal_names)
            .filter(([, name]) => name && name !== data.holder)
            .map(([code, name]) => (
              <span key={code} lang={code} className="muted">
                {" "}
                · <bdi>{name}</bdi>
              </span>
            ))}
          {data.holder_country ? ` (${countryName(data.holder_country, lang)})` : ""}
        </dd>
        <dt>{t("certificates.verify.counterpartyCountry")}</dt>
        <dd data-testid="counterparty-country">{countryName(data.counterparty_country, lang)}</dd>
        <dt>{t("certificates.verify.issued")}</dt>
        <dd>{formatDate(data.issued_at, lang)}</dd>
        <dt>{t("certificates.verify.eventPeriod")}</dt>
        <dd>
          {formatDate(data.event_start, lang)} – {formatDate(data.event_end, lang)}
        </dd>
        <dt>{t("certificates.verify.sha256")}</dt>
        <dd>
          <code className="hash" data-testid="pdf-sha256" dir="ltr">
            {data.pdf_sha256 || t("certificates.verify.pdfPending")}
          </code>
        </dd>
      </dl>
      <p className="muted">{t("certificates.verify.hashHint")}</p>
    </article>
  );
}
