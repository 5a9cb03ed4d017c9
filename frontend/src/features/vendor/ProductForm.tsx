import { useState } from "react";
import type { ReactNode } from "react";
import { Controller, useForm } from "react-hook-form";
import type { ApiError, DocumentOutput, ProductCreateInputRequest, ProductOutput } from "../../api";
import { Field, FormErrors, useEnumLabel } from "../../components/common";
import { applyApiErrors, fieldErrors } from "../../components/form";
import { COMMON_CURRENCIES, INCOTERMS, countryOptions, unitChoices } from "../../format";
import { LANGUAGES, useI18n } from "../../i18n";
import { categoryLabel, categoryTree, useCategories, useStandards } from "../../reference";
import { CodePicker } from "./CodePicker";

const NUMBER_FIELDS = [
  "min_order_quantity",
  "capacity_per_day",
  "stock",
  "lead_time_days",
  "price_min",
  "price_max",
] as const;
const TEXT_FIELDS = ["model_number", "unit", "currency", "origin_country", "category", "status", "ports"] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];
export type ProductValues = Record<NumberField | (typeof TEXT_FIELDS)[number], string> & {
  names: Record<string, string>;
  descriptions: Record<string, string>;
  standards: string[];
  incoterms: string[];
  certificates: string[];
};
export const PRODUCT_FIELDS: readonly string[] = [
  ...NUMBER_FIELDS,
  ...TEXT_FIELDS,
  "names",
  "descriptions",
  "standards",
  "incoterms",
  "certificates",
  ...LANGUAGES.flatMap((l) => [`names.${l.code}`, `descriptions.${l.code}`]),
];

const perLanguage = (texts: Record<string, string> | undefined) =>
  Object.fromEntries(LANGUAGES.map((l) => [l.code, texts?.[l.code] ?? ""]));

export function productValues(product: ProductOutput | undefined, originCountry: string): ProductValues {
  return {
    names: perLanguage(product?.names),
    descriptions: perLanguage(product?.descriptions),
    category: product ? String(product.category.id) : "",
    model_number: product?.model_number ?? "",
    standards: product?.standards ?? [],
    min_order_quantity: product ? String(product.min_order_quantity) : "",
    capacity_per_day: product ? String(product.capacity_per_day) : "",
    stock: product?.stock !== undefined ? String(product.stock) : "0",
    unit: product?.unit ?? "piece",
    lead_time_days: product ? String(product.lead_time_days) : "",
    price_min: product?.price_min ?? "",
    price_max: product?.price_max ?? "",
    currency: product?.currency ?? "USD",
    incoterms: product?.incoterms ?? [],
    origin_country: product?.origin_country ?? originCountry,
    ports: product?.ports.join(", ") ?? "",
    status: product?.status ?? "draft",
    certificates: product?.certificates.map((certificate) => String(certificate.id)) ?? [],
  };
}

/** A number typed in the form, or the text itself when it is not one (the server names the field). */
function numberOrText(value: string): number {
  const trimmed = value.trim();
  return (trimmed !== "" && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed || null) as number;
}

const filled = (texts: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(texts)
      .filter(([, text]) => text.trim() !== "")
      .map(([code, text]) => [code, text.trim()]),
  );

/** The request body from the form's values: empty languages dropped, numbers as numbers. */
export function productBody(values: ProductValues): ProductCreateInputRequest {
  return {
    names: filled(values.names),
    descriptions: filled(values.descriptions),
    category: numberOrText(values.category),
    model_number: values.model_number.trim(),
    standards: values.standards,
    min_order_quantity: numberOrText(values.min_order_quantity),
    capacity_per_day: numberOrText(values.capacity_per_day),
    stock: numberOrText(values.stock),
    unit: values.unit.trim(),
    lead_time_days: numberOrText(values.lead_time_days),
    price_min: values.price_min.trim(),
    price_max: values.price_max.trim(),
    currency: values.currency,
    incoterms: values.incoterms,
    origin_country: values.origin_country,
    ports: values.ports
      .split(/[,，、]/)
      .map((port) => port.trim())
      .filter(Boolean),
    status: values.status as ProductCreateInputRequest["status"],
    certificates: values.certificates.map(Number),
  };
}

/** Create or edit a product; `onSave` resolves or throws the API's error, which lands on the fields. */
export function ProductForm({
  product,
  originCountry,
  certificates,
  onSave,
}: {
  product?: ProductOutput;
  originCountry: string;
  /** The vendor's certificates the product may name. */
  certificates: DocumentOutput[];
  onSave: (body: ProductCreateInputRequest) => Promise<unknown>;
}) {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  const categories = useCategories();
  const standards = useStandards();
  const form = useForm<ProductValues>({ defaultValues: productValues(product, originCountry) });
  const [formError, setFormError] = useState<ApiError | null>(null);
  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await onSave(productBody(values));
    } catch (error) {
      setFormError(applyApiErrors(form, error, PRODUCT_FIELDS));
    }
  });
  const input = (
    name: NumberField | "model_number" | "ports",
    options: { required?: boolean; numeric?: boolean } = {},
  ) => (
    <Field
      id={`product-${name}`}
      label={t(`vendor.product.${name}`)}
      errors={fieldErrors(form, name)}
      required={options.required}
    >
      {(describedBy, invalid) => (
        <input
          id={`product-${name}`}
          inputMode={options.numeric ? "decimal" : undefined}
          dir={options.numeric ? "ltr" : "auto"}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          {...form.register(name)}
        />
      )}
    </Field>
  );
  const select = (
    name: "category" | "currency" | "origin_country" | "status",
    options: { value: string; label: string }[],
  ) => (
    <Field id={`product-${name}`} label={t(`vendor.product.${name}`)} errors={fieldErrors(form, name)} required>
      {(describedBy, invalid) => (
        <select id={`product-${name}`} aria-describedby={describedBy} aria-invalid={invalid} {...form.register(name)}>
          {name === "category" ? <option value="">{t("form.choose")}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const picker = (
    name: "standards" | "incoterms" | "certificates",
    options: { code: string; label: string; title?: string }[],
  ) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <CodePicker
          id={`product-${name}`}
          legend={t(`vendor.product.${name}`)}
          options={options}
          value={field.value}
          onChange={field.onChange}
          errors={fieldErrors(form, name)}
        />
      )}
    />
  );
  const errors = form.formState.errors;
  // Each language is a fold: the reader's language, English and any language already filled or
  // with a server error are open; the rest stay folded so that a phone is not six screens long.
  const languageOpen = (code: string) =>
    code === lang ||
    code === "en" ||
    Boolean(product?.names[code] || product?.descriptions[code]) ||
    Boolean(errors.names?.[code] || errors.descriptions?.[code] || (code === "en" && errors.names));
  const section = (key: string, title: string, children: ReactNode) => (
    <section className="product-form__section" aria-labelledby={`product-section-${key}`}>
      <h2 className="product-form__title" id={`product-section-${key}`}>
        {title}
      </h2>
      {children}
    </section>
  );
  return (
    <form
      className="card stack product-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      data-testid="product-form"
    >
      <FormErrors error={formError} shown={[...PRODUCT_FIELDS]} />
      {section(
        "names",
        t("vendor.product.names"),
        <>
          <p className="muted small">{t("vendor.product.names.hint")}</p>
          <div className="product-form__languages">
            {LANGUAGES.map((language) => (
              <details
                key={language.code}
                className="product-form__language"
                open={languageOpen(language.code)}
                data-testid={`product-language-${language.code}`}
              >
                <summary>{language.name}</summary>
                <div className="stack language-pair">
                  <Field
                    id={`product-name-${language.code}`}
                    label={`${t("vendor.product.name")} · ${language.name}`}
                    errors={
                      fieldErrors(form, `names.${language.code}`) ??
                      (language.code === "en" ? fieldErrors(form, "names") : undefined)
                    }
                  >
                    {(describedBy, invalid) => (
                      <input
                        id={`product-name-${language.code}`}
                        lang={language.code}
                        dir={language.dir}
                        aria-describedby={describedBy}
                        aria-invalid={invalid}
                        {...form.register(`names.${language.code}`)}
                      />
                    )}
                  </Field>
                  <Field
                    id={`product-description-${language.code}`}
                    label={`${t("vendor.product.description")} · ${language.name}`}
                    errors={fieldErrors(form, `descriptions.${language.code}`)}
                  >
                    {(describedBy, invalid) => (
                      <textarea
                        id={`product-description-${language.code}`}
                        rows={3}
                        lang={language.code}
                        dir={language.dir}
                        aria-describedby={describedBy}
                        aria-invalid={invalid}
                        {...form.register(`descriptions.${language.code}`)}
                      />
                    )}
                  </Field>
                </div>
              </details>
            ))}
          </div>
        </>,
      )}
      {section(
        "product",
        t("vendor.product.section.product"),
        <>
          <div className="form-grid">
            {select(
              "category",
              categoryTree(categories, lang).map(({ category, depth }) => ({
                value: String(category.id),
                label: `${"— ".repeat(depth)}${categoryLabel(category, lang)} (${category.hs_code})`,
              })),
            )}
            {input("model_number")}
          </div>
          {picker(
            "standards",
            standards.map((standard) => ({ code: standard.code, label: standard.code, title: standard.title })),
          )}
          {certificates.length
            ? picker(
                "certificates",
                certificates.map((document) => ({
                  code: String(document.id),
                  label: `${document.number || document.original_name} (${document.markets.join(", ")})`,
                })),
              )
            : null}
        </>,
      )}
      {section(
        "supply",
        t("vendor.product.section.supply"),
        <div className="form-grid">
          {input("min_order_quantity", { required: true, numeric: true })}
          {input("capacity_per_day", { required: true, numeric: true })}
          {input("stock", { numeric: true })}
          <Field id="product-unit" label={t("vendor.product.unit")} errors={fieldErrors(form, "unit")}>
            {(describedBy, invalid) => (
              <select
                id="product-unit"
                aria-describedby={describedBy}
                aria-invalid={invalid}
                {...form.register("unit")}
              >
                {unitChoices(product?.unit ?? "").map((unit) => (
                  <option key={unit} value={unit}>
                    {enumLabel("requests.unit", unit)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {input("lead_time_days", { required: true, numeric: true })}
        </div>,
      )}
      {section(
        "price",
        t("vendor.product.section.price"),
        <>
          <div className="form-grid">
            {input("price_min", { required: true, numeric: true })}
            {input("price_max", { required: true, numeric: true })}
            {select(
              "currency",
              COMMON_CURRENCIES.map((code) => ({ value: code, label: code })),
            )}
            {select(
              "origin_country",
              countryOptions(lang).map((c) => ({ value: c.code, label: c.name })),
            )}
            {input("ports")}
          </div>
          {picker(
            "incoterms",
            INCOTERMS.map((code) => ({ code, label: code })),
          )}
        </>,
      )}
      <div className="form-actions product-form__actions">
        <div className="form-grid">
          {select(
            "status",
            (product?.status === "archived"
              ? (["draft", "published", "archived"] as const)
              : (["draft", "published"] as const)
            ).map((status) => ({ value: status, label: t(`vendor.productStatus.${status}`) })),
          )}
        </div>
        <button
          type="submit"
          className="button button--primary"
          disabled={form.formState.isSubmitting}
          data-testid="product-save"
        >
          {t("vendor.save")}
        </button>
      </div>
    </form>
  );
}
