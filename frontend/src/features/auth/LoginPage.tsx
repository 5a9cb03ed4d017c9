import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { ApiError } from "../../api";
import { useAuth } from "../../auth";
import type { Role } from "../../auth";
import { Field, FormErrors } from "../../components/common";
import { applyApiErrors, fieldErrors } from "../../components/form";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";

/** Where to go after signing in: `?next=` when it is a local path, else the role's main page. */
export function landingPath(next: string | null, role: Role): string {
  if (next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login")) return next;
  if (role === "staff" || role === "admin") return "/proposals";
  if (role === "buyer") return "/requests";
  if (role === "vendor") return "/introductions";
  return "/";
}

const FIELDS = ["email", "password"] as const;

export function LoginPage() {
  const { t } = useI18n();
  const { signIn, state } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // ?email= from the e-mail confirmation page.
  const form = useForm<{ email: string; password: string }>({
    defaultValues: { email: params.get("email") ?? "", password: "" },
  });
  const [error, setError] = useState<ApiError | null>(null);
  const busy = form.formState.isSubmitting;
  useDocumentTitle(t("auth.signIn"));

  const onSubmit = form.handleSubmit(async ({ email, password }) => {
    setError(null);
    try {
      const user = await signIn(email.trim(), password);
      navigate(landingPath(params.get("next"), user.role), { replace: true });
    } catch (caught) {
      setError(applyApiErrors(form, caught, FIELDS));
    }
  });

  const next = params.get("next");
  return (
    <section className="auth-page">
      <div className="card auth-card">
        <h1>{t("auth.signIn")}</h1>
        <p className="muted">{t("login.intro")}</p>
        {state.status === "authenticated" ? (
          <p className="notice notice--info" data-testid="already-signed-in">
            {t("login.already", { email: state.user.email })}{" "}
            <Link to={landingPath(next, state.user.role)}>{t("login.continue")}</Link>
          </p>
        ) : null}
        <form onSubmit={onSubmit} noValidate data-testid="login-form">
          <FormErrors error={error} shown={[...FIELDS]} />
          <Field id="login-email" label={t("auth.email")} errors={fieldErrors(form, "email")} required>
            {(describedBy, invalid) => (
              <input
                id="login-email"
                type="email"
                autoComplete="username"
                {...form.register("email")}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                required
                dir="ltr"
              />
            )}
          </Field>
          <Field id="login-password" label={t("auth.password")} errors={fieldErrors(form, "password")} required>
            {(describedBy, invalid) => (
              <input
                id="login-password"
                type="password"
                autoComplete="current-password"
                {...form.register("password")}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                required
                dir="ltr"
              />
            )}
          </Field>
          <button type="submit" className="button button--primary button--block" disabled={busy}>
            {busy ? t("login.busy") : t("auth.signIn")}
          </button>
        </form>
        <p className="auth-card__foot">
          <Link to="/forgot-password" data-testid="forgot-password-link">
            {t("account.forgot.link")}
          </Link>
        </p>
        <p className="auth-card__foot">
          {t("login.noAccount")}{" "}
          <Link to={next ? `/register?next=${encodeURIComponent(next)}` : "/register"}>{t("auth.register")}</Link>
        </p>
      </div>
    </section>
  );
}
