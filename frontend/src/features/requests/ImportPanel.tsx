import { useRef, useState } from "react";
import type { FormEvent } from "react";
import { ApiError, apiCall } from "../../api";
import type { FieldError, ImportJob } from "../../api";
import { ErrorNotice, useErrorText } from "../../components/common";
import { UploadIcon } from "../../components/Icons";
import { apiUrl } from "../../config";
import { formatNumber } from "../../format";
import { useI18n } from "../../i18n";

export interface RowError {
  row: number;
  column: string;
  errors: FieldError[];
}

/** Row errors of a failed import job, by row; the whole file's (row null) are left out. */
export function importRowErrors(job: Pick<ImportJob, "errors">): RowError[] {
  const out: RowError[] = [];
  for (const item of job.errors) {
    if (item.row === null) continue;
    for (const [column, errors] of Object.entries(item.errors)) {
      const list = errors.filter((e) => e.message);
      if (list.length) out.push({ row: item.row, column, errors: list });
    }
  }
  return out.sort((a, b) => a.row - b.row);
}

/** The errors of the file as a whole (row null) of a failed import job. */
export function importFileErrors(job: Pick<ImportJob, "errors">): FieldError[] {
  return job.errors.filter((item) => item.row === null).flatMap((item) => item.errors.file ?? []);
}

const IMPORT_POLL_MS = 1000;

type ImportState =
  | { kind: "idle" }
  | { kind: "busy" }
  | { kind: "done"; created: number; duplicates: number }
  | { kind: "rejected"; fileErrors: FieldError[]; rows: RowError[] }
  | { kind: "error"; error: unknown };

/** Upload a CSV/XLSX file; a worker reads it and the job is polled until it succeeds or fails. */
export function ImportPanel({ onImported, onCancel }: { onImported: () => void; onCancel: () => void }) {
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
      const queued = await apiCall("post", "/api/v1/requests/import/", {
        body: form as never,
        bodySerializer: (value: unknown) => value as FormData,
      });
      let job = await apiCall("get", "/api/v1/requests/import/{job_id}/", { params: { path: { job_id: queued.id } } });
      while (job.status !== "succeeded" && job.status !== "failed") {
        await new Promise((resolve) => setTimeout(resolve, IMPORT_POLL_MS));
        job = await apiCall("get", "/api/v1/requests/import/{job_id}/", { params: { path: { job_id: queued.id } } });
      }
      if (job.status === "failed") {
        setState({ kind: "rejected", fileErrors: importFileErrors(job), rows: importRowErrors(job) });
        return;
      }
      setState({ kind: "done", created: job.created.length, duplicates: job.duplicate_flags.length });
      if (fileInput.current) fileInput.current.value = "";
      setFileName("");
      onImported();
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 400) {
        setState({ kind: "rejected", fileErrors: Object.values(caught.fields).flat(), rows: [] });
      } else {
        setState({ kind: "error", error: caught });
      }
    }
  };

  const rowCount = state.kind === "rejected" ? new Set(state.rows.map((r) => r.row)).size : 0;
  return (
    <form className="card form-card" onSubmit={(event) => void onSubmit(event)} data-testid="import-panel">
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
                      {/* The server words row errors in the reader's language (Accept-Language). */}
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
