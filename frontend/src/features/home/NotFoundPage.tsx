import { Link } from "react-router";
import { CompassIcon } from "../../components/Icons";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";

export function NotFoundPage() {
  const { t } = useI18n();
  useDocumentTitle(t("notFound.title"));
  return (
    <section className="card not-found" data-testid="not-found">
      <div className="empty-state__icon" aria-hidden="true">
        <CompassIcon />
      </div>
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1>{t("notFound.title")}</h1>
      <p className="muted">{t("notFound.body")}</p>
      <Link className="button button--primary" to="/">
        {t("notFound.back")}
      </Link>
    </section>
  );
}
