import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { FormEvent } from "react";
import { useSearchParams } from "react-router";
import { ApiError, apiCall, isRecord, num, parsePage, str, strList } from "../../api";
import type { FieldError, Page } from "../../api";
import type { User } from "../../auth";
import { isStaffRole } from "../../auth";
import {
  ErrorNotice,
  Field,
  FormErrors,
  Loading,
  PageHeader,
  Pagination,
  StatusPill,
  useEnumLabel,
  useErrorText,
} from "../../components/common";
import { EmptyState } from "../../components/EmptyState";
import { ClipboardIcon, UploadIcon } from "../../components/Icons";
import { RoleGate } from "../../components/RoleGate";
import { apiUrl } from "../../config";
import {
  COMMON_CURRENCIES,
  countryName,
  countryOptions,
  formatDate,
  formatMoney,
  formatNumber,
  localizedText,
} from "../../format";
import { useI18n } from "../../i18n";
import { categoryTree, useCategories, useStandards } from "../../reference";
import { useDocumentTitle } from "../../useDocumentTitle";

export const REQUEST_STATUSES = ["draft", "open", "matched", "closed", "expired"] as const;
const PAGE_SIZE = 20;

// The moves a buyer makes from the list (REQUEST_TRANSITIONS on the server has the full set).
const ACTIONS: Record<
  string,
  { to: string; label: "requests.action.publish" | "requests.action.close" | "requests.action.reopen" }[]
> = {
  draft: [
    { to: "open", label: "requests.action.publish" },
    { to: "closed", label: "requests.action.close" },
  ],
  open: [{ to: "closed", label: "requests.action.close" }],
  matched: [{ to: "closed", label: "requests.action.close" }],
  expired: [{ to: "open", label: "requests.action.reopen" }],
};

export interface PurchaseRequest {
  id: number;
  title: string;
  buyer: { id: number | null; name: string; country: string };
  category: { id: number | null; slug: string; names: Record<string, string> } | null;
  quantity: number | null;
  unit: string;
  requiredStandards: string[];
  destination: string;
  targetPrice: number | null;
  currency: string;
  neededBy: string;
  status: string;
  hasDuplicates: boolean;
  createdAt: string;
}

export function parseRequest(raw: unknown): PurchaseRequest | null {
  if (!isRecord(raw) || typeof raw.id !== "number") return null;
  const buyer = isRecord(raw.buyer) ? raw.buyer : {};
  const category = isRecord(raw.category) ? raw.category : null;
  return {
    id: raw.id,
    title: str(raw.title),
    buyer: { id: num(buyer.id), name: str(buyer.name), country: str(buyer.country) },
    category: category
      ? {
          id: num(category.id),
          slug: str(category.slug),
          names: isRecord(category.names) ? (category.names as Record<string, string>) : {},
        }
      : null,
    quantity: num(raw.quantity),
    unit: str(raw.unit),
    requiredStandards: strList(raw.required_standards),
    destination: str(raw.destination_country),
    targetPrice: num(raw.target_unit_price),
    currency: str(raw.currency),
    neededBy: str(raw.needed_by),
    status: str(raw.status),
    hasDuplicates: raw.has_duplicates === true,
    createdAt: str(raw.created_at),
  };
}

// --- create form ---

interface RequestFormValues {
  title: string;
  description: string;
  category: string;
  quantity: string;
  unit: string;
  destination_country: string;
  needed_by: string;
  required_standards: string[];
  target_unit_price: string;
  currency: string;
}

const EMPTY_FORM: RequestFormValues = {
  title: "",
  description: "",
  category: "",
  quantity: "",
  unit: "piece",
  destination_country: "",
  needed_by: "",
  required_standards: [],
  target_unit_price: "",
  currency: "USD",
};

const FORM_FIELDS = Object.keys(EMPTY_FORM);

function StandardsPicker({
  value,
  onChange,
  describedBy,
}: {
  value: string[];
  onChange: (value: string[]) => void;
  describedBy?: string;
}) {
  const { t } = useI18n();
  const standards = useStandards();
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLowerCase();
  const visible = standards.filter(
    (s) =>
      value.includes(s.code) ||
      !needle ||
      s.code.toLowerCase().includes(needle) ||
      s.title.toLowerCase().includes(needle),
  );
  return (
    <div className="standards-picker" aria-describedby={describedBy}>
      <input
        type="search"
        className="standards-picker__filter"
        placeholder={t("requests.form.standardsFilter")}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        aria-label={t("requests.form.standardsFilter")}
      />
      <ul className="standards-picker__list" id="request-required_standards">
        {visible.map((standard) => (
          <li key={standard.code}>
            <label title={standard.title}>
              <input
                type="checkbox"
                checked={value.includes(standard.code)}
                onChange={() =>
                  onChange(
                    value.includes(standard.code)
                      ? value.filter((c) => c !== standard.code)
                      : [...value, standard.code],
                  )
                }
              />
              <bdi className="standards-picker__code">{standard.code}</bdi>
              <span className="muted small standards-picker__title" dir="auto">
                {standard.title}
              </span>
            </label>
          </li>
        ))}
        {visible.length === 0 ? <li className="muted small">{t("requests.form.noStandards")}</li> : null}
      </ul>
    </div>
  );
}

function RequestForm({ onCreated, onCancel }: { onCreated: (request: PurchaseRequest) => void; onCancel: () => void }) {
  const { t, lang } = useI18n();
  const categories = useCategories();
  const tree = useMemo(() => categoryTree(categories, lang), [categories, lang]);
  const countries = useMemo(() => countryOptions(lang), [lang]);
  const [values, setValues] = useState<RequestFormValues>(EMPTY_FORM);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const today = new Date().toISOString().slice(0, 10);

  const set = <K extends keyof RequestFormValues>(name: K, value: RequestFormValues[K]) =>
    setValues((current) => ({ ...current, [name]: value }));

  const submit = async (status: "draft" | "open") => {
    setBusy(true);
    setError(null);
    const body: Record<string, unknown> = {
      title: values.title.trim(),
      description: values.description.trim(),
      language: lang,
      category: values.category ? Number(values.category) : null,
      quantity: values.quantity === "" ? null : Number(values.quantity),
      unit: values.unit.trim(),
      destination_country: values.destination_country,
      needed_by: values.needed_by || null,
      required_standards: values.required_standards,
      target_unit_price: values.target_unit_price === "" ? null : values.target_unit_price,
      currency: values.target_unit_price === "" ? "" : values.currency,
      status,
    };
    try {
      const created = parseRequest(await apiCall("post", "/api/v1/requests/", { body: body as never }));
      if (created) onCreated(created);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, "network", ""));
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void submit(submitter?.value === "draft" ? "draft" : "open");
  };

  const f = error?.fields ?? {};
  return (
    <form className="card form-card" onSubmit={onSubmit} noValidate data-testid="request-form">
      <h2>{t("requests.form.title")}</h2>
      <FormErrors error={error} shown={FORM_FIELDS} />
      <div className="form-grid">
        <Field id="request-title" label={t("requests.form.name")} errors={f.title} required className="form-grid__wide">
          {(d, invalid) => (
            <input
              id="request-title"
              value={values.title}
              onChange={(e) => set("title", e.target.value)}
              aria-describedby={d}
              aria-invalid={invalid}
              dir="auto"
            />
          )}
        </Field>
        <Field id="request-category" label={t("requests.form.category")} errors={f.category}>
          {(d, invalid) => (
            <select
              id="request-category"
              value={values.category}
              onChange={(e) => set("category", e.target.value)}
              aria-describedby={d}
              aria-invalid={invalid}
            >
              <option value="">{t("form.choose")}</option>
              {tree.map(({ category, depth }) => (
                <option key={category.id} value={category.id}>
                  {"\u00a0\u00a0\u00a0".repeat(depth)}
                  {localizedText(category.names, lang, category.slug)} ({category.hs_code})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="request-destination_country"
          label={t("requests.form.destination")}
          errors={f.destination_country}
          required
        >
          {(d, invalid) => (
            <select
              id="request-destination_country"
              value={values.destination_country}
              onChange={(e) => set("destination_country", e.target.value)}
              aria-describedby={d}
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
        <div className="field-pair">
          <Field id="request-quantity" label={t("requests.form.quantity")} errors={f.quantity} required>
            {(d, invalid) => (
              <input
                id="request-quantity"
                type="number"
                min={1}
                step={1}
                inputMode="numeric"
                value={values.quantity}
                onChange={(e) => set("quantity", e.target.value)}
                aria-describedby={d}
                aria-invalid={invalid}
                dir="ltr"
              />
            )}
          </Field>
          <Field id="request-unit" label={t("requests.form.unit")} errors={f.unit}>
            {(d, invalid) => (
              <input
                id="request-unit"
                value={values.unit}
                onChange={(e) => set("unit", e.target.value)}
                aria-describedby={d}
                aria-invalid={invalid}
                dir="auto"
              />
            )}
          </Field>
        </div>
        <Field id="request-needed_by" label={t("requests.form.neededBy")} errors={f.needed_by}>
          {(d, invalid) => (
            <input
              id="request-needed_by"
              type="date"
              min={today}
              value={values.needed_by}
              onChange={(e) => set("needed_by", e.target.value)}
              aria-describedby={d}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <div className="field-pair">
          <Field id="request-target_unit_price" label={t("requests.form.targetPrice")} errors={f.target_unit_price}>
            {(d, invalid) => (
              <input
                id="request-target_unit_price"
                type="number"
                min={0}
                step="any"
                inputMode="decimal"
                value={values.target_unit_price}
                onChange={(e) => set("target_unit_price", e.target.value)}
                aria-describedby={d}
                aria-invalid={invalid}
                dir="ltr"
              />
            )}
          </Field>
          <Field id="request-currency" label={t("requests.form.currency")} errors={f.currency}>
            {(d, invalid) => (
              <select
                id="request-currency"
                value={values.currency}
                onChange={(e) => set("currency", e.target.value)}
                aria-describedby={d}
                aria-invalid={invalid}
              >
                {COMMON_CURRENCIES.map((code) => (
                  <option key={code} value={code}>
                    {code}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field
          id="request-required_standards"
          label={t("requests.form.standards")}
          errors={f.required_standards}
          className="form-grid__wide"
        >
          {(d) => (
            <StandardsPicker
              value={values.required_standards}
              onChange={(v) => set("required_standards", v)}
              describedBy={d}
            />
          )}
        </Field>
        <Field
          id="request-description"
          label={t("requests.form.description")}
          errors={f.description}
          className="form-grid__wide"
        >
          {(d, invalid) => (
            <textarea
              id="request-description"
              rows={3}
              value={values.description}
              onChange={(e) => set("description", e.target.value)}
              aria-describedby={d}
              aria-invalid={invalid}
              dir="auto"
            />
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" value="open" className="button button--primary" disabled={busy}>
          {t("requests.form.publish")}
        </button>
        <button type="submit" value="draft" className="button button--secondary" disabled={busy}>
          {t("requests.form.saveDraft")}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

// --- import ---

interface RowError {
  row: number;
  column: string;
  errors: FieldError[];
}

/** Row errors of a failed import job (GET requests/import/{id}/); the whole file's (row null) are left out. */
export function parseImportRows(body: unknown): RowError[] {
  if (!isRecord(body) || !Array.isArray(body.errors)) return [];
  const out: RowError[] = [];
  for (const row of body.errors.filter(isRecord)) {
    const number = num(row.row);
    if (number === undefined || number === null || !isRecord(row.errors)) continue;
    for (const [column, errors] of Object.entries(row.errors)) {
      const list = Array.isArray(errors)
        ? errors
            .map((e) =>
              isRecord(e)
                ? { code: str(e.code, "invalid"), message: str(e.message) }
                : { code: "invalid", message: str(e) },
            )
            .filter((e) => e.message)
        : [];
      if (list.length) out.push({ row: number, column, errors: list });
    }
  }
  return out.sort((a, b) => a.row - b.row);
}

const IMPORT_POLL_MS = 1000;

type ImportState =
  | { kind: "idle" }
  | { kind: "busy" }
  | { kind: "done"; created: number; duplicates: number }
  | { kind: "rejected"; message: string; fileErrors: FieldError[]; rows: RowError[] }
  | { kind: "error"; error: unknown };

function ImportPanel({ onImported, onCancel }: { onImported: () => void; onCancel: () => void }) {
  const { t, tn, lang } = useI18n();
  const errorText = useErrorText();
  const [state, setState] = useState<ImportState>({ kind: "idle" });
  const [status, setStatus] = useState<"open" | "draft">("open");
  const fileInput = useRef<HTMLInputElement>(null);
  const [fileName, setFileName] = useState("");

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setState({
        kind: "rejected",
        message: "",
        fileErrors: [{ code: "required", message: t("requests.import.chooseFile") }],
        rows: [],
      });
      return;
    }
    const form = new FormData();
    form.append("file", file);
    form.append("status", status);
    setState({ kind: "busy" });
    try {
      // The upload is answered with 202 at once; a worker reads the file and the job is polled.
      const queued: unknown = await apiCall("post", "/api/v1/requests/import/", {
        body: form as never,
        bodySerializer: (value: unknown) => value as FormData,
      });
      const jobId = isRecord(queued) ? (num(queued.id) ?? undefined) : undefined;
      const finished = (job: unknown) => isRecord(job) && (job.status === "succeeded" || job.status === "failed");
      let body: unknown = queued;
      while (jobId !== undefined && !finished(body)) {
        body = await apiCall("get", "/api/v1/requests/import/{job_id}/", { params: { path: { job_id: jobId } } });
        if (!finished(body)) await new Promise((resolve) => setTimeout(resolve, IMPORT_POLL_MS));
      }
      if (isRecord(body) && body.status === "failed") {
        const fileErrors = Array.isArray(body.errors)
          ? body.errors
              .filter(isRecord)
              .filter((row) => row.row === null && isRecord(row.errors) && Array.isArray(row.errors.file))
              .flatMap((row) => ((row.errors as Record<string, unknown>).file as unknown[]).filter(isRecord))
              .map((e) => ({ code: str(e.code, "invalid"), message: str(e.message) }))
          : [];
        setState({ kind: "rejected", message: str(body.message), fileErrors, rows: parseImportRows(body) });
        return;
      }
      const created = isRecord(body) && Array.isArray(body.created) ? body.created.length : 0;
      const duplicates = isRecord(body) && Array.isArray(body.duplicate_flags) ? body.duplicate_flags.length : 0;
      setState({ kind: "done", created, duplicates });
      if (fileInput.current) fileInput.current.value = "";
      setFileName("");
      onImported();
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 400) {
        setState({
          kind: "rejected",
          message: caught.message,
          fileErrors: Object.values(caught.fields).flat(),
          rows: parseImportRows(caught.body),
        });
      } else {
        setState({ kind: "error", error: caught });
      }
    }
  };

  const rowCount = state.kind === "rejected" ? new Set(state.rows.map((r) => r.row)).size : 0;
  return (
    <form className="card form-card" onSubmit={onSubmit} data-testid="import-panel">
      <h2>{t("requests.import.title")}</h2>
      <p className="muted">{t("requests.import.intro")}</p>
      <p className="template-links">
        {t("requests.import.template")}{" "}
        <a href={apiUrl("requests/import/template/?format=csv")} download data-testid="template-csv">
          CSV
        </a>
        {" · "}
        <a href={apiUrl("requests/import/template/?format=xlsx")} download>
          XLSX
        </a>
      </p>
      <div className="import-row">
        <label className="file-drop">
          <UploadIcon />
          <span>{fileName || t("requests.import.chooseFile")}</span>
          <input
            ref={fileInput}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFileName(e.target.files?.[0]?.name ?? "")}
            data-testid="import-file"
          />
        </label>
        <label className="inline-field">
          <span>{t("requests.import.status")}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value === "draft" ? "draft" : "open")}>
            <option value="open">{t("requests.import.asOpen")}</option>
            <option value="draft">{t("requests.import.asDraft")}</option>
          </select>
        </label>
        <button type="submit" className="button button--primary" disabled={state.kind === "busy"}>
          {state.kind === "busy" ? t("requests.import.busy") : t("requests.import.submit")}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          {t("common.close")}
        </button>
      </div>
      {state.kind === "done" ? (
        <p className="notice notice--ok" role="status" data-testid="import-done">
          {tn("requests.import.done", state.created, { count: formatNumber(state.created, lang) })}
          {state.duplicates
            ? ` ${tn("requests.import.duplicates", state.duplicates, { count: formatNumber(state.duplicates, lang) })}`
            : ""}
        </p>
      ) : null}
      {state.kind === "error" ? <ErrorNotice error={state.error} /> : null}
      {state.kind === "rejected" ? (
        <div className="import-errors" role="alert" data-testid="import-errors">
          <p className="notice notice--error">
            {state.rows.length
              ? tn("requests.import.rejected", rowCount, { count: formatNumber(rowCount, lang) })
              : t("requests.import.rejectedFile")}
          </p>
          {state.fileErrors.length ? (
            <ul className="error-list">
              {state.fileErrors.map((e, i) => (
                <li key={i}>{errorText(e)}</li>
              ))}
            </ul>
          ) : null}
          {state.rows.length ? (
            <div className="table-wrap">
              <table className="table table--compact" data-testid="import-error-table">
                <thead>
                  <tr>
                    <th scope="col">{t("requests.import.row")}</th>
                    <th scope="col">{t("requests.import.column")}</th>
                    <th scope="col">{t("requests.import.problem")}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.rows.map((row) => (
                    <tr key={`${row.row}-${row.column}`}>
                      <td className="num">{row.row}</td>
                      <td>
                        <code>{row.column}</code>
                      </td>
                      <td>{row.errors.map((e) => e.message).join(" ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

// --- list ---

function RequestsView({ user }: { user: User }) {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  const staff = isStaffRole(user.role);
  const [params, setParams] = useSearchParams();
  const status = REQUEST_STATUSES.find((s) => s === params.get("status")) ?? "";
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const [panel, setPanel] = useState<"none" | "create" | "import">("none");
  const [data, setData] = useState<Page<PurchaseRequest> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);
  const [notice, setNotice] = useState("");
  const [rowError, setRowError] = useState<{ id: number; error: unknown } | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);
  const [confirmClose, setConfirmClose] = useState<number | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    apiCall("get", "/api/v1/requests/", {
      params: {
        query: {
          status: (status || undefined) as never,
          page: page > 1 ? page : undefined,
          page_size: PAGE_SIZE,
          ordering: ["-created_at"],
        },
      },
      signal: controller.signal,
    }).then(
      (raw) => setData(parsePage(raw, parseRequest)),
      (caught: unknown) => {
        if (!controller.signal.aborted) setError(caught);
      },
    );
    return () => controller.abort();
  }, [status, page, reload]);

  const setFilter = useCallback(
    (name: string, value: string) => {
      const next = new URLSearchParams(params);
      if (value) next.set(name, value);
      else next.delete(name);
      if (name !== "page") next.delete("page");
      setParams(next);
    },
    [params, setParams],
  );

  const transition = async (request: PurchaseRequest, to: string) => {
    setBusyId(request.id);
    setRowError(null);
    try {
      await apiCall("post", "/api/v1/requests/{request_id}/transition/", {
        params: { path: { request_id: request.id } },
        body: { status: to, reason: "" },
      });
      setReload((n) => n + 1);
    } catch (caught) {
      setRowError({ id: request.id, error: caught });
    } finally {
      setBusyId(null);
    }
  };

  return (
    <>
      <div className="toolbar">
        <label className="inline-field">
          <span>{t("requests.filter.status")}</span>
          <select value={status} onChange={(e) => setFilter("status", e.target.value)} data-testid="status-filter">
            <option value="">{t("requests.filter.all")}</option>
            {REQUEST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {enumLabel("requestStatus", s)}
              </option>
            ))}
          </select>
        </label>
        {data ? <span className="muted">{t("common.total", { count: formatNumber(data.count, lang) })}</span> : null}
        <div className="toolbar__end">
          <button
            type="button"
            className="button button--primary"
            onClick={() => setPanel(panel === "create" ? "none" : "create")}
            aria-expanded={panel === "create"}
            data-testid="new-request"
          >
            {t("requests.new")}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setPanel(panel === "import" ? "none" : "import")}
            aria-expanded={panel === "import"}
            data-testid="import-requests"
          >
            <UploadIcon />
            {t("requests.import.button")}
          </button>
        </div>
      </div>

      {notice ? (
        <p className="notice notice--ok" role="status" data-testid="request-notice">
          {notice}
        </p>
      ) : null}
      {panel === "create" ? (
        <RequestForm
          onCancel={() => setPanel("none")}
          onCreated={(created) => {
            setPanel("none");
            setNotice(t("requests.created", { title: created.title }));
            setReload((n) => n + 1);
          }}
        />
      ) : null}
      {panel === "import" ? (
        <ImportPanel onCancel={() => setPanel("none")} onImported={() => setReload((n) => n + 1)} />
      ) : null}

      {error ? (
        <ErrorNotice error={error} onRetry={() => setReload((n) => n + 1)} />
      ) : !data ? (
        <Loading />
      ) : data.results.length === 0 ? (
        <div className="card">
          <EmptyState
            icon={<ClipboardIcon />}
            title={status ? t("requests.emptyFiltered.title") : t("requests.empty.title")}
            body={status ? t("requests.emptyFiltered.body") : t("requests.empty.body")}
          />
        </div>
      ) : (
        <>
          <div className="table-wrap card card--flush">
            <table className="table" data-testid="requests-table">
              <thead>
                <tr>
                  <th scope="col">{t("requests.col.request")}</th>
                  {staff ? <th scope="col">{t("requests.col.buyer")}</th> : null}
                  <th scope="col" className="num">
                    {t("requests.col.quantity")}
                  </th>
                  <th scope="col">{t("requests.col.destination")}</th>
                  <th scope="col">{t("requests.col.neededBy")}</th>
                  <th scope="col">{t("requests.col.target")}</th>
                  <th scope="col">{t("requests.col.status")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("requests.col.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.results.map((request) => (
                  <tr key={request.id} data-testid="request-row">
                    <td>
                      <strong dir="auto">{request.title}</strong>
                      <div className="muted small">
                        {request.category
                          ? localizedText(request.category.names, lang, request.category.slug)
                          : t("requests.noCategory")}
                        {request.requiredStandards.length ? (
                          <>
                            {" · "}
                            <bdi>{request.requiredStandards.join(", ")}</bdi>
                          </>
                        ) : null}
                      </div>
                      {request.hasDuplicates ? <span className="tag tag--warn">{t("requests.duplicate")}</span> : null}
                      {rowError?.id === request.id ? <ErrorNotice error={rowError.error} /> : null}
                    </td>
                    {staff ? (
                      <td>
                        <span dir="auto">{request.buyer.name}</span>
                        <div className="muted small">{countryName(request.buyer.country, lang)}</div>
                      </td>
                    ) : null}
                    <td className="num">
                      {formatNumber(request.quantity, lang)} <span className="muted small">{request.unit}</span>
                    </td>
                    <td>{countryName(request.destination, lang)}</td>
                    <td>{formatDate(request.neededBy, lang)}</td>
                    <td dir="ltr" className="num">
                      {request.targetPrice !== null ? formatMoney(request.targetPrice, request.currency, lang) : "—"}
                    </td>
                    <td>
                      <StatusPill status={request.status} label={enumLabel("requestStatus", request.status)} />
                    </td>
                    <td className="actions">
                      {(ACTIONS[request.status] ?? []).map((action) => {
                        // Closing is final: the first click asks, the second closes.
                        const asking = action.to === "closed" && confirmClose === request.id;
                        return (
                          <button
                            key={action.to}
                            type="button"
                            className={`button button--small ${asking ? "button--danger" : "button--ghost"}`}
                            disabled={busyId === request.id}
                            onBlur={() => asking && setConfirmClose(null)}
                            onClick={() => {
                              if (action.to === "closed" && !asking) {
                                setConfirmClose(request.id);
                                return;
                              }
                              setConfirmClose(null);
                              void transition(request, action.to);
                            }}
                          >
                            {asking ? t("requests.action.confirmClose") : t(action.label)}
                          </button>
                        );
                      })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={page}
            pageCount={Math.ceil(data.count / PAGE_SIZE)}
            onPage={(p) => setFilter("page", p > 1 ? String(p) : "")}
          />
        </>
      )}
    </>
  );
}

export function RequestsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("requests.title"));
  return (
    <section className="section-page">
      <PageHeader title={t("requests.title")} intro={t("requests.intro")} />
      <RoleGate allow={["buyer", "staff", "admin"]} audience="gate.audience.buyers">
        {(user) => <RequestsView user={user} />}
      </RoleGate>
    </section>
  );
}
