import { useMemo, useState } from "react";
import type { FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ApiError, apiCall } from "../../api";
import type { RegisterApiInputRequest } from "../../api";
import { useAuth } from "../../auth";
import { Field, FormErrors } from "../../components/common";
import { countryOptions } from "../../format";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { landingPath } from "./LoginPage";

export const BUYER_TYPES = ["embassy", "agency", "hospital", "distributor", "ngo", "chamber"] as const;

// Django's password validators report on the whole form; the UI shows them under the password.
const PASSWORD_CODES = [
  "password_too_short",
  "password_too_common",
  "password_entirely_numeric",
  "password_too_similar",
];

interface Form {
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
}

const EMPTY: Form = {
  kind: "buyer",
  buyer_type: "",
  organization_name: "",
  country: "",
  city: "",
  registration_id: "",
  full_name: "",
  email: "",
  phone: "",
  password: "",
};

export function RegisterPage() {
  const { t, lang } = useI18n();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // ?kind=vendor from the home page's "Register as a supplier".
  const [form, setForm] = useState<Form>(() => ({
    ...EMPTY,
    kind: params.get("kind") === "vendor" ? "vendor" : "buyer",
  }));
  const [error, setError] = useState<ApiError | null>(null);
  // The API answers a taken address as a new one (and e-mails its owner), so registration is
  // only known to have made an account when signing in with it works.
  const [checkEmail, setCheckEmail] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const countries = useMemo(() => countryOptions(lang), [lang]);
  useDocumentTitle(t("auth.register"));

  const set = <K extends keyof Form>(name: K, value: Form[K]) => setForm((current) => ({ ...current, [name]: value }));
  const showUscc = form.kind === "vendor" && form.country === "CN";

  const fields = useMemo(() => {
    if (!error) return {};
    const out = { ...error.fields };
    const general = out.non_field_errors ?? [];
    const password = general.filter((e) => PASSWORD_CODES.includes(e.code));
    if (password.length) {
      out.password = [...(out.password ?? []), ...password];
      out.non_field_errors = general.filter((e) => !PASSWORD_CODES.includes(e.code));
      if (out.non_field_errors.length === 0) delete out.non_field_errors;
    }
    return out;
  }, [error]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body: Record<string, unknown> = {
      kind: form.kind,
      organization_name: form.organization_name.trim(),
      country: form.country,
      city: form.city.trim(),
      full_name: form.full_name.trim(),
      email: form.email.trim(),
      phone: form.phone.trim(),
      password: form.password,
      language: lang,
    };
    if (form.kind === "buyer") body.buyer_type = form.buyer_type;
    if (showUscc) body.registration_id = form.registration_id.trim().toUpperCase();
    try {
      await apiCall("post", "/api/v1/auth/register/", { body: body as unknown as RegisterApiInputRequest });
      const user = await signIn(form.email.trim(), form.password).catch((caught: unknown) => {
        if (caught instanceof ApiError && caught.status === 400) return null;
        throw caught;
      });
      if (user === null) {
        setCheckEmail(form.email.trim());
        setBusy(false);
        return;
      }
      // A new vendor starts on its company profile (the verification checklist's first items).
      const next = params.get("next") ?? (user.role === "vendor" ? "/vendor/profile" : null);
      navigate(landingPath(next, user.role), { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, "network", ""));
      setBusy(false);
      window.scrollTo?.({ top: 0 });
    }
  };

  const shown = [
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
  ];
  const input = (name: keyof Form, type = "text", extra: Record<string, unknown> = {}) =>
    function Control(describedBy: string | undefined, invalid: boolean) {
      return (
        <input
          id={`register-${name}`}
          name={name}
          type={type}
          value={form[name]}
          onChange={(e) => set(name, e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          {...extra}
        />
      );
    };

  if (checkEmail !== null) {
    return (
      <section className="auth-page">
        <div className="card auth-card" data-testid="register-check-email">
          <h1>{t("register.checkEmail.title")}</h1>
          <p role="status">{t("register.checkEmail.body", { email: checkEmail })}</p>
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
        <form onSubmit={onSubmit} noValidate data-testid="register-form">
          <FormErrors
            error={error ? new ApiError(error.status, error.code, error.message, fields) : null}
            shown={shown}
          />
          <fieldset className="choice-group">
            <legend className="field__label">{t("register.kind")}</legend>
            {(["buyer", "vendor"] as const).map((kind) => (
              <label key={kind} className={`choice${form.kind === kind ? " is-selected" : ""}`}>
                <input
                  type="radio"
                  name="kind"
                  value={kind}
                  checked={form.kind === kind}
                  onChange={() => set("kind", kind)}
                />
                <span>
                  <strong>{t(`register.kind.${kind}` as MessageKey)}</strong>
                  <span className="muted">{t(`register.kind.${kind}.hint` as MessageKey)}</span>
                </span>
              </label>
            ))}
          </fieldset>

          <h2 className="form-section">{t("register.organization")}</h2>
          <div className="form-grid">
            {form.kind === "buyer" ? (
              <Field id="register-buyer_type" label={t("register.buyerType")} errors={fields.buyer_type} required>
                {(describedBy, invalid) => (
                  <select
                    id="register-buyer_type"
                    value={form.buyer_type}
                    onChange={(e) => set("buyer_type", e.target.value)}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
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
            <Field
              id="register-organization_name"
              label={t("register.organizationName")}
              errors={fields.organization_name}
              required
            >
              {input("organization_name", "text", { autoComplete: "organization" })}
            </Field>
            <Field id="register-country" label={t("register.country")} errors={fields.country} required>
              {(describedBy, invalid) => (
                <select
                  id="register-country"
                  value={form.country}
                  onChange={(e) => set("country", e.target.value)}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
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
            <Field id="register-city" label={t("register.city")} errors={fields.city}>
              {input("city", "text", { autoComplete: "address-level2" })}
            </Field>
            {showUscc ? (
              <Field
                id="register-registration_id"
                label={t("register.uscc")}
                hint={t("register.uscc.hint")}
                errors={fields.registration_id}
                required
                className="form-grid__wide"
              >
                {input("registration_id", "text", { maxLength: 18, dir: "ltr", spellCheck: false, className: "mono" })}
              </Field>
            ) : null}
          </div>

          <h2 className="form-section">{t("register.you")}</h2>
          <div className="form-grid">
            <Field id="register-full_name" label={t("register.fullName")} errors={fields.full_name} required>
              {input("full_name", "text", { autoComplete: "name" })}
            </Field>
            <Field id="register-phone" label={t("register.phone")} errors={fields.phone}>
              {input("phone", "tel", { autoComplete: "tel", dir: "ltr" })}
            </Field>
            <Field id="register-email" label={t("auth.email")} errors={fields.email} required>
              {input("email", "email", { autoComplete: "email", dir: "ltr" })}
            </Field>
            <Field
              id="register-password"
              label={t("auth.password")}
              hint={t("register.password.hint")}
              errors={fields.password}
              required
            >
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
