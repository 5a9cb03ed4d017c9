import type { ComponentType } from "react";
import { Link } from "react-router";
import { ClipboardIcon, PeopleIcon, ScaleIcon, ShieldIcon } from "../../components/Icons";
import { isStaffRole, useAuth } from "../../auth";
import { StatusCard } from "./StatusCard";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";

const STEPS: { icon: ComponentType; title: MessageKey; body: MessageKey }[] = [
  { icon: ShieldIcon, title: "home.step1.title", body: "home.step1.body" },
  { icon: ClipboardIcon, title: "home.step2.title", body: "home.step2.body" },
  { icon: ScaleIcon, title: "home.step3.title", body: "home.step3.body" },
  { icon: PeopleIcon, title: "home.step4.title", body: "home.step4.body" },
];

export function HomePage() {
  const { t } = useI18n();
  const { state } = useAuth();
  const role = state.status === "authenticated" ? state.user.role : null;
  useDocumentTitle();
  return (
    <div className="home">
      <div className="home__top">
        <section className="hero">
          <h1>MedMatch</h1>
          <p className="hero__tagline">{t("brand.tagline")}</p>
          <p className="hero__lead">{t("home.lead")}</p>
          <div className="hero__actions">
            <Link className="button button--primary" to="/suppliers">
              {t("home.cta.suppliers")}
            </Link>
            {role === "buyer" || (role && isStaffRole(role)) ? (
              <Link className="button button--secondary" to="/requests">
                {t("home.cta.requests")}
              </Link>
            ) : null}
          </div>
        </section>
        {/* Infrastructure is for staff; visitors are invited to join instead. */}
        {role && isStaffRole(role) ? (
          <StatusCard />
        ) : state.status === "anonymous" ? (
          <section className="card join" aria-labelledby="join-title" data-testid="join">
            <h2 id="join-title" className="visually-hidden">
              {t("auth.register")}
            </h2>
            <div className="join__option">
              <h3>{t("home.join.buyer.title")}</h3>
              <p className="muted">{t("home.join.buyer.body")}</p>
              <Link className="button button--primary" to="/register?kind=buyer">
                {t("home.join.buyer")}
              </Link>
            </div>
            <div className="join__option">
              <h3>{t("home.join.vendor.title")}</h3>
              <p className="muted">{t("home.join.vendor.body")}</p>
              <Link className="button button--secondary" to="/register?kind=vendor">
                {t("home.join.vendor")}
              </Link>
            </div>
          </section>
        ) : null}
      </div>
      <ol className="steps">
        {STEPS.map(({ icon: StepIcon, title, body }, index) => (
          <li key={title} className="card step">
            <div className="step__icon" aria-hidden="true">
              <StepIcon />
            </div>
            <span className="step__number" aria-hidden="true">
              {index + 1}
            </span>
            <h2 className="step__title">{t(title)}</h2>
            <p>{t(body)}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
