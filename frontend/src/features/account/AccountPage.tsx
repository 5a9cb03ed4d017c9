import { useState } from "react";
import { useNavigate } from "react-router";
import { useForm } from "react-hook-form";
import type { ApiError } from "../../api";
import { FormErrors, PageHeader } from "../../components/common";
import { applyApiErrors, fieldErrors } from "../../components/form";
import { RoleGate } from "../../components/RoleGate";
import { useAuth } from "../../auth";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { useChangePassword, useSignOutEverywhere } from "./hooks";
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

function SignOutEverywhere() {
  const { t } = useI18n();
  const { refresh } = useAuth();
  const navigate = useNavigate();
  const signOut = useSignOutEverywhere();
  const [error, setError] = useState<ApiError | null>(null);

  const onClick = async () => {
    setError(null);
    try {
      await signOut.mutateAsync({});
    } catch (caught) {
      setError(caught as ApiError);
      return;
    }
    await refresh(); // this session ended too: the app now sees an anonymous visitor
    navigate("/login");
  };

  return (
    <div className="card auth-card" data-testid="sign-out-everywhere">
      <h2>{t("account.everywhere.title")}</h2>
      <p>{t("account.everywhere.intro")}</p>
      <FormErrors error={error} shown={[]} />
      <button type="button" className="button" onClick={() => void onClick()} disabled={signOut.isPending}>
        {t("account.everywhere.submit")}
      </button>
    </div>
  );
}

export function AccountPage() {
  const { t } = useI18n();
  useDocumentTitle(t("account.title"));
  return (
    <section>
      <PageHeader title={t("account.title")} />
      <RoleGate allow={["vendor", "buyer", "staff", "admin", "none"]} audience="account.audience">
        {() => (
          <>
            <ChangePasswordForm />
            <SignOutEverywhere />
          </>
        )}
      </RoleGate>
    </section>
  );
}
