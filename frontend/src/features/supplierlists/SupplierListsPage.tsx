import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { ApiError } from "../../api";
import {
  ErrorNotice,
  Field,
  FormErrors,
  Loading,
  PageHeader,
  Pagination,
  StatusPill,
  useEnumLabel,
} from "../../components/common";
import { EmptyState } from "../../components/EmptyState";
import { UploadIcon } from "../../components/Icons";
import { applyApiErrors, fieldErrors } from "../../components/form";
import { RoleGate } from "../../components/RoleGate";
import { formatDate, formatNumber } from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { SupplierListNav } from "./SupplierListNav";
import { uploadSupplierList, useSupplierLists } from "./hooks";
import { ScrollRegion } from "./components";
import "./supplierlists.css";

/** Staff upload the lists partners send and follow each one. */
export function SupplierListsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("supplierLists.title"));
  return (
    <section>
      <PageHeader title={t("supplierLists.title")} intro={t("supplierLists.intro")} />
      <RoleGate allow={["staff", "admin"]} audience="staff.audience">
        {() => (
          <div className="stack">
            <SupplierListNav />
            <UploadForm />
            <ImportList />
          </div>
        )}
      </RoleGate>
    </section>
  );
}

const FIELDS = ["file", "sender_name", "received_on", "allow_matching"] as const;
type Values = { files: FileList | null; sender_name: string; received_on: string; allow_matching: boolean };

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function UploadForm() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const form = useForm<Values>({
    defaultValues: { files: null, sender_name: "", received_on: today(), allow_matching: false },
  });
  const [formError, setFormError] = useState<ApiError | null>(null);
  const submit = form.handleSubmit(async ({ files, ...values }) => {
    setFormError(null);
    const file = files?.[0];
    if (!file) {
      form.setError("files", { type: "required", message: t("error.required") });
      return;
    }
    try {
      const created = await uploadSupplierList({ ...values, file });
      void navigate(`/staff/supplier-lists/${created.id}`);
    } catch (error) {
      const apiError = applyApiErrors(
        form,
        error,
        FIELDS.filter((name) => name !== "file"),
      );
      const fileErrors = apiError.fields.file;
      if (fileErrors?.length) form.setError("files", { type: "invalid", message: JSON.stringify(fileErrors) });
      setFormError(apiError);
    }
  });
  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} data-testid="upload-form" noValidate>
      <h2>{t("supplierLists.upload.title")}</h2>
      <div className="form-grid">
        <Field
          id="sl-file"
          label={t("supplierLists.upload.file")}
          hint={t("supplierLists.upload.fileHint")}
          errors={fieldErrors(form, "files")}
          required
        >
          {(describedBy, invalid) => (
            <input
              id="sl-file"
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              {...form.register("files")}
            />
          )}
        </Field>
        <Field
          id="sl-sender"
          label={t("supplierLists.upload.sender")}
          hint={t("supplierLists.upload.senderHint")}
          errors={fieldErrors(form, "sender_name")}
          required
        >
          {(describedBy, invalid) => (
            <input
              id="sl-sender"
              maxLength={255}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              {...form.register("sender_name")}
            />
          )}
        </Field>
        <Field
          id="sl-received"
          label={t("supplierLists.upload.received")}
          errors={fieldErrors(form, "received_on")}
          required
        >
          {(describedBy, invalid) => (
            <input
              id="sl-received"
              type="date"
              max={today()}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              {...form.register("received_on")}
            />
          )}
        </Field>
      </div>
      <label className="checkbox-field">
        <input type="checkbox" {...form.register("allow_matching")} data-testid="upload-allow-matching" />{" "}
        {t("supplierLists.allowMatching")}
      </label>
      <FormErrors error={formError} shown={[...FIELDS]} />
      <button
        type="submit"
        className="button button--primary"
        disabled={form.formState.isSubmitting}
        data-testid="upload-submit"
      >
        {t("supplierLists.upload.submit")}
      </button>
    </form>
  );
}

function ImportList() {
  const { t, lang } = useI18n();
  const label = useEnumLabel();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const { data, error, isLoading, refetch } = useSupplierLists(page);
  if (isLoading) return <Loading />;
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!data || data.results.length === 0)
    return <EmptyState icon={<UploadIcon />} title={t("supplierLists.empty")} body={t("supplierLists.emptyBody")} />;
  return (
    <div className="card">
      <h2>{t("supplierLists.list.title")}</h2>
      <ScrollRegion label={t("supplierLists.list.title")}>
        <table className="table" data-testid="supplier-list-table">
          <thead>
            <tr>
              <th scope="col">{t("supplierLists.list.file")}</th>
              <th scope="col">{t("supplierLists.upload.sender")}</th>
              <th scope="col">{t("supplierLists.upload.received")}</th>
              <th scope="col">{t("supplierLists.list.status")}</th>
              <th scope="col">{t("supplierLists.figures.rows")}</th>
            </tr>
          </thead>
          <tbody>
            {data.results.map((list) => (
              <tr key={list.id}>
                <td>
                  <Link to={`/staff/supplier-lists/${list.id}`}>
                    <bdi>{list.filename}</bdi>
                  </Link>
                </td>
                <td>
                  <bdi dir="auto">{list.sender_name}</bdi>
                </td>
                <td>{formatDate(list.received_on, lang)}</td>
                <td>
                  <StatusPill status={list.status} label={label("supplierLists.status", list.status)} />
                </td>
                <td>{formatNumber(list.rows_total, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <Pagination
        page={page}
        pageCount={Math.ceil(data.count / 20)}
        onPage={(next) => setParams(new URLSearchParams({ page: String(next) }))}
      />
    </div>
  );
}
