import { useState } from "react";
import { useForm } from "react-hook-form";
import type { ApiError, OrganizationDetailOutput } from "../../api";
import { Field, FormErrors } from "../../components/common";
import { applyApiErrors, fieldErrors } from "../../components/form";
import { countryName } from "../../format";
import { LANGUAGES, useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n";
import { useOrganizationActions } from "./hooks";

const TEXT_FIELDS = ["name", "city", "address", "website", "registration_id"] as const;
type TextField = (typeof TEXT_FIELDS)[number];
type Values = Record<TextField | "description", string> & { legal_names: Record<string, string> };
const SHOWN = [...TEXT_FIELDS, "description", "legal_names", ...LANGUAGES.map((l) => `legal_names.${l.code}`)];

function initialValues(organization: OrganizationDetailOutput): Values {
  return {
    name: organization.name,
    city: organization.city,
    address: organization.address ?? "",
    website: organization.website,
    registration_id: organization.registration_id ?? "",
    description: organization.description,
    legal_names: Object.fromEntries(LANGUAGES.map((l) => [l.code, organization.legal_names[l.code] ?? ""])),
  };
}

/** The request body: legal names left empty are dropped (the server keeps only given languages). */
export function profileBody(values: Values) {
  const legal_names: Record<string, string> = {};
  for (const [code, name] of Object.entries(values.legal_names)) if (name.trim()) legal_names[code] = name.trim();
  return {
    name: values.name.trim(),
    legal_names,
    city: values.city.trim(),
    address: values.address.trim(),
    website: values.website.trim(),
    description: values.description.trim(),
    registration_id: values.registration_id.trim().toUpperCase(),
  };
}

/** The company profile with its edit form: names in each language, address, registration id. */
export function ProfileForm({ organization }: { organization: OrganizationDetailOutput }) {
  const { t, lang } = useI18n();
  const { update } = useOrganizationActions();
  const form = useForm<Values>({ defaultValues: initialValues(organization) });
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    setSaved(false);
    try {
      const fresh = await update.mutateAsync({
        params: { path: { organization_id: organization.id } },
        body: profileBody(values),
      });
      form.reset(initialValues(fresh));
      setSaved(true);
    } catch (error) {
      setFormError(applyApiErrors(form, error, SHOWN));
    }
  });
  const text = (name: TextField, options: { ltr?: boolean; required?: boolean; hint?: string } = {}) => (
    <Field
      id={`profile-${name}`}
      label={t(`vendor.profile.${name}` as MessageKey)}
      errors={fieldErrors(form, name)}
      required={options.required}
      hint={options.hint}
    >
      {(describedBy, invalid) => (
        <input
          id={`profile-${name}`}
          dir={options.ltr ? "ltr" : "auto"}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          {...form.register(name)}
        />
      )}
    </Field>
  );
  const chinese = organization.country === "CN";
  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} noValidate data-testid="profile-form">
      <h2>{t("vendor.profile.details")}</h2>
      <FormErrors error={formError} shown={SHOWN} />
      <div className="form-grid">
        {text("name", { required: true })}
        <div className="field">
          <span className="field__label">{t("vendor.profile.country")}</span>
          <span className="field__static" data-testid="profile-country">
            {countryName(organization.country, lang)}
          </span>
        </div>
        {text("city")}
        {text("address")}
        {text("website", { ltr: true })}
        {text("registration_id", {
          ltr: true,
          required: chinese,
          hint: chinese ? t("vendor.profile.registration_id.uscc") : undefined,
        })}
      </div>
      <fieldset className="vendor-languages">
        <legend className="field__label">{t("vendor.profile.legalNames")}</legend>
        <div className="form-grid">
          {LANGUAGES.map((language) => (
            <Field
              key={language.code}
              id={`profile-legal_names-${language.code}`}
              label={language.name}
              errors={fieldErrors(form, `legal_names.${language.code}`)}
            >
              {(describedBy, invalid) => (
                <input
                  id={`profile-legal_names-${language.code}`}
                  lang={language.code}
                  dir={language.dir}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  {...form.register(`legal_names.${language.code}`)}
                />
              )}
            </Field>
          ))}
        </div>
      </fieldset>
      <Field id="profile-description" label={t("vendor.profile.description")} errors={fieldErrors(form, "description")}>
        {(describedBy, invalid) => (
          <textarea
            id="profile-description"
            rows={4}
            dir="auto"
            aria-describedby={describedBy}
            aria-invalid={invalid}
            {...form.register("description")}
          />
        )}
      </Field>
      {organization.verification_status === "verified" ? (
        <p className="muted small">{t("vendor.profile.identityNote")}</p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
          {t("vendor.save")}
        </button>
        {saved ? (
          <span className="notice notice--ok" role="status" data-testid="profile-saved">
            {t("vendor.saved")}
          </span>
        ) : null}
      </div>
    </form>
  );
}
