import { useState } from "react";
import { useForm } from "react-hook-form";
import type { ApiError, ApplicationOutput } from "../../api";
import { Field, FormErrors } from "../../components/common";
import { applyApiErrors, fieldErrors } from "../../components/form";
import { COMMON_CURRENCIES, countryOptions } from "../../format";
import { LANGUAGES, useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n";

const TEXT_FIELDS = [
  "counterparty_name",
  "counterparty_country",
  "counterparty_language",
  "contract_number",
  "goods",
  "currency",
  "obligation",
  "event_description",
  "event_location",
] as const;
const DATE_FIELDS = ["contract_date", "obligation_due_date", "event_start", "event_end"] as const;
export const APPLICATION_FIELDS: readonly string[] = [...TEXT_FIELDS, ...DATE_FIELDS, "contract_value"];

type Values = Record<(typeof TEXT_FIELDS)[number] | (typeof DATE_FIELDS)[number] | "contract_value", string>;

function initialValues(application: ApplicationOutput | undefined): Values {
  const values = {} as Values;
  for (const name of APPLICATION_FIELDS as (keyof Values)[]) {
    const raw = application?.[name];
    values[name] = raw === null || raw === undefined ? "" : String(raw);
  }
  return values;
}

/** The request body: empty dates and value become null, text stays text (a draft may be incomplete). */
export function applicationBody(values: Values) {
  const body: Record<string, string | null> = {};
  for (const name of TEXT_FIELDS) body[name] = values[name].trim();
  for (const name of DATE_FIELDS) body[name] = values[name] || null;
  body.contract_value = values.contract_value.trim() || null;
  return body;
}

/** Contract and facts of a draft application; `onSave` gets the body and resolves or throws ApiError. */
export function ApplicationForm({
  application,
  onSave,
  saveLabel,
}: {
  application?: ApplicationOutput;
  onSave: (body: ReturnType<typeof applicationBody>) => Promise<unknown>;
  saveLabel: string;
}) {
  const { t, lang } = useI18n();
  const form = useForm<Values>({ defaultValues: initialValues(application) });
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    setSaved(false);
    try {
      await onSave(applicationBody(values));
      setSaved(true);
    } catch (error) {
      setFormError(applyApiErrors(form, error, APPLICATION_FIELDS));
    }
  });
  const text = (name: keyof Values, options: { long?: boolean; max?: number } = {}) => (
    <Field id={`fm-${name}`} label={t(`certificates.field.${name}` as MessageKey)} errors={fieldErrors(form, name)}>
      {(describedBy, invalid) =>
        options.long ? (
          <textarea
            id={`fm-${name}`}
            rows={4}
            maxLength={options.max ?? 2000}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            {...form.register(name)}
          />
        ) : (
          <input
            id={`fm-${name}`}
            maxLength={options.max ?? 255}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            {...form.register(name)}
          />
        )
      }
    </Field>
  );
  const date = (name: (typeof DATE_FIELDS)[number]) => (
    <Field id={`fm-${name}`} label={t(`certificates.field.${name}` as MessageKey)} errors={fieldErrors(form, name)}>
      {(describedBy, invalid) => (
        <input
          id={`fm-${name}`}
          type="date"
          aria-describedby={describedBy}
          aria-invalid={invalid}
          {...form.register(name)}
        />
      )}
    </Field>
  );
  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} data-testid="application-form" noValidate>
      <h2>{t("certificates.form.contract")}</h2>
      <div className="form-grid">
        {text("counterparty_name")}
        <Field
          id="fm-counterparty_country"
          label={t("certificates.field.counterparty_country")}
          errors={fieldErrors(form, "counterparty_country")}
        >
          {(describedBy) => (
            <select
              id="fm-counterparty_country"
              aria-describedby={describedBy}
              {...form.register("counterparty_country")}
            >
              <option value="">—</option>
              {countryOptions(lang).map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="fm-counterparty_language"
          label={t("certificates.field.counterparty_language")}
          errors={fieldErrors(form, "counterparty_language")}
        >
          {(describedBy) => (
            <select
              id="fm-counterparty_language"
              aria-describedby={describedBy}
              {...form.register("counterparty_language")}
            >
              <option value="">—</option>
              {LANGUAGES.map((l) => (
                <option key={l.code} value={l.code} lang={l.code}>
                  {l.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text("contract_number", { max: 128 })}
        {date("contract_date")}
        <Field
          id="fm-contract_value"
          label={t("certificates.field.contract_value")}
          errors={fieldErrors(form, "contract_value")}
        >
          {(describedBy, invalid) => (
            <input
              id="fm-contract_value"
              inputMode="decimal"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              {...form.register("contract_value")}
            />
          )}
        </Field>
        <Field id="fm-currency" label={t("certificates.field.currency")} errors={fieldErrors(form, "currency")}>
          {(describedBy) => (
            <select id="fm-currency" aria-describedby={describedBy} {...form.register("currency")}>
              <option value="">—</option>
              {COMMON_CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
        </Field>
        {date("obligation_due_date")}
      </div>
      {text("goods", { long: true })}
      {text("obligation", { long: true })}
      <h2>{t("certificates.form.facts")}</h2>
      {text("event_description", { long: true, max: 5000 })}
      <div className="form-grid">
        {text("event_location")}
        {date("event_start")}
        {date("event_end")}
      </div>
      <FormErrors error={formError} shown={[...APPLICATION_FIELDS]} />
      {saved ? (
        <p className="notice notice--ok" role="status" data-testid="application-saved">
          {t("certificates.form.saved")}
        </p>
      ) : null}
      <button
        type="submit"
        className="button button--primary"
        disabled={form.formState.isSubmitting}
        data-testid="application-save"
      >
        {saveLabel}
      </button>
    </form>
  );
}
