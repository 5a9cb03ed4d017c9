import type { ProductCertificate } from "../../api";
import { formatDate } from "../../format";
import { useI18n } from "../../i18n";
import { useMarketLabel } from "../../components/useMarketLabel";

/** Whether a certificate's validity ended before `today` (YYYY-MM-DD). */
export function isExpired(certificate: Pick<ProductCertificate, "valid_until">, today: string): boolean {
  return Boolean(certificate.valid_until && certificate.valid_until < today);
}

/** A product's certificates: number, issuer, markets and validity, expired ones marked. */
export function CertificateList({ certificates, today }: { certificates: ProductCertificate[]; today?: string }) {
  const { t, lang } = useI18n();
  const marketLabel = useMarketLabel();
  const now = today ?? new Date().toISOString().slice(0, 10);
  if (certificates.length === 0) return <p className="muted">{t("catalog.certificates.none")}</p>;
  return (
    <ul className="certificate-list" data-testid="certificates">
      {certificates.map((certificate) => {
        const expired = isExpired(certificate, now);
        return (
          <li key={certificate.id} className={`card certificate${expired ? " certificate--expired" : ""}`}>
            <div className="certificate__head">
              <strong dir="ltr">{certificate.number || t("catalog.certificates.noNumber")}</strong>
              <span className={`pill pill--${expired ? "down" : "ok"}`} data-testid="certificate-state">
                {expired ? t("catalog.certificates.expired") : t("catalog.certificates.valid")}
              </span>
            </div>
            <dl className="facts facts--compact">
              {certificate.issuer ? (
                <>
                  <dt>{t("catalog.certificates.issuer")}</dt>
                  <dd dir="auto">{certificate.issuer}</dd>
                </>
              ) : null}
              <dt>{t("catalog.certificates.markets")}</dt>
              <dd>{certificate.markets.length ? certificate.markets.map(marketLabel).join(", ") : "—"}</dd>
              {certificate.standards.length ? (
                <>
                  <dt>{t("catalog.certificates.standards")}</dt>
                  <dd dir="ltr">{certificate.standards.join(", ")}</dd>
                </>
              ) : null}
              <dt>{t("catalog.certificates.validity")}</dt>
              <dd data-testid="certificate-validity">
                {t("catalog.certificates.range", {
                  from: certificate.valid_from ? formatDate(certificate.valid_from, lang) : "—",
                  until: certificate.valid_until ? formatDate(certificate.valid_until, lang) : "—",
                })}
              </dd>
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
