import { useCallback, useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { PurchaseRequestDetailOutput, PurchaseRequestOutput } from "../../api";
import type { User } from "../../auth";
import { isStaffRole } from "../../auth";
import { ErrorNotice, Loading, PageHeader, Pagination, StatusPill, useEnumLabel } from "../../components/common";
import { EmptyState } from "../../components/EmptyState";
import { ClipboardIcon, UploadIcon } from "../../components/Icons";
import { RoleGate } from "../../components/RoleGate";
import { countryName, formatDate, formatMoney, formatNumber, localizedText } from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { ACTIONS, PAGE_SIZE, REQUEST_STATUSES, useRequestActions, useRequests } from "./hooks";
import { ImportPanel } from "./ImportPanel";
import { CategorySuggestion, RequestForm } from "./RequestForm";

export { REQUEST_STATUSES } from "./hooks";

/** "100,000 pieces": a unit the app knows is translated, any other is shown as the buyer typed it. */
export function useQuantityText(): (quantity: number, unit: string) => string {
  const { lang } = useI18n();
  const enumLabel = useEnumLabel();
  return (quantity, unit) => `${formatNumber(quantity, lang)} ${unit ? enumLabel("requests.unit", unit) : ""}`.trim();
}

/** Publish, close (asking once more) or reopen a request. */
export function RequestActions({ request }: { request: Pick<PurchaseRequestOutput, "id" | "status"> }) {
  const { t } = useI18n();
  const { transition } = useRequestActions();
  const [confirmClose, setConfirmClose] = useState(false);
  const actions = ACTIONS[request.status] ?? [];
  if (!actions.length) return null;
  return (
    <>
      {actions.map((action) => {
        // Closing is final: the first click asks, the second closes.
        const asking = action.to === "closed" && confirmClose;
        return (
          <button
            key={action.to}
            type="button"
            className={`button button--small ${asking ? "button--danger" : "button--ghost"}`}
            disabled={transition.isPending}
            onBlur={() => asking && setConfirmClose(false)}
            onClick={() => {
              if (action.to === "closed" && !asking) {
                setConfirmClose(true);
                return;
              }
              setConfirmClose(false);
              transition.mutate({
                params: { path: { request_id: request.id } },
                body: { status: action.to, reason: "" },
              });
            }}
          >
            {asking ? t("requests.action.confirmClose") : t(action.label)}
          </button>
        );
      })}
      {transition.error ? <ErrorNotice error={transition.error} /> : null}
    </>
  );
}

/** What the buyer sees after posting: a link to the request, and the inferred category to take. */
function SavedNotice({ saved, onDone }: { saved: PurchaseRequestDetailOutput; onDone: () => void }) {
  const { t } = useI18n();
  const { update } = useRequestActions();
  return (
    <div className="notice notice--ok stack" role="status" data-testid="request-notice">
      <p>
        {t("requests.created", { title: saved.title })}{" "}
        <Link to={`/requests/${saved.id}`} data-testid="request-notice-link">
          {t("requests.view")}
        </Link>
      </p>
      {saved.suggested_category && !saved.category ? (
        <CategorySuggestion
          category={saved.suggested_category}
          message="requests.suggest.saved"
          busy={update.isPending}
          onUse={() =>
            update.mutate(
              { params: { path: { request_id: saved.id } }, body: { category: saved.suggested_category?.id ?? null } },
              { onSuccess: onDone },
            )
          }
        />
      ) : null}
    </div>
  );
}

function RequestsTable({ requests, staff }: { requests: PurchaseRequestOutput[]; staff: boolean }) {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  const quantityText = useQuantityText();
  return (
    <div className="table-wrap card card--flush">
      {/* Below 640 px each row is laid out as a card (styles.css .table--cards), actions included. */}
      <table className="table table--cards" data-testid="requests-table">
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
          {requests.map((request) => (
            <tr key={request.id} data-testid="request-row">
              <td className="table__title">
                <Link to={`/requests/${request.id}`} className="row-link" data-testid="request-link">
                  <strong dir="auto">{request.title}</strong>
                </Link>
                <div className="muted small">
                  {request.category
                    ? localizedText(request.category.names, lang, request.category.slug)
                    : t("requests.noCategory")}
                  {request.required_standards.length ? (
                    <>
                      {" · "}
                      <bdi>{request.required_standards.join(", ")}</bdi>
                    </>
                  ) : null}
                </div>
                {request.has_duplicates ? <span className="tag tag--warn">{t("requests.duplicate")}</span> : null}
              </td>
              {staff ? (
                <td data-label={t("requests.col.buyer")}>
                  <span dir="auto">{request.buyer.name}</span>
                  <div className="muted small">{countryName(request.buyer.country, lang)}</div>
                </td>
              ) : null}
              <td className="num" data-label={t("requests.col.quantity")}>
                {quantityText(request.quantity, request.unit)}
              </td>
              <td data-label={t("requests.col.destination")}>{countryName(request.destination_country, lang)}</td>
              <td data-label={t("requests.col.neededBy")}>{formatDate(request.needed_by, lang) || "—"}</td>
              <td dir="ltr" className="num" data-label={t("requests.col.target")}>
                {request.target_unit_price !== null
                  ? formatMoney(Number(request.target_unit_price), request.currency, lang)
                  : "—"}
              </td>
              <td data-label={t("requests.col.status")}>
                <StatusPill status={request.status} label={enumLabel("requestStatus", request.status)} />
              </td>
              <td className="actions">
                <RequestActions request={request} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RequestsView({ user }: { user: User }) {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  const staff = isStaffRole(user.role);
  const [params, setParams] = useSearchParams();
  const status = REQUEST_STATUSES.find((s) => s === params.get("status")) ?? "";
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const [panel, setPanel] = useState<"none" | "create" | "import">("none");
  const [saved, setSaved] = useState<PurchaseRequestDetailOutput | null>(null);
  const list = useRequests(status, page);

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

  const data = list.data;
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

      {saved ? <SavedNotice saved={saved} onDone={() => setSaved(null)} /> : null}
      {panel === "create" ? (
        <RequestForm
          onCancel={() => setPanel("none")}
          onSaved={(created) => {
            setPanel("none");
            setSaved(created);
          }}
        />
      ) : null}
      {panel === "import" ? (
        <ImportPanel onCancel={() => setPanel("none")} onImported={() => void list.refetch()} />
      ) : null}

      {list.isError ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
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
          <RequestsTable requests={data.results} staff={staff} />
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
