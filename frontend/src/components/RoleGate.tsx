import type { ReactNode } from "react";
import { Link, useLocation } from "react-router";
import { useAuth } from "../auth";
import type { Role, User } from "../auth";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n";
import { Loading } from "./common";
import { LockIcon } from "./Icons";

/**
 * Shows `children(user)` to signed-in users whose role is in `allow`; otherwise a friendly
 * prompt to sign in, or a note saying who the page is for.
 */
export function RoleGate({
  allow,
  audience,
  children,
}: {
  allow: readonly Role[];
  /** Who the page is for, e.g. "gate.audience.staff". */
  audience: MessageKey;
  children: (user: User) => ReactNode;
}) {
  const { state } = useAuth();
  const { t } = useI18n();
  const location = useLocation();

  if (state.status === "loading") return <Loading />;
  if (state.status === "anonymous") {
    const next = encodeURIComponent(location.pathname + location.search);
    return (
      <div className="card gate" data-testid="sign-in-prompt">
        <div className="empty-state__icon" aria-hidden="true">
          <LockIcon />
        </div>
        <h2>{t("gate.signIn.title")}</h2>
        <p className="muted">{t("gate.signIn.body", { audience: t(audience) })}</p>
        <div className="gate__actions">
          <Link className="button button--primary" to={`/login?next=${next}`}>
            {t("auth.signIn")}
          </Link>
          <Link className="button button--secondary" to={`/register?next=${next}`}>
            {t("auth.register")}
          </Link>
        </div>
      </div>
    );
  }
  if (!allow.includes(state.user.role)) {
    return (
      <div className="card gate" data-testid="role-denied">
        <div className="empty-state__icon" aria-hidden="true">
          <LockIcon />
        </div>
        <h2>{allow.every((role) => role === "staff" || role === "admin") ? t("staffOnly") : t("gate.denied.title")}</h2>
        <p className="muted">{t("gate.denied.body", { audience: t(audience) })}</p>
        <Link className="button button--secondary" to="/suppliers">
          {t("gate.denied.browse")}
        </Link>
      </div>
    );
  }
  return <>{children(state.user)}</>;
}
