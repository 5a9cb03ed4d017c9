import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useSearchParams } from "react-router";
import type { ApiError } from "../../api";
import { Field, FormErrors } from "../../components/common";
import { applyApiErrors, fieldErrors } from "../../components/form";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { useConfirmPasswordReset, useRequestPasswordReset } from "./hooks";
import { PasswordInput } from "./PasswordInput";

/** Asks for the account's e-mail and has a reset link sent to it. */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  useDocumentTitle(t("account.forgot.title"));
  const request = useRequestPasswordReset();
  const form = useForm<{ email: string }>({ defaultValues: { email: "" } });
  const [error, setError] = useState<ApiError | null>(null);
  const [sent, setSent] = useState(false);

  const onSubmit = form.handleSubmit(async ({ email }) => {
    setError(null);
    try {
      await request.mutateAsync({ body: { email: email.trim() } });
      setSent(true);
    } catch (caught) {
      setError(applyApiErrors(form, caught, ["email"]));
    }
  });

  return (
    <section className="auth-page">
      <div className="card auth-card">
        <h1>{t("account.forgot.title")}</h1>
        <p className="muted">{t("account.forgot.intro")}</p>
        {sent ? (
          <p className="notice notice--ok" role="status" data-testid="reset-sent">
            {t("account.forgot.sent")}
          </p>
        ) : (
          <form onSubmit={onSubmit} noValidate data-testid="forgot-password-form">
            <FormErrors error={error} shown={["email"]} />
            <Field id="forgot-email" label={t("account.forgot.email")} errors={fieldErrors(form, "email")} required>
              {(describedBy, invalid) => (
                <input
                  id="forgot-email"
                  type="email"
                  autoComplete="username"
                  maxLength={254}
                  {...form.register("email")}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  required
                  dir="ltr"
                  data-testid="forgot-email"
                />
              )}
            </Field>
            <button
              type="submit"
              className="button button--primary button--block"
              disabled={form.formState.isSubmitting}
            >
              {t("account.forgot.submit")}
            </button>
          </form>
        )}
        <p className="auth-card__foot">
          <Link to="/login">{t("account.reset.signIn")}</Link>
        </p>
      </div>
    </section>
  );
}

const RESET_FIELDS = ["new_password"] as const;

/** The page the e-mailed link opens (`/reset-password?uid=…&token=…`): choose a new password. */
export function ResetPasswordPage() {
  const { t } = useI18n();
  useDocumentTitle(t("account.reset.title"));
  const [params] = useSearchParams();
  const uid = params.get("uid") ?? "";
  const token = params.get("token") ?? "";
  const confirm = useConfirmPasswordReset();
  const form = useForm<{ new_password: string }>({ defaultValues: { new_password: "" } });
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);

  const onSubmit = form.handleSubmit(async ({ new_password }) => {
    setError(null);
    try {
      await confirm.mutateAsync({ body: { uid, token, new_password } });
      setDone(true);
    } catch (caught) {
      setError(applyApiErrors(form, caught, RESET_FIELDS));
    }
  });

  const linkBroken = Boolean(error && (error.fields.token || error.fields.uid));
  return (
    <section className="auth-page">
      <div className="card auth-card">
        <h1>{t("account.reset.title")}</h1>
        {!uid || !token ? (
          <p className="notice notice--error" role="alert">
            {t("account.reset.missing")} <Link to="/forgot-password">{t("account.reset.again")}</Link>
          </p>
        ) : done ? (
          <p className="notice notice--ok" role="status" data-testid="reset-done">
            {t("account.reset.done")} <Link to="/login">{t("account.reset.signIn")}</Link>
          </p>
        ) : (
          <form onSubmit={onSubmit} noValidate data-testid="reset-password-form">
            <FormErrors error={error} shown={[...RESET_FIELDS]} />
            {linkBroken ? (
              <p>
                <Link to="/forgot-password">{t("account.reset.again")}</Link>
              </p>
            ) : null}
            <PasswordInput
              id="reset-new-password"
              label={t("account.reset.new")}
              errors={fieldErrors(form, "new_password")}
              autoComplete="new-password"
              registration={form.register("new_password")}
            />
            <button
              type="submit"
              className="button button--primary button--block"
              disabled={form.formState.isSubmitting}
            >
              {t("account.reset.submit")}
            </button>
          </form>
        )}
      </div>
    </section>
  );
}
