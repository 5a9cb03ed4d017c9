import { NavLink, Link, Outlet } from "react-router";
import { useAuth } from "../auth";
import type { Role } from "../auth";
import { getConfig } from "../config";
import { isLanguage, LANGUAGES, useI18n } from "../i18n";
import type { MessageKey } from "../i18n";
import { LogoMark } from "./Icons";
import { UserMenu } from "./UserMenu";
import { NotificationBell } from "../features/notifications/NotificationBell";

type Audience = Role | "anonymous";
const SIGNED_IN: readonly Audience[] = ["vendor", "buyer", "staff", "admin"];

/** The header's links, each shown only to the audiences that can open its page. */
export const NAV_ITEMS: { to: string; label: MessageKey; roles: readonly Audience[]; staff?: boolean }[] = [
  { to: "/suppliers", label: "nav.suppliers", roles: ["anonymous", "none", ...SIGNED_IN] },
  { to: "/vendor/profile", label: "vendor.nav", roles: ["vendor"] },
  { to: "/vendor/products", label: "vendor.nav.products", roles: ["vendor"] },
  { to: "/requests", label: "nav.requests", roles: ["buyer", "staff", "admin"] },
  { to: "/proposals", label: "nav.proposals", roles: ["staff", "admin"], staff: true },
  { to: "/introductions", label: "nav.introductions", roles: SIGNED_IN },
  { to: "/certificates", label: "certificates.nav", roles: SIGNED_IN },
  { to: "/consultations", label: "consultations.nav", roles: SIGNED_IN },
  { to: "/staff/verification", label: "staff.nav.verification", roles: ["staff", "admin"], staff: true },
  { to: "/staff/duplicates", label: "staff.nav.duplicates", roles: ["staff", "admin"], staff: true },
  { to: "/staff/supplier-lists", label: "supplierLists.nav", roles: ["staff", "admin"], staff: true },
  { to: "/staff/dashboard", label: "staff.nav.dashboard", roles: ["staff", "admin"], staff: true },
];

function useAudience(): Audience {
  const { state } = useAuth();
  // Until we know who it is, show what anyone may open.
  return state.status === "authenticated" ? state.user.role : "anonymous";
}

export function LanguageSwitcher() {
  const { lang, setLang, t } = useI18n();
  return (
    <label className="lang-switcher">
      <span className="visually-hidden">{t("lang.label")}</span>
      <svg
        viewBox="0 0 24 24"
        width="18"
        height="18"
        aria-hidden="true"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
      >
        <circle cx="12" cy="12" r="9" />
        <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z" />
      </svg>
      <select
        value={lang}
        onChange={(event) => {
          if (isLanguage(event.target.value)) setLang(event.target.value);
        }}
        data-testid="language-switcher"
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Layout() {
  const { t } = useI18n();
  const audience = useAudience();
  const items = NAV_ITEMS.filter((item) => item.roles.includes(audience));
  const { version } = getConfig();
  const [versionBefore, versionAfter = ""] = t("footer.version").split("{version}");
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {/* Not translated on purpose: a screen-reader shortcut that must always work. */}
        Skip to content
      </a>
      <header className="site-header">
        <div className="container site-header__top">
          <Link to="/" className="brand" aria-label="MedMatch">
            <span className="brand__mark">
              <LogoMark />
            </span>
            <span className="brand__name">MedMatch</span>
          </Link>
          <div className="site-header__tools">
            <LanguageSwitcher />
            <NotificationBell />
            <UserMenu />
          </div>
        </div>
        {/* Its own row: nav labels in fr/ru are twice as long as in zh, and must never wrap. */}
        <nav className="container site-nav" aria-label={t("nav.label")}>
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} className={({ isActive }) => (isActive ? "nav-link is-active" : "nav-link")}>
                  {t(item.label)}
                  {item.staff ? (
                    <span className="badge" title={t("staffOnly")}>
                      {t("nav.staffBadge")}
                    </span>
                  ) : null}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="container site-main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container site-footer__inner">
          <span>© MedMatch</span>
          <span className="muted" data-testid="app-version">
            {/* <bdi> keeps "0.1.0-rc1" in order inside right-to-left text. */}
            {versionBefore}
            <bdi>{version}</bdi>
            {versionAfter}
          </span>
        </div>
      </footer>
    </div>
  );
}
