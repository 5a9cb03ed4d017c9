import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useSearchParams } from "react-router";
import { ApiError, buyerTypeEnumValues, useApiMutation } from "../../api";
import type { FieldErrors, RegisterApiInputRequest } from "../../api";
import { Field, FormErrors } from "../../components/common";
import { applyApiErrors, fieldErrors } from "../../components/form";
import { countryOptions, isolate } from "../../format";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";

/** The buyer types the API accepts (from the schema), in its order. */
export const BUYER_TYPES = buyerTypeEnumValues;

// Django's password validators report on the whole form; the UI shows them under the password.
const PASSWORD_CODES = [
  "password_too_short",
  "password_too_common",
  "password_entirely_numeric",
  "password_too_similar",
];

type Values = {
  kind: "vendor" | "buyer";
  buyer_type: string;
  organization_name: string;
  country: string;
  city: string;
  registration_id: string;
  full_name: string;
  email: string;
  phone: string;
  password: string;
};

const FIELDS = [
  "kind",
  "buyer_type",
  "organization_name",
  "country",
  "city",
  "registration_id",
  "full_name",
  "email",
  "phone",
  "password",
] as const;

/** The API's error with the password validators' answers (non_field_errors) moved to the password. */
function passwordErrorsOnPassword(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const general = error.fields.non_field_errors ?? [];
  const password = general.filter((e) => PASSWORD_CODES.includes(e.code));
  if (password.length === 0) return error;
  const fields: FieldErrors = { ...error.fields, password: [...(error.fields.password ?? []), ...password] };
  const rest = general.filter((e) => !PASSWORD_CODES.includes(e.code));
  if (rest.length) fields.non_field_errors = rest;
  else delete fields.non_field_errors;
  return new ApiError(error.status, error.code, error.message, fields, error.body);
}

/** The request body: only what the chosen kind and country ask for, trimmed. */
export function registerBody(values: Values, language: string): RegisterApiInputRequest {
  const body: Record<string, unknown> = {
    kind: values.kind,
    organization_name: values.organization_name.trim(),
    country: values.country,
    city: values.city.trim(),
    full_name: values.full_name.trim(),
    email: values.email.trim(),
    phone: values.phone.trim(),
    password: values.password,
    language,
  };
  if (values.kind === "buyer") body.buyer_type = values.buyer_type;
  if (values.kind === "vendor" && values.country === "CN") {
    body.registration_id = values.registration_id.trim().toUpperCase();
  }
  // The schema marks the fields with a server-side default as required; the server fills them in.
  return body as unknown as RegisterApiInputRequest;
}

export function RegisterPage() {
  const { t, lang } = useI18n();
  const [params] = useSearchParams();
  // ?kind=vendor from the home page's "Register as a supplier".
  const form = useForm<Values>({
    defaultValues: {
      kind: params.get("kind") === "vendor" ? "vendor" : "buyer",
      buyer_type: "",
      organization_name: "",
      country: "",
      city: "",
      registration_id: "",
      full_name: "",
      email: "",
      phone: "",
      password: "",
    },
  });
  const register = useApiMutation("post", "/api/v1/auth/register/");
  const [formError, setFormError] = useState<ApiError | null>(null);
  // The API answers a taken address as a new one (and e-mails its owner).
  const [checkEmail, setCheckEmail] = useState<string | null>(null);
  const countries = useMemo(() => countryOptions(lang), [lang]);
  useDocumentTitle(t("auth.register"));

  const kind = form.watch("kind");
  const showUscc = kind === "vendor" && form.watch("country") === "CN";
  const busy = form.formState.isSubmitting;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const email = values.email.trim();
    try {
      await register.mutateAsync({ body: registerBody(values, lang) });
      // The account signs in once the e-mailed link has confirmed the address (and the answer is
      // the same for an address that already had an account).
      setCheckEmail(email);
    } catch (caught) {
      const error = applyApiErrors(form, passwordErrorsOnPassword(caught), FIELDS);
      setFormError(error);
      // A field's error takes the focus there; anything else is shown above the form.
      if (!Object.keys(error.fields).some((name) => (FIELDS as readonly string[]).includes(name))) {
        window.scrollTo?.({ top: 0 });
      }
    }
  });

  const input = (name: keyof Values, type = "text", extra: Record<string, unknown> = {}) =>
    function Control(describedBy: string | undefined, invalid: boolean) {
      return (
        <input
          id={`register-${name}`}
          type={type}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          {...extra}
          {...form.register(name)}
        />
      );
    };
  const field = (name: keyof Values, label: string, required = false) => ({
    id: `register-${name}`,
    label,
    errors: fieldErrors(form, name),
    required,
  });

  if (checkEmail !== null) {
    return (
      <section className="auth-page">
        <div className="card auth-card" data-testid="register-check-email">
          <h1>{t("register.checkEmail.title")}</h1>
          <p role="status">{t("register.checkEmail.body", { email: isolate(checkEmail) })}</p>
          <p className="auth-card__foot">
            <Link to="/login">{t("auth.signIn")}</Link> · <Link to="/forgot-password">{t("account.forgot.link")}</Link>
          </p>
        </div>
      </section>
    );
  }

  return (
    <section className="auth-page">
      <div className="card auth-card auth-card--wide">
        <h1>{t("register.title")}</h1>
        <p className="muted">{t("register.intro")}</p>
        <form onSubmit={(event) => void onSubmit(event)} noValidate data-testid="register-form">
          <FormErrors error={formError} shown={[...FIELDS]} />
          <fieldset className="choice-group">
            <legend className="field__label">{t("register.kind")}</legend>
            {(["buyer", "vendor"] as const).map((choice) => (
              <label key={choice} className={`choice${kind === choice ? " is-selected" : ""}`}>
                <input type="radio" value={choice} {...form.register("kind")} />
                <span>
                  <strong>{t(`register.kind.${choice}` as MessageKey)}</strong>
                  <span className="muted">{t(`register.kind.${choice}.hint` as MessageKey)}</span>
                </span>
              </label>
            ))}
          </fieldset>

          <h2 className="form-section">{t("register.organization")}</h2>
          <div className="form-grid">
            {kind === "buyer" ? (
              <Field {...field("buyer_type", t("register.buyerType"), true)}>
                {(describedBy, invalid) => (
                  <select
                    id="register-buyer_type"
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    {...form.register("buyer_type")}
                  >
                    <option value="">{t("form.choose")}</option>
                    {BUYER_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {t(`buyerType.${type}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : null}
            <Field {...field("organization_name", t("register.organizationName"), true)}>
              {input("organization_name", "text", { autoComplete: "organization" })}
            </Field>
            <Field {...field("country", t("register.country"), true)}>
              {(describedBy, invalid) => (
                <select
                  id="register-country"
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  {...form.register("country")}
                >
                  <option value="">{t("form.choose")}</option>
                  {countries.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field {...field("city", t("register.city"))}>
              {input("city", "text", { autoComplete: "address-level2" })}
            </Field>
            {showUscc ? (
              <Field
                {...field("registration_id", t("register.uscc"), true)}
                hint={t("register.uscc.hint")}
                className="form-grid__wide"
              >
                {input("registration_id", "text", { maxLength: 18, dir: "ltr", spellCheck: false, className: "mono" })}
              </Field>
            ) : null}
          </div>

          <h2 className="form-section">{t("register.you")}</h2>
          <div className="form-grid">
            <Field {...field("full_name", t("register.fullName"), true)}>
              {input("full_name", "text", { autoComplete: "name" })}
            </Field>
            <Field {...field("phone", t("register.phone"))}>
              {input("phone", "tel", { autoComplete: "tel", dir: "ltr" })}
            </Field>
            <Field {...field("email", t("auth.email"), true)}>
              {input("email", "email", { autoComplete: "email", dir: "ltr" })}
            </Field>
            <Field {...field("password", t("auth.password"), true)} hint={t("register.password.hint")}>
              {input("password", "password", { autoComplete: "new-password", dir: "ltr" })}
            </Field>
          </div>
          <p className="muted small">{t("register.privacy")}</p>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t("register.busy") : t("register.submit")}
          </button>
        </form>
        <p className="auth-card__foot">
          {t("register.haveAccount")} <Link to="/login">{t("auth.signIn")}</Link>
        </p>
      </div>
    </section>
  );
}
