import { useEffect, useRef } from "react";
import { Link, useSearchParams } from "react-router";
import { useApiMutation } from "../../api";
import { isolate } from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";

/** The page the registration e-mail's link opens (`/confirm-email?uid=…&token=…`): confirms the
 * address once, then offers to sign in (a new vendor lands on its company profile). */
export function ConfirmEmailPage() {
  const { t } = useI18n();
  useDocumentTitle(t("confirm.title"));
  const [params] = useSearchParams();
  const uid = params.get("uid") ?? "";
  const token = params.get("token") ?? "";
  const confirm = useApiMutation("post", "/api/v1/auth/email/confirm/");
  // The link works once: post it once, even when React runs the effect twice.
  const sent = useRef(false);
  const { mutate } = confirm;
  useEffect(() => {
    if (!uid || !token || sent.current) return;
    sent.current = true;
    mutate({ body: { uid, token } });
  }, [uid, token, mutate]);

  let content;
  if (!uid || !token) {
    content = (
      <p className="notice notice--error" role="alert">
        {t("confirm.missing")}
      </p>
    );
  } else if (confirm.isSuccess) {
    const { email, role } = confirm.data;
    const next = role === "vendor" ? "/vendor/profile" : "";
    const query = new URLSearchParams({ email, ...(next ? { next } : {}) });
    content = (
      <>
        <p className="notice notice--ok" role="status" data-testid="confirm-done">
          {t("confirm.done", { email: isolate(email) })}
        </p>
        <p>
          <Link
            to={`/login?${query.toString()}`}
            className="button button--primary button--block"
            data-testid="confirm-sign-in"
          >
            {t("auth.signIn")}
          </Link>
        </p>
      </>
    );
  } else if (confirm.isError) {
    content = (
      <>
        <p className="notice notice--error" role="alert" data-testid="confirm-failed">
          {t("confirm.failed")}
        </p>
        <p className="auth-card__foot">
          <Link to="/login">{t("auth.signIn")}</Link> · <Link to="/register">{t("confirm.register")}</Link>
        </p>
      </>
    );
  } else {
    content = (
      <p className="muted" role="status" aria-busy="true">
        {t("confirm.busy")}
      </p>
    );
  }
  return (
    <section className="auth-page">
      <div className="card auth-card">
        <h1>{t("confirm.title")}</h1>
        {content}
      </div>
    </section>
  );
}
