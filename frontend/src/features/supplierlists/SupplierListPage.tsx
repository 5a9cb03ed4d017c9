import { useState } from "react";
import { Link, useParams } from "react-router";
import type { ApiError, components } from "../../api";
import { ErrorNotice, FormErrors, Loading, PageHeader, StatusPill, useEnumLabel } from "../../components/common";
import { RoleGate } from "../../components/RoleGate";
import { formatDate } from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { ImportFigures, ImportProgress, MappingForm, ScrollRegion } from "./components";
import { useRejectedRows, useSupplierList, useSupplierListActions } from "./hooks";
import { SupplierListNav } from "./SupplierListNav";
import "./supplierlists.css";

type SupplierList = components["schemas"]["SupplierListOutput"];

/** One list: progress while a worker reads it, the mapping to confirm, then the figures and row errors. */
export function SupplierListPage() {
  const { t } = useI18n();
  const supplierListId = Number(useParams().supplierListId);
  useDocumentTitle(t("supplierLists.title"));
  return (
    <section>
      <RoleGate allow={["staff", "admin"]} audience="staff.audience">
        {() => <SupplierListDetail supplierListId={supplierListId} />}
      </RoleGate>
    </section>
  );
}

function SupplierListDetail({ supplierListId }: { supplierListId: number }) {
  const { t, lang } = useI18n();
  const label = useEnumLabel();
  const { data: list, error, isLoading, refetch } = useSupplierList(supplierListId);
  if (isLoading) return <Loading />;
  if (error || !list) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  return (
    <div className="stack">
      <PageHeader
        title={list.filename}
        userContent
        intro={t("supplierLists.detail.source", {
          sender: list.sender_name,
          date: formatDate(list.received_on, lang),
        })}
        actions={<StatusPill status={list.status} label={label("supplierLists.status", list.status)} />}
      />
      <SupplierListNav supplierList={list.id} />
      <ImportProgress list={list} />
      {list.status === "failed" ? <FileErrors list={list} /> : null}
      {list.status === "mapping" ? <MappingForm list={list} /> : null}
      {list.status === "done" ? <Results list={list} /> : null}
      <MatchingSwitch list={list} />
    </div>
  );
}

function FileErrors({ list }: { list: SupplierList }) {
  const { t } = useI18n();
  return (
    <div className="notice notice--error" role="alert" data-testid="file-errors">
      <p>{t("supplierLists.detail.failed")}</p>
      <ul>
        {list.file_errors.map((item, position) => (
          <li key={position}>{String(item.message ?? item.code ?? "")}</li>
        ))}
      </ul>
    </div>
  );
}

function Results({ list }: { list: SupplierList }) {
  const { t } = useI18n();
  const open = list.figures.review_open;
  return (
    <>
      <div className="card stack">
        <h2>{t("supplierLists.figures.title")}</h2>
        <ImportFigures figures={list.figures} />
        <p className="actions-row">
          {open > 0 ? (
            <Link
              className="button button--primary"
              to={`/staff/supplier-lists/review?list=${list.id}`}
              data-testid="to-review"
            >
              {t("supplierLists.detail.toReview", { count: open })}
            </Link>
          ) : null}
          <Link
            className="button button--secondary"
            to={`/staff/supplier-lists/invitations?list=${list.id}`}
            data-testid="to-invitations"
          >
            {t("supplierLists.detail.toInvitations")}
          </Link>
        </p>
      </div>
      {list.figures.rejected > 0 ? <RowErrors list={list} /> : null}
    </>
  );
}

/** The rows that were rejected, each with its errors by field (as in the request import). */
function RowErrors({ list }: { list: SupplierList }) {
  const { t } = useI18n();
  const label = useEnumLabel();
  const { data, error, isLoading } = useRejectedRows(list.id, true);
  if (isLoading) return <Loading />;
  if (error || !data) return <ErrorNotice error={error} />;
  return (
    <div className="card">
      <h2>{t("supplierLists.rows.title")}</h2>
      <ScrollRegion label={t("supplierLists.rows.title")}>
        <table className="table" data-testid="row-errors">
          <thead>
            <tr>
              <th scope="col">{t("supplierLists.rows.row")}</th>
              <th scope="col">{t("supplierLists.rows.field")}</th>
              <th scope="col">{t("supplierLists.rows.error")}</th>
            </tr>
          </thead>
          <tbody>
            {data.results.flatMap((row) =>
              Object.entries(row.field_errors as Record<string, { code: string; message: string }[]>).map(
                ([field, errors]) => (
                  <tr key={`${row.number}-${field}`}>
                    <td>{row.number}</td>
                    <td>{label("supplierLists.field", field)}</td>
                    <td>
                      <bdi>{errors.map((e) => e.message).join(" ")}</bdi>
                    </td>
                  </tr>
                ),
              ),
            )}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}

/** Staff allow (or stop) this source's organisations as matching candidates; never public. */
function MatchingSwitch({ list }: { list: SupplierList }) {
  const { t } = useI18n();
  const { allowMatching } = useSupplierListActions();
  const [error, setError] = useState<ApiError | null>(null);
  const toggle = async (allow: boolean) => {
    setError(null);
    try {
      await allowMatching.mutateAsync({
        params: { path: { supplier_list_id: list.id } },
        body: { allow_matching: allow },
      });
    } catch (caught) {
      setError(caught as ApiError);
    }
  };
  return (
    <div className="card stack">
      <label className="checkbox-field">
        <input
          type="checkbox"
          checked={list.allow_matching}
          disabled={allowMatching.isPending}
          onChange={(event) => void toggle(event.target.checked)}
          data-testid="allow-matching"
        />{" "}
        {t("supplierLists.allowMatching")}
      </label>
      <p className="muted small">{t("supplierLists.allowMatchingHint")}</p>
      <FormErrors error={error} />
    </div>
  );
}
