import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import type { ApiError, DocumentTypeEnum } from "../../api";
import { Field, FormErrors } from "../../components/common";
import { applyApiErrors, fieldErrors } from "../../components/form";
import { useI18n } from "../../i18n";
import { useMarkets, useStandards } from "../../reference";
import { useMarketLabel } from "../../components/useMarketLabel";
import { CodePicker } from "./CodePicker";
import { useDocumentUpload } from "./hooks";

export const DOCUMENT_TYPES: readonly DocumentTypeEnum[] = [
  "business_licence",
  "export_licence",
  "certificate",
  "other",
];
const ACCEPT = "application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg";
const SHOWN = ["file", "document_type", "number", "issuer", "valid_from", "valid_until", "markets", "standards"];

type Values = {
  file: FileList | null;
  document_type: DocumentTypeEnum | "";
  number: string;
  issuer: string;
  valid_from: string;
  valid_until: string;
  markets: string[];
  standards: string[];
};
const EMPTY: Values = {
  file: null,
  document_type: "",
  number: "",
  issuer: "",
  valid_from: "",
  valid_until: "",
  markets: [],
  standards: [],
};

/** The multipart body; certificate facts only for the types that have them. */
export function documentBody(values: Values): FormData {
  const body = new FormData();
  const file = values.file?.[0];
  if (file) body.append("file", file);
  body.append("document_type", values.document_type);
  body.append("number", values.number.trim());
  body.append("issuer", values.issuer.trim());
  if (values.valid_from) body.append("valid_from", values.valid_from);
  if (values.valid_until) body.append("valid_until", values.valid_until);
  if (values.document_type === "certificate") {
    for (const code of values.markets) body.append("markets", code);
    for (const code of values.standards) body.append("standards", code);
  }
  return body;
}

/** Upload a licence or certificate with a progress bar; the server checks the file by content. */
export function DocumentUploadForm({
  organizationId,
  onDone,
}: {
  organizationId: number;
  onDone: () => Promise<unknown>;
}) {
  const { t } = useI18n();
  const markets = useMarkets();
  const standards = useStandards();
  const marketLabel = useMarketLabel();
  const { upload, progress } = useDocumentUpload(organizationId, onDone);
  const form = useForm<Values>({ defaultValues: EMPTY });
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [uploaded, setUploaded] = useState<string | null>(null);
  const type = form.watch("document_type");
  const certificate = type === "certificate";
  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    setUploaded(null);
    try {
      const document = await upload(documentBody(values));
      form.reset(EMPTY);
      setUploaded(document.original_name);
    } catch (error) {
      setFormError(applyApiErrors(form, error, SHOWN));
    }
  });
  const input = (name: "number" | "issuer" | "valid_from" | "valid_until", kind = "text") => (
    <Field
      id={`document-${name}`}
      label={t(name === "number" && !certificate ? "vendor.document.number.other" : `vendor.document.${name}`)}
      errors={fieldErrors(form, name)}
    >
      {(describedBy, invalid) => (
        <input
          id={`document-${name}`}
          type={kind}
          dir={kind === "text" ? "auto" : undefined}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          {...form.register(name)}
        />
      )}
    </Field>
  );
  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} noValidate data-testid="document-form">
      <h2>{t("vendor.documents.upload")}</h2>
      <FormErrors error={formError} shown={SHOWN} />
      <div className="form-grid">
        <Field
          id="document-file"
          label={t("vendor.document.file")}
          hint={t("vendor.document.file.hint")}
          errors={fieldErrors(form, "file")}
          required
        >
          {(describedBy, invalid) => (
            <input
              id="document-file"
              type="file"
              accept={ACCEPT}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              data-testid="document-file"
              {...form.register("file")}
            />
          )}
        </Field>
        <Field
          id="document-document_type"
          label={t("vendor.document.type")}
          errors={fieldErrors(form, "document_type")}
          required
        >
          {(describedBy, invalid) => (
            <select
              id="document-document_type"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              {...form.register("document_type")}
            >
              <option value="">{t("form.choose")}</option>
              {DOCUMENT_TYPES.map((value) => (
                <option key={value} value={value}>
                  {t(`vendor.documentType.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {input("number")}
        {input("issuer")}
        {input("valid_from", "date")}
        {input("valid_until", "date")}
      </div>
      {certificate ? (
        <>
          <Controller
            control={form.control}
            name="markets"
            render={({ field }) => (
              <CodePicker
                id="document-markets"
                legend={t("vendor.document.markets")}
                options={markets.map((market) => ({
                  code: market.code,
                  label: marketLabel(market.code),
                  title: market.name,
                }))}
                value={field.value}
                onChange={field.onChange}
                errors={fieldErrors(form, "markets")}
              />
            )}
          />
          <Controller
            control={form.control}
            name="standards"
            render={({ field }) => (
              <CodePicker
                id="document-standards"
                legend={t("vendor.document.standards")}
                options={standards.map((standard) => ({
                  code: standard.code,
                  label: standard.code,
                  title: standard.title,
                }))}
                value={field.value}
                onChange={field.onChange}
                errors={fieldErrors(form, "standards")}
              />
            )}
          />
        </>
      ) : null}
      {progress !== null ? (
        <div className="upload-progress">
          <progress
            max={100}
            value={Math.round(progress * 100)}
            aria-label={t("vendor.documents.progress")}
            data-testid="upload-progress"
          />
          <span>{Math.round(progress * 100)} %</span>
        </div>
      ) : null}
      <div className="form-actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={progress !== null}
          data-testid="document-submit"
        >
          {t("vendor.documents.submit")}
        </button>
        {uploaded ? (
          <span className="notice notice--ok" role="status" data-testid="document-uploaded">
            {t("vendor.documents.uploaded", { name: uploaded })}
          </span>
        ) : null}
      </div>
    </form>
  );
}
