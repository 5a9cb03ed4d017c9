import { useMemo, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import type { ApiError, CategoryOutput, PurchaseRequestDetailOutput } from "../../api";
import { Field, FormErrors, useEnumLabel } from "../../components/common";
import { applyApiErrors, fieldErrors } from "../../components/form";
import { COMMON_CURRENCIES, countryOptions, INCOTERMS, localizedText, unitChoices } from "../../format";
import { useI18n } from "../../i18n";
import { categoryTree, useCategories } from "../../reference";
import { useCategorySuggestion, useRequestActions } from "./hooks";
import { StandardsPicker } from "./StandardsPicker";

export interface RequestFormValues {
  title: string;
  description: string;
  category: string;
  end_user: string;
  quantity: string;
  unit: string;
  destination_country: string;
  needed_by: string;
  required_standards: string[];
  target_unit_price: string;
  currency: string;
  incoterm: string;
}

export const REQUEST_FIELDS: readonly string[] = [
  "title",
  "description",
  "category",
  "end_user",
  "quantity",
  "unit",
  "destination_country",
  "needed_by",
  "required_standards",
  "target_unit_price",
  "currency",
  "incoterm",
];

function initialValues(request: PurchaseRequestDetailOutput | undefined): RequestFormValues {
  return {
    title: request?.title ?? "",
    description: request?.description ?? "",
    category: request?.category ? String(request.category.id) : "",
    end_user: request?.end_user ?? "",
    quantity: request ? String(request.quantity) : "",
    unit: request?.unit ?? "piece",
    destination_country: request?.destination_country ?? "",
    needed_by: request?.needed_by ?? "",
    required_standards: request?.required_standards ?? [],
    target_unit_price: request?.target_unit_price ? String(Number(request.target_unit_price)) : "",
    currency: request?.currency || "USD",
    incoterm: request?.incoterm ?? "",
  };
}

/** The API body of the form's values (the server checks the rules and answers per field). */
export function requestBody(values: RequestFormValues, lang: string) {
  const price = values.target_unit_price.trim();
  return {
    title: values.title.trim(),
    description: values.description.trim(),
    language: lang,
    category: values.category ? Number(values.category) : null,
    end_user: values.end_user.trim(),
    // Sent as typed: the server answers "at least 1" or "a whole number" for the field.
    quantity: (values.quantity.trim() === "" ? null : Number(values.quantity)) as number,
    unit: values.unit.trim(),
    destination_country: values.destination_country,
    needed_by: values.needed_by || null,
    required_standards: values.required_standards,
    target_unit_price: price === "" ? null : price,
    currency: price === "" ? "" : values.currency,
    incoterm: values.incoterm,
  };
}

/**
 * An edit sends only what the buyer changed (so the history says what changed); a price and its
 * currency, and a text and its language, go together.
 */
export function changedOnly(
  body: ReturnType<typeof requestBody>,
  dirty: string[],
): Partial<ReturnType<typeof requestBody>> {
  const names = new Set(dirty);
  if (names.has("target_unit_price") || names.has("currency")) {
    names.add("target_unit_price");
    names.add("currency");
  }
  if (names.has("title") || names.has("description")) names.add("language");
  return Object.fromEntries(Object.entries(body).filter(([name]) => names.has(name)));
}

/** "Use this category" next to the category the server (or the engine, while typing) inferred. */
export function CategorySuggestion({
  category,
  message,
  onUse,
  busy,
}: {
  category: CategoryOutput | PurchaseRequestDetailOutput["suggested_category"];
  message: "requests.suggest.typing" | "requests.suggest.saved";
  onUse: () => void;
  busy?: boolean;
}) {
  const { t, lang } = useI18n();
  if (!category) return null;
  const name = `${localizedText(category.names, lang, category.slug)} (${category.hs_code})`;
  return (
    <p className="notice notice--info suggestion" role="status" data-testid="category-suggestion">
      <span>{t(message, { category: name })}</span>{" "}
      <button type="button" className="button button--small button--secondary" onClick={onUse} disabled={busy}>
        {t("requests.suggest.use")}
      </button>
    </p>
  );
}

/**
 * Create (publish or save as draft) or edit a request. While no category is chosen, the category
 * the text points to is suggested as the buyer types.
 */
export function RequestForm({
  request,
  onSaved,
  onCancel,
}: {
  request?: PurchaseRequestDetailOutput;
  onSaved: (saved: PurchaseRequestDetailOutput) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const categories = useCategories();
  const tree = useMemo(() => categoryTree(categories, lang), [categories, lang]);
  const countries = useMemo(() => countryOptions(lang), [lang]);
  const { create, update } = useRequestActions();
  const form = useForm<RequestFormValues>({ defaultValues: initialValues(request) });
  const enumLabel = useEnumLabel();
  const [formError, setFormError] = useState<ApiError | null>(null);
  const today = new Date().toISOString().slice(0, 10);
  const editing = request !== undefined;

  const [title, description, category] = form.watch(["title", "description", "category"]);
  const suggestion = useCategorySuggestion(`${title} ${description}`, !category);

  const save = (status: "draft" | "open") =>
    form.handleSubmit(async (values) => {
      setFormError(null);
      const body = requestBody(values, lang);
      try {
        const saved = editing
          ? await update.mutateAsync({
              params: { path: { request_id: request.id } },
              body: changedOnly(body, Object.keys(form.formState.dirtyFields)),
            })
          : await create.mutateAsync({ body: { ...body, status } });
        onSaved(saved);
      } catch (error) {
        setFormError(applyApiErrors(form, error, REQUEST_FIELDS));
      }
    });

  const busy = form.formState.isSubmitting;
  return (
    <form
      className="card form-card"
      onSubmit={(event) => {
        const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        void save(submitter?.value === "draft" ? "draft" : "open")(event);
      }}
      noValidate
      data-testid="request-form"
    >
      <h2>{editing ? t("requests.form.editTitle") : t("requests.form.title")}</h2>
      <FormErrors error={formError} shown={[...REQUEST_FIELDS]} />
      <div className="form-grid">
        <Field
          id="request-title"
          label={t("requests.form.name")}
          errors={fieldErrors(form, "title")}
          required
          className="form-grid__wide"
        >
          {(d, invalid) => (
            <input
              id="request-title"
              aria-describedby={d}
              aria-invalid={invalid}
              dir="auto"
              {...form.register("title")}
            />
          )}
        </Field>
        <Field id="request-category" label={t("requests.form.category")} errors={fieldErrors(form, "category")}>
          {(d, invalid) => (
            <select id="request-category" aria-describedby={d} aria-invalid={invalid} {...form.register("category")}>
              <option value="">{t("form.choose")}</option>
              {tree.map(({ category: c, depth }) => (
                <option key={c.id} value={c.id}>
                  {"\u00a0\u00a0\u00a0".repeat(depth)}
                  {localizedText(c.names, lang, c.slug)} ({c.hs_code})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="request-destination_country"
          label={t("requests.form.destination")}
          errors={fieldErrors(form, "destination_country")}
          required
        >
          {(d, invalid) => (
            <select
              id="request-destination_country"
              aria-describedby={d}
              aria-invalid={invalid}
              {...form.register("destination_country")}
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
        {!category && suggestion ? (
          <div className="form-grid__wide">
            <CategorySuggestion
              category={suggestion}
              message="requests.suggest.typing"
              onUse={() => form.setValue("category", String(suggestion.id), { shouldDirty: true })}
            />
          </div>
        ) : null}
        <div className="field-pair">
          <Field
            id="request-quantity"
            label={t("requests.form.quantity")}
            errors={fieldErrors(form, "quantity")}
            required
          >
            {(d, invalid) => (
              <input
                id="request-quantity"
                type="number"
                min={1}
                step={1}
                inputMode="numeric"
                aria-describedby={d}
                aria-invalid={invalid}
                dir="ltr"
                {...form.register("quantity")}
              />
            )}
          </Field>
          <Field id="request-unit" label={t("requests.form.unit")} errors={fieldErrors(form, "unit")}>
            {(d, invalid) => (
              <select id="request-unit" aria-describedby={d} aria-invalid={invalid} {...form.register("unit")}>
                {unitChoices(request?.unit ?? "").map((unit) => (
                  <option key={unit} value={unit}>
                    {enumLabel("requests.unit", unit)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field id="request-needed_by" label={t("requests.form.neededBy")} errors={fieldErrors(form, "needed_by")}>
          {(d, invalid) => (
            <input
              id="request-needed_by"
              type="date"
              min={today}
              aria-describedby={d}
              aria-invalid={invalid}
              {...form.register("needed_by")}
            />
          )}
        </Field>
        <div className="field-pair">
          <Field
            id="request-target_unit_price"
            label={t("requests.form.targetPrice")}
            errors={fieldErrors(form, "target_unit_price")}
          >
            {(d, invalid) => (
              <input
                id="request-target_unit_price"
                type="number"
                min={0}
                step="any"
                inputMode="decimal"
                aria-describedby={d}
                aria-invalid={invalid}
                dir="ltr"
                {...form.register("target_unit_price")}
              />
            )}
          </Field>
          <Field id="request-currency" label={t("requests.form.currency")} errors={fieldErrors(form, "currency")}>
            {(d, invalid) => (
              <select id="request-currency" aria-describedby={d} aria-invalid={invalid} {...form.register("currency")}>
                {COMMON_CURRENCIES.map((code) => (
                  <option key={code} value={code}>
                    {code}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field id="request-end_user" label={t("requests.form.endUser")} errors={fieldErrors(form, "end_user")}>
          {(d, invalid) => (
            <input
              id="request-end_user"
              aria-describedby={d}
              aria-invalid={invalid}
              dir="auto"
              {...form.register("end_user")}
            />
          )}
        </Field>
        <Field id="request-incoterm" label={t("requests.form.incoterm")} errors={fieldErrors(form, "incoterm")}>
          {(d, invalid) => (
            <select id="request-incoterm" aria-describedby={d} aria-invalid={invalid} {...form.register("incoterm")}>
              <option value="">{t("requests.form.none")}</option>
              {INCOTERMS.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="request-required_standards"
          label={t("requests.form.standards")}
          errors={fieldErrors(form, "required_standards")}
          className="form-grid__wide"
        >
          {(d) => (
            <Controller
              control={form.control}
              name="required_standards"
              render={({ field }) => <StandardsPicker value={field.value} onChange={field.onChange} describedBy={d} />}
            />
          )}
        </Field>
        <Field
          id="request-description"
          label={t("requests.form.description")}
          errors={fieldErrors(form, "description")}
          className="form-grid__wide"
        >
          {(d, invalid) => (
            <textarea
              id="request-description"
              rows={3}
              aria-describedby={d}
              aria-invalid={invalid}
              dir="auto"
              {...form.register("description")}
            />
          )}
        </Field>
      </div>
      <div className="form-actions">
        {editing ? (
          <button type="submit" value="save" className="button button--primary" disabled={busy}>
            {t("requests.form.save")}
          </button>
        ) : (
          <>
            <button type="submit" value="open" className="button button--primary" disabled={busy}>
              {t("requests.form.publish")}
            </button>
            <button type="submit" value="draft" className="button button--secondary" disabled={busy}>
              {t("requests.form.saveDraft")}
            </button>
          </>
        )}
        <button type="button" className="button button--ghost" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
