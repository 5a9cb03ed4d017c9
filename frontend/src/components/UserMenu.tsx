import { useEffect, useRef, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { useAuth, useMyOrganization } from "../auth";
import { useI18n } from "../i18n";
import { useEnumLabel } from "./common";
import { UserIcon } from "./Icons";

/** The header's account corner: a sign-in link, or the user with their role and a sign-out button. */
export function UserMenu() {
  const { state, signOut } = useAuth();
  const { organization } = useMyOrganization();
  const { t } = useI18n();
  const enumLabel = useEnumLabel();
  const navigate = useNavigate();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => setOpen(false), [location.pathname]);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: MouseEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener("mousedown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  if (state.status === "loading") return <span className="user-menu user-menu--loading" aria-hidden="true" />;
  if (state.status === "anonymous") {
    const here = location.pathname.startsWith("/login") || location.pathname.startsWith("/register");
    const next = here ? "" : `?next=${encodeURIComponent(location.pathname + location.search)}`;
    return (
      <Link className="button button--secondary button--small" to={`/login${next}`} data-testid="sign-in-link">
        {t("auth.signIn")}
      </Link>
    );
  }

  const { user } = state;
  const roleLabel = t(`role.${user.role}`);
  return (
    <div className="user-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="user-menu__button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls="user-menu-panel"
        onClick={() => setOpen((value) => !value)}
        data-testid="user-menu"
      >
        <UserIcon />
        <span className="user-menu__name">{user.full_name || user.email}</span>
        <span className={`role-badge role-badge--${user.role}`} data-testid="user-role">
          {roleLabel}
        </span>
      </button>
      {open ? (
        <div className="user-menu__panel" id="user-menu-panel">
          <p className="user-menu__email">
            <bdi>{user.email}</bdi>
          </p>
          {organization ? (
            <p className="user-menu__org">
              <span className="muted">{t("userMenu.organization")}</span>
              <strong>{organization.name}</strong>
              <span className="muted small">{enumLabel("verification", organization.verification_status)}</span>
              {organization.verification_status === "rejected" && organization.verification_note ? (
                <span className="small" data-testid="rejection-reason">
                  {organization.verification_note}
                </span>
              ) : null}
            </p>
          ) : null}
          <p className="user-menu__org">
            <span className="muted">{t("userMenu.role")}</span>
            <strong>{roleLabel}</strong>
          </p>
          <Link className="button button--ghost button--block" to="/account" data-testid="account-link">
            {t("account.menu")}
          </Link>
          <button
            type="button"
            className="button button--ghost button--block"
            onClick={async () => {
              setOpen(false);
              await signOut().catch(() => undefined);
              navigate("/");
            }}
            data-testid="sign-out"
          >
            {t("auth.signOut")}
          </button>
        </div>
      ) : null}
    </div>
  );
}
