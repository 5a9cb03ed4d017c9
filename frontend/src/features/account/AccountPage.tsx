import { useState } from "react";
import { useForm } from "react-hook-form";
import type { ApiError } from "../../api";
import { FormErrors, PageHeader } from "../../components/common";
import { applyApiErrors, fieldErrors } from "../../components/form";
import { RoleGate } from "../../components/RoleGate";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { useChangePassword } from "./hooks";
import { PasswordInput } from "./PasswordInput";

const FIELDS = ["old_password", "new_password"] as const;

function ChangePasswordForm() {
  const { t } = useI18n();
  const change = useChangePassword();
  const form = useForm<{ old_password: string; new_password: string }>({
    defaultValues: { old_password: "", new_password: "" },
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    setDone(false);
    try {
      await change.mutateAsync({ body: values });
      form.reset();
      setDone(true);
    } catch (caught) {
      setError(applyApiErrors(form, caught, FIELDS));
    }
  });

  return (
    <form className="card auth-card" onSubmit={onSubmit} noValidate data-testid="change-password-form">
      <h2>{t("account.change.title")}</h2>
      {done ? (
        <p className="notice notice--ok" role="status" data-testid="password-changed">
          {t("account.change.done")}
        </p>
      ) : null}
      <FormErrors error={error} shown={[...FIELDS]} />
      <PasswordInput
        id="old-password"
        label={t("account.change.old")}
        errors={fieldErrors(form, "old_password")}
        autoComplete="current-password"
        registration={form.register("old_password")}
      />
      <PasswordInput
        id="new-password"
        label={t("account.change.new")}
        errors={fieldErrors(form, "new_password")}
        autoComplete="new-password"
        registration={form.register("new_password")}
      />
      <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
        {t("account.change.submit")}
      </button>
    </form>
  );
}

export function AccountPage() {
  const { t } = useI18n();
  useDocumentTitle(t("account.title"));
  return (
    <section>
      <PageHeader title={t("account.title")} />
      <RoleGate allow={["vendor", "buyer", "staff", "admin", "none"]} audience="account.audience">
        {() => <ChangePasswordForm />}
      </RoleGate>
    </section>
  );
}
