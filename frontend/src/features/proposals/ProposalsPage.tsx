import { useQueryClient } from "@tanstack/react-query";
import { Fragment, useEffect, useMemo, useRef, useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { useSearchParams } from "react-router";
import { apiCall, ApiError, proposalStatusEnumValues } from "../../api";
import type { ApiData, BulkItem } from "../../api";
import {
  apiErrorMessage,
  ErrorNotice,
  Loading,
  PageHeader,
  Pagination,
  StatusPill,
  useEnumLabel,
} from "../../components/common";
import { EmptyState } from "../../components/EmptyState";
import { ChevronIcon, ScaleIcon } from "../../components/Icons";
import { RoleGate } from "../../components/RoleGate";
import { useIsPhone } from "../../components/useMediaQuery";
import { countryName, countryOptions, formatNumber, localizedText } from "../../format";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n";
import { categoryTree, useCategories } from "../../reference";
import { useDocumentTitle } from "../../useDocumentTitle";
import { QUEUE_PAGE_SIZE, useProposalDecisions, useProposalQueue } from "./hooks";
import { buyerUnverified, Explanation, productName, RequestLine, ScoreBar, waitingFor } from "./ProposalParts";
import type { Proposal } from "./ProposalParts";

export const PROPOSAL_STATUSES = proposalStatusEnumValues;
const ORDERINGS = ["-score", "proposed_at", "-proposed_at"] as const;
/** An approval is sent this long after the click; until then "Undo" takes it back. */
export const APPROVE_UNDO_SECONDS = 5;

type QueuePage = ApiData<"/api/v1/proposals/">;

export function parseBulkResults(body: unknown): BulkItem[] {
  const record = typeof body === "object" && body !== null ? (body as { results?: unknown }) : {};
  const list: unknown[] = Array.isArray(record.results) ? record.results : [];
  return list.filter(
    (item): item is BulkItem => typeof item === "object" && item !== null && typeof (item as BulkItem).id === "number",
  );
}

const toggle = (set: Set<number>, id: number) => {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
};

function useQueueFilters() {
  const [params, setParams] = useSearchParams();
  const statusParam = params.get("status");
  const status = statusParam === "all" ? "all" : (PROPOSAL_STATUSES.find((s) => s === statusParam) ?? "proposed");
  const filters = {
    status,
    destination: (params.get("destination_country") ?? "").toUpperCase(),
    vendorCountry: (params.get("vendor_country") ?? "").toUpperCase(),
    category: params.get("category") ?? "",
    overdue: params.get("overdue") === "true",
    ordering: ORDERINGS.find((o) => o === params.get("ordering")) ?? "-score",
    page: Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1),
  };
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== "page") next.delete("page");
    setParams(next);
  };
  const filtered = Boolean(
    filters.destination || filters.vendorCountry || filters.category || filters.overdue || status !== "proposed",
  );
  return { ...filters, setFilter, filtered };
}

function ProposalsView() {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  const filters = useQueueFilters();
  const { status, destination, vendorCountry, category, overdue, ordering, page, setFilter } = filters;
  const categories = useCategories();
  const tree = useMemo(() => categoryTree(categories, lang), [categories, lang]);
  const countries = useMemo(() => countryOptions(lang), [lang]);

  const query = {
    // The API lists proposed ones unless told otherwise; "status=" (empty) means every status,
    // a value the generated types do not know.
    status: (status === "all" ? "" : status) as "proposed",
    ...(destination ? { destination_country: destination } : {}),
    ...(vendorCountry ? { vendor_country: vendorCountry } : {}),
    ...(category ? { category } : {}),
    ...(overdue ? { overdue: true } : {}),
    ...(ordering !== "-score" ? { ordering: [ordering] } : {}),
    ...(page > 1 ? { page } : {}),
    page_size: QUEUE_PAGE_SIZE,
  };
  const queue = useProposalQueue(query);
  // No review queue on this server (yet): shown as empty rather than broken.
  const missing = queue.error?.status === 404;

  return (
    <>
      <form className="card filters" onSubmit={(e) => e.preventDefault()} data-testid="proposal-filters">
        <label className="inline-field">
          <span>{t("proposals.filter.status")}</span>
          <select
            value={status}
            onChange={(e) => setFilter("status", e.target.value === "proposed" ? "" : e.target.value)}
            data-testid="proposal-status"
          >
            {PROPOSAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {enumLabel("proposalStatus", s)}
              </option>
            ))}
            <option value="all">{t("proposals.filter.all")}</option>
          </select>
        </label>
        <label className="inline-field">
          <span>{t("proposals.filter.destination")}</span>
          <select value={destination} onChange={(e) => setFilter("destination_country", e.target.value)}>
            <option value="">{t("proposals.filter.any")}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{t("proposals.filter.vendorCountry")}</span>
          <select value={vendorCountry} onChange={(e) => setFilter("vendor_country", e.target.value)}>
            <option value="">{t("proposals.filter.any")}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{t("proposals.filter.category")}</span>
          <select value={category} onChange={(e) => setFilter("category", e.target.value)}>
            <option value="">{t("proposals.filter.any")}</option>
            {tree.map(({ category: c, depth }) => (
              <option key={c.id} value={c.slug}>
                {"\u00a0\u00a0\u00a0".repeat(depth)}
                {localizedText(c.names, lang, c.slug)}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox-field">
          <input
            type="checkbox"
            checked={overdue}
            onChange={(e) => setFilter("overdue", e.target.checked ? "true" : "")}
            data-testid="overdue-filter"
          />
          <span>{t("proposals.filter.overdue")}</span>
        </label>
        <label className="inline-field">
          <span>{t("proposals.filter.sort")}</span>
          <select
            value={ordering}
            onChange={(e) => setFilter("ordering", e.target.value === "-score" ? "" : e.target.value)}
          >
            {ORDERINGS.map((o) => (
              <option key={o} value={o}>
                {t(`proposals.sort.${o}`)}
              </option>
            ))}
          </select>
        </label>
        {queue.data ? (
          <span className="muted filters__total" data-testid="proposal-count">
            {t("common.total", { count: formatNumber(queue.data.count, lang) })}
          </span>
        ) : null}
      </form>

      {queue.error && !missing ? (
        <ErrorNotice error={queue.error} onRetry={() => void queue.refetch()} />
      ) : !queue.data && !missing ? (
        <Loading />
      ) : !queue.data || queue.data.results.length === 0 ? (
        <div className="card">
          <EmptyState
            icon={<ScaleIcon />}
            title={filters.filtered ? t("proposals.emptyFiltered.title") : t("proposals.empty.title")}
            body={filters.filtered ? t("proposals.emptyFiltered.body") : t("proposals.empty.body")}
          />
          {missing ? <p className="center muted small">{t("proposals.unavailable")}</p> : null}
        </div>
      ) : (
        <>
          {/* Decisions, selections and messages belong to the list they were made on. */}
          <QueueList key={JSON.stringify(query)} data={queue.data} />
          <Pagination
            page={page}
            pageCount={Math.ceil(queue.data.count / QUEUE_PAGE_SIZE)}
            onPage={(p) => setFilter("page", p > 1 ? String(p) : "")}
          />
        </>
      )}
    </>
  );
}

interface Pending {
  deadline: number;
  timer: ReturnType<typeof setTimeout>;
  verifyBuyer: boolean;
}

function QueueList({ data }: { data: QueuePage }) {
  const { t, lang } = useI18n();
  const phone = useIsPhone();
  const queryClient = useQueryClient();
  const { approve, reject, bulk: bulkDecide } = useProposalDecisions();
  const [decided, setDecided] = useState<Map<number, Proposal>>(new Map());
  const [results, setResults] = useState<Map<number, BulkItem>>(new Map());
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [verifyBuyer, setVerifyBuyer] = useState<Set<number>>(new Set());
  const [rejecting, setRejecting] = useState<number | null>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [bulk, setBulk] = useState<"none" | "approve" | "reject">("none");
  const [bulkReason, setBulkReason] = useState("");
  const [bulkVerify, setBulkVerify] = useState(false);
  const [bulkMessage, setBulkMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [pending, setPending] = useState<Map<number, Pending>>(new Map());
  const [, setTick] = useState(0);
  const pendingRef = useRef(pending);
  pendingRef.current = pending;

  const proposals = data.results.map((p) => decided.get(p.id) ?? p);

  // The countdown of approvals waiting for their undo window to pass.
  useEffect(() => {
    if (pending.size === 0) return;
    const interval = setInterval(() => setTick((n) => n + 1), 250);
    return () => clearInterval(interval);
  }, [pending.size]);

  // Leaving the page does not lose an approval the reviewer did not undo: it is sent at once.
  useEffect(
    () => () => {
      for (const [id, item] of pendingRef.current) {
        clearTimeout(item.timer);
        void apiCall("post", "/api/v1/proposals/{proposal_id}/approve/", {
          params: { path: { proposal_id: id } },
          body: { reason: "", verify_buyer: item.verifyBuyer },
        }).then(
          () => queryClient.invalidateQueries({ queryKey: ["/api/v1/proposals/"] }),
          () => undefined,
        );
      }
    },
    [queryClient],
  );

  const setResult = (id: number, result: BulkItem) => setResults((current) => new Map(current).set(id, result));

  const decide = async (proposal: Proposal, action: "approve" | "reject", why = "", verify = false) => {
    setBusy(true);
    try {
      const path = { proposal_id: proposal.id };
      const updated =
        action === "approve"
          ? // An unverified buyer is refused (409 buyer_not_verified) unless staff verify it in the same step.
            await approve.mutateAsync({ params: { path }, body: { reason: why, verify_buyer: verify } })
          : await reject.mutateAsync({ params: { path }, body: { reason: why } });
      setDecided((current) => new Map(current).set(updated.id, updated));
      setResult(proposal.id, {
        id: proposal.id,
        ok: true,
        code: action === "approve" ? "approved" : "rejected",
        message: "",
      });
      setRejecting(null);
      setReason("");
      setSelected((current) => {
        const next = new Set(current);
        next.delete(proposal.id);
        return next;
      });
    } catch (caught) {
      setResult(proposal.id, {
        id: proposal.id,
        ok: false,
        code: caught instanceof ApiError ? caught.code : "error",
        message: caught instanceof ApiError ? caught.message : t("error.generic"),
      });
    } finally {
      setBusy(false);
    }
  };

  const dropPending = (id: number) =>
    setPending((current) => {
      const next = new Map(current);
      next.delete(id);
      return next;
    });

  const approveWithUndo = (proposal: Proposal) => {
    const verify = buyerUnverified(proposal) && verifyBuyer.has(proposal.id);
    const timer = setTimeout(() => {
      dropPending(proposal.id);
      void decide(proposal, "approve", "", verify);
    }, APPROVE_UNDO_SECONDS * 1000);
    setResults((current) => {
      const next = new Map(current);
      next.delete(proposal.id);
      return next;
    });
    setPending((current) =>
      new Map(current).set(proposal.id, {
        deadline: Date.now() + APPROVE_UNDO_SECONDS * 1000,
        timer,
        verifyBuyer: verify,
      }),
    );
  };

  const undo = (id: number) => {
    const item = pending.get(id);
    if (item) clearTimeout(item.timer);
    dropPending(id);
  };

  const runBulk = async (event: FormEvent) => {
    event.preventDefault();
    if (bulk === "none") return;
    const ids = [...selected];
    setBusy(true);
    setBulkMessage(null);
    try {
      const body = await bulkDecide.mutateAsync({
        body: { action: bulk, ids, reason: bulkReason.trim(), verify_buyer: bulk === "approve" && bulkVerify },
      });
      const items = body.results;
      setResults((current) => {
        const next = new Map(current);
        for (const item of items) next.set(item.id, item);
        return next;
      });
      const done = items.filter((i) => i.ok);
      setBulkMessage({
        tone: "ok",
        text: t(bulk === "approve" ? "proposals.bulk.approved" : "proposals.bulk.rejected", {
          count: formatNumber(done.length, lang),
        }),
      });
      setDecided((current) => {
        const next = new Map(current);
        for (const proposal of proposals) {
          if (done.some((item) => item.id === proposal.id)) {
            next.set(proposal.id, { ...proposal, status: bulk === "approve" ? "approved" : "rejected" });
          }
        }
        return next;
      });
      setSelected(new Set());
      setBulk("none");
      setBulkReason("");
      setBulkVerify(false);
    } catch (caught) {
      const items = caught instanceof ApiError ? parseBulkResults(caught.body) : [];
      setResults((current) => {
        const next = new Map(current);
        for (const item of items) next.set(item.id, item);
        return next;
      });
      const reasonMissing = caught instanceof ApiError && caught.fields.reason;
      const failed = items.filter((item) => !item.ok).length;
      setBulkMessage({
        tone: "error",
        text: reasonMissing
          ? t("proposals.reasonRequired")
          : failed
            ? t("proposals.bulk.failedItems", { count: formatNumber(failed, lang) })
            : `${t("proposals.bulk.failed")} ${apiErrorMessage(caught, t)}`,
      });
    } finally {
      setBusy(false);
    }
  };

  const selectable = proposals.filter((p) => p.status === "proposed" && !pending.has(p.id));
  const allSelected = selectable.length > 0 && selectable.every((p) => selected.has(p.id));
  const selectedUnverified = proposals.some((p) => selected.has(p.id) && buyerUnverified(p));

  const items = proposals.map((proposal) => (
    <ProposalItem
      key={proposal.id}
      layout={phone ? "card" : "row"}
      proposal={proposal}
      open={expanded.has(proposal.id)}
      onToggle={() => setExpanded((s) => toggle(s, proposal.id))}
      selected={selected.has(proposal.id)}
      onSelect={() => setSelected((s) => toggle(s, proposal.id))}
      result={results.get(proposal.id)}
      pending={pending.get(proposal.id)}
      busy={busy}
      verifyBuyer={verifyBuyer.has(proposal.id)}
      onVerifyBuyer={() => setVerifyBuyer((s) => toggle(s, proposal.id))}
      onApprove={() => approveWithUndo(proposal)}
      onUndo={() => undo(proposal.id)}
      onReject={() => {
        setRejecting(proposal.id);
        setReason("");
        setExpanded((s) => new Set(s).add(proposal.id));
      }}
      rejectForm={
        rejecting === proposal.id ? (
          <form
            className="reject-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim()) void decide(proposal, "reject", reason.trim());
            }}
            data-testid="reject-form"
          >
            <label htmlFor={`reject-${proposal.id}`}>{t("proposals.rejectReason")}</label>
            <textarea
              id={`reject-${proposal.id}`}
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              maxLength={2000}
              dir="auto"
              // The reason box opens on the reviewer's click: typing goes straight in.
              // eslint-disable-next-line jsx-a11y/no-autofocus
              autoFocus
            />
            <div className="form-actions">
              <button
                type="submit"
                className="button button--danger button--small"
                disabled={busy || !reason.trim()}
                data-testid="confirm-reject"
              >
                {t("proposals.confirmReject")}
              </button>
              <button type="button" className="button button--ghost button--small" onClick={() => setRejecting(null)}>
                {t("common.cancel")}
              </button>
            </div>
          </form>
        ) : null
      }
    />
  ));

  return (
    <>
      {selected.size > 0 || bulkMessage ? (
        <form className="bulk-bar" onSubmit={runBulk} data-testid="bulk-bar" aria-live="polite">
          {selected.size > 0 ? (
            <>
              <strong>{t("proposals.bulk.selected", { count: formatNumber(selected.size, lang) })}</strong>
              {bulk === "none" ? (
                <>
                  <button
                    type="button"
                    className="button button--primary button--small"
                    onClick={() => setBulk("approve")}
                    data-testid="bulk-approve"
                  >
                    {t("proposals.bulk.approve")}
                  </button>
                  <button
                    type="button"
                    className="button button--danger button--small"
                    onClick={() => setBulk("reject")}
                    data-testid="bulk-reject"
                  >
                    {t("proposals.bulk.reject")}
                  </button>
                </>
              ) : (
                <>
                  <input
                    className="bulk-bar__reason"
                    value={bulkReason}
                    onChange={(e) => setBulkReason(e.target.value)}
                    placeholder={bulk === "reject" ? t("proposals.reasonPlaceholder") : t("proposals.notePlaceholder")}
                    aria-label={t("proposals.reason")}
                    required={bulk === "reject"}
                    maxLength={2000}
                    dir="auto"
                    data-testid="bulk-reason"
                  />
                  {bulk === "approve" && selectedUnverified ? (
                    <label className="checkbox-field">
                      <input
                        type="checkbox"
                        checked={bulkVerify}
                        onChange={(e) => setBulkVerify(e.target.checked)}
                        data-testid="bulk-verify-buyer"
                      />
                      <span>{t("proposals.bulk.verifyBuyers")}</span>
                    </label>
                  ) : null}
                  <button
                    type="submit"
                    className={`button button--small ${bulk === "approve" ? "button--primary" : "button--danger"}`}
                    disabled={busy || (bulk === "reject" && !bulkReason.trim())}
                    data-testid="bulk-confirm"
                  >
                    {t(bulk === "approve" ? "proposals.bulk.confirmApprove" : "proposals.bulk.confirmReject", {
                      count: formatNumber(selected.size, lang),
                    })}
                  </button>
                  <button type="button" className="button button--ghost button--small" onClick={() => setBulk("none")}>
                    {t("common.cancel")}
                  </button>
                </>
              )}
            </>
          ) : null}
          {bulkMessage ? (
            <span
              className={`bulk-bar__message bulk-bar__message--${bulkMessage.tone}`}
              role={bulkMessage.tone === "error" ? "alert" : "status"}
              data-testid="bulk-message"
            >
              {bulkMessage.text}
            </span>
          ) : null}
        </form>
      ) : null}

      {phone ? (
        <>
          {selectable.length > 0 ? (
            <label className="checkbox-field proposal-cards__select-all">
              <input
                type="checkbox"
                checked={allSelected}
                onChange={() => setSelected(allSelected ? new Set() : new Set(selectable.map((p) => p.id)))}
                data-testid="select-all"
              />
              <span>{t("proposals.selectAll")}</span>
            </label>
          ) : null}
          <ul className="proposal-cards" data-testid="proposal-cards">
            {items}
          </ul>
        </>
      ) : (
        <div className="table-wrap card card--flush">
          <table className="table proposals-table" data-testid="proposals-table">
            <thead>
              <tr>
                <th scope="col" className="select-col">
                  <input
                    type="checkbox"
                    checked={allSelected}
                    disabled={selectable.length === 0}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(selectable.map((p) => p.id)))}
                    aria-label={t("proposals.selectAll")}
                    data-testid="select-all"
                  />
                </th>
                <th scope="col">{t("proposals.col.score")}</th>
                <th scope="col">{t("proposals.col.match")}</th>
                <th scope="col">{t("proposals.col.waiting")}</th>
                <th scope="col">{t("proposals.col.status")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("proposals.col.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>{items}</tbody>
          </table>
        </div>
      )}
    </>
  );
}

function ProposalItem({
  layout,
  proposal,
  open,
  onToggle,
  selected,
  onSelect,
  result,
  pending,
  busy,
  verifyBuyer,
  onVerifyBuyer,
  onApprove,
  onUndo,
  onReject,
  rejectForm,
}: {
  layout: "row" | "card";
  proposal: Proposal;
  open: boolean;
  onToggle: () => void;
  selected: boolean;
  onSelect: () => void;
  result: BulkItem | undefined;
  pending: Pending | undefined;
  busy: boolean;
  verifyBuyer: boolean;
  onVerifyBuyer: () => void;
  onApprove: () => void;
  onUndo: () => void;
  onReject: () => void;
  rejectForm: ReactNode;
}) {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  const name = productName(proposal, lang);
  const detailsId = `proposal-${proposal.id}-details`;
  const proposed = proposal.status === "proposed";

  const select = (
    <input
      type="checkbox"
      checked={selected}
      disabled={!proposed || pending !== undefined}
      onChange={onSelect}
      aria-label={t("proposals.select", { name })}
    />
  );
  const match = (
    <>
      <button
        type="button"
        className="expand-button"
        aria-expanded={open}
        aria-controls={detailsId}
        onClick={onToggle}
        data-testid="expand"
      >
        <span className="expand-button__chevron" aria-hidden="true">
          <ChevronIcon />
        </span>
        <span>
          <strong dir="auto">{name}</strong>
          <span className="muted">
            {" · "}
            <bdi>{proposal.vendor.name}</bdi> ({countryName(proposal.vendor.country, lang)})
          </span>
        </span>
      </button>
      <RequestLine proposal={proposal} />
    </>
  );
  const waiting = (
    <>
      {waitingFor(proposal.age_hours, lang)}
      {proposal.overdue && proposed ? (
        <span className="tag tag--warn" data-testid="overdue">
          {t("proposals.overdue")}
        </span>
      ) : null}
    </>
  );
  const status = (
    <>
      <StatusPill status={proposal.status} label={enumLabel("proposalStatus", proposal.status)} />
      {result ? (
        <div
          className={`item-result item-result--${result.ok ? "ok" : "error"}`}
          data-testid="item-result"
          role={result.ok ? "status" : "alert"}
        >
          {result.ok
            ? enumLabel("proposalResult", result.code)
            : result.message || enumLabel("proposalResult", result.code)}
        </div>
      ) : null}
    </>
  );
  const secondsLeft = pending ? Math.max(1, Math.ceil((pending.deadline - Date.now()) / 1000)) : 0;
  const actions = !proposed ? null : pending ? (
    <div className="undo-approval" role="status" data-testid="approving">
      <span>{t("proposals.approving", { seconds: formatNumber(secondsLeft, lang) })}</span>
      <button type="button" className="button button--ghost button--small" onClick={onUndo} data-testid="undo">
        {t("proposals.undo")}
      </button>
    </div>
  ) : (
    <>
      {buyerUnverified(proposal) ? (
        <label className="checkbox-field verify-buyer">
          <input type="checkbox" checked={verifyBuyer} onChange={onVerifyBuyer} data-testid="verify-buyer" />
          <span>{t("proposals.verifyBuyer")}</span>
        </label>
      ) : null}
      <button
        type="button"
        className="button button--primary button--small"
        disabled={busy}
        onClick={onApprove}
        data-testid="approve"
      >
        {t("proposals.approve")}
      </button>
      <button
        type="button"
        className="button button--ghost button--small"
        disabled={busy}
        onClick={onReject}
        data-testid="reject"
      >
        {t("proposals.reject")}
      </button>
    </>
  );
  const details = open ? (
    <>
      {rejectForm}
      <Explanation proposal={proposal} />
    </>
  ) : null;

  if (layout === "card") {
    return (
      <li className={`card proposal-card${open ? " is-open" : ""}`} data-testid="proposal-row" data-id={proposal.id}>
        <div className="proposal-card__head">
          {select}
          <ScoreBar score={proposal.score} />
          <div className="proposal-card__status">{status}</div>
        </div>
        <div className="proposal-card__match">{match}</div>
        <div className="proposal-card__waiting muted small">
          {t("proposals.col.waiting")}: {waiting}
        </div>
        {actions ? <div className="proposal-card__actions">{actions}</div> : null}
        {details ? (
          <div className="proposal-card__details" id={detailsId}>
            {details}
          </div>
        ) : null}
      </li>
    );
  }
  return (
    <Fragment>
      <tr className={`proposal-row${open ? " is-open" : ""}`} data-testid="proposal-row" data-id={proposal.id}>
        <td className="select-col">{select}</td>
        <td>
          <ScoreBar score={proposal.score} />
        </td>
        <td className="proposal-row__match">{match}</td>
        <td className="nowrap">{waiting}</td>
        <td>{status}</td>
        <td className="actions">{actions}</td>
      </tr>
      {details ? (
        <tr className="proposal-details" id={detailsId}>
          <td colSpan={6}>{details}</td>
        </tr>
      ) : null}
    </Fragment>
  );
}

export function ProposalsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("proposals.title"));
  return (
    <section className="section-page">
      <PageHeader title={t("proposals.title")} intro={t("proposals.intro")} badge={t("staffOnly")} />
      <RoleGate allow={["staff", "admin"]} audience={"gate.audience.staff" satisfies MessageKey}>
        {() => <ProposalsView />}
      </RoleGate>
    </section>
  );
}
