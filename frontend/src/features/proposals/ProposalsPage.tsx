import { Fragment, useEffect, useMemo, useState } from "react";
import type { FormEvent, JSX } from "react";
import { useSearchParams } from "react-router";
import { ApiError, apiCall, buildQuery, isRecord, num, parsePage, str, strList } from "../../api";
import type { Page } from "../../api";
import {
  apiErrorMessage,
  Arrow,
  ErrorNotice,
  Loading,
  PageHeader,
  Pagination,
  StatusPill,
  useEnumLabel,
} from "../../components/common";
import { EmptyState } from "../../components/EmptyState";
import { CheckIcon, ChevronIcon, CrossIcon, ScaleIcon, TildeIcon } from "../../components/Icons";
import { RoleGate } from "../../components/RoleGate";
import {
  countryName,
  countryOptions,
  formatDate,
  formatMoney,
  formatNumber,
  formatPriceRange,
  localizedText,
} from "../../format";
import { useI18n } from "../../i18n";
import type { Language, MessageKey } from "../../i18n";
import { categoryTree, useCategories } from "../../reference";
import { useDocumentTitle } from "../../useDocumentTitle";

export const PROPOSAL_STATUSES = ["proposed", "approved", "rejected", "expired"] as const;
const ORDERINGS = ["-score", "proposed_at", "-proposed_at"] as const;
const PAGE_SIZE = 25;

interface Criterion {
  criterion: string;
  status: string;
  detail: string;
}

export interface Proposal {
  id: number;
  status: string;
  score: number;
  scoreParts: [string, number][];
  criteria: Criterion[];
  request: {
    id: number | null;
    title: string;
    buyerName: string;
    buyerCountry: string;
    categoryNames: Record<string, string>;
    categorySlug: string;
    quantity: number | null;
    unit: string;
    destination: string;
    neededBy: string;
    targetPrice: number | null;
    currency: string;
    standards: string[];
  };
  product: {
    id: number | null;
    names: Record<string, string>;
    modelNumber: string;
    standards: string[];
    moq: number | null;
    capacity: number | null;
    leadTime: number | null;
    priceMin: number | null;
    priceMax: number | null;
    currency: string;
  };
  vendor: { id: number | null; name: string; country: string; city: string };
  overdue: boolean;
  ageHours: number | null;
  decisionReason: string;
  decidedAt: string;
}

const rec = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});
const names = (value: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(rec(value)).filter((e): e is [string, string] => typeof e[1] === "string"));

export function parseProposal(raw: unknown): Proposal | null {
  if (!isRecord(raw) || typeof raw.id !== "number") return null;
  const request = rec(raw.request);
  const buyer = rec(request.buyer);
  const category = rec(request.category);
  const product = rec(raw.product);
  const vendor = rec(raw.vendor);
  const parts = Object.entries(rec(raw.score_parts))
    .map(([name, value]) => [name, num(value) ?? 0] as [string, number])
    .sort((a, b) => b[1] - a[1]);
  const criteria = (Array.isArray(raw.criteria) ? raw.criteria : [])
    .filter(isRecord)
    .map((c) => ({ criterion: str(c.criterion), status: str(c.status), detail: str(c.detail) }));
  return {
    id: raw.id,
    status: str(raw.status),
    score: num(raw.score) ?? 0,
    scoreParts: parts,
    criteria,
    request: {
      id: num(request.id),
      title: str(request.title),
      buyerName: str(buyer.name),
      buyerCountry: str(buyer.country),
      categoryNames: names(category.names),
      categorySlug: str(category.slug),
      quantity: num(request.quantity),
      unit: str(request.unit),
      destination: str(request.destination_country),
      neededBy: str(request.needed_by),
      targetPrice: num(request.target_unit_price),
      currency: str(request.currency),
      standards: strList(request.required_standards),
    },
    product: {
      id: num(product.id),
      names: names(product.names),
      modelNumber: str(product.model_number),
      standards: strList(product.standards),
      moq: num(product.min_order_quantity),
      capacity: num(product.capacity_per_day),
      leadTime: num(product.lead_time_days),
      priceMin: num(product.price_min),
      priceMax: num(product.price_max),
      currency: str(product.currency),
    },
    vendor: { id: num(vendor.id), name: str(vendor.name), country: str(vendor.country), city: str(vendor.city) },
    overdue: raw.overdue === true,
    ageHours: num(raw.age_hours),
    decisionReason: str(raw.decision_reason),
    decidedAt: str(raw.decided_at),
  };
}

export interface ItemResult {
  id: number;
  ok: boolean;
  code: string;
  message: string;
}

export function parseBulkResults(body: unknown): ItemResult[] {
  const list = isRecord(body) && Array.isArray(body.results) ? body.results : Array.isArray(body) ? body : [];
  return list
    .filter(isRecord)
    .filter((item) => typeof item.id === "number")
    .map((item) => ({ id: item.id as number, ok: item.ok === true, code: str(item.code), message: str(item.message) }));
}

function waitingFor(hours: number | null, lang: Language): string {
  if (hours === null) return "—";
  const format = new Intl.RelativeTimeFormat(lang, { numeric: "always", style: "short" });
  if (hours < 1) return format.format(-Math.max(1, Math.round(hours * 60)), "minute");
  if (hours < 48) return format.format(-Math.round(hours), "hour");
  return format.format(-Math.round(hours / 24), "day");
}

const PART_COLORS = ["#0f766e", "#2563eb", "#7c3aed", "#db2777", "#ea580c", "#ca8a04", "#16a34a", "#0891b2", "#64748b"];

function ScoreBar({ score }: { score: number }) {
  const { lang } = useI18n();
  const tone = score >= 70 ? "high" : score >= 45 ? "mid" : "low";
  return (
    <span className={`score score--${tone}`} data-testid="score">
      <span className="score__value">{formatNumber(Math.round(score), lang)}</span>
      <span className="score__bar" aria-hidden="true">
        <span style={{ inlineSize: `${Math.max(0, Math.min(100, score))}%` }} />
      </span>
    </span>
  );
}

function ScoreParts({ parts }: { parts: [string, number][] }) {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  const total = parts.reduce((sum, [, points]) => sum + Math.max(0, points), 0);
  if (parts.length === 0) return null;
  return (
    <div className="score-parts" data-testid="score-parts">
      <h4>{t("proposals.scoreParts")}</h4>
      <div
        className="score-parts__bar"
        role="img"
        aria-label={parts.map(([n, p]) => `${enumLabel("criterion", n)} ${formatNumber(p, lang)}`).join(", ")}
      >
        {parts.map(([name, points], index) =>
          points > 0 ? (
            <span
              key={name}
              style={{ inlineSize: `${Math.min(100, points)}%`, background: PART_COLORS[index % PART_COLORS.length] }}
              title={`${enumLabel("criterion", name)}: ${formatNumber(points, lang)}`}
            />
          ) : null,
        )}
      </div>
      <ul className="score-parts__legend">
        {parts.map(([name, points], index) => (
          <li key={name}>
            <span
              className="swatch"
              style={{ background: PART_COLORS[index % PART_COLORS.length] }}
              aria-hidden="true"
            />
            {enumLabel("criterion", name)} <strong>{formatNumber(Math.round(points * 10) / 10, lang)}</strong>
          </li>
        ))}
        <li className="muted">
          {t("proposals.total")} <strong>{formatNumber(Math.round(total * 10) / 10, lang)}</strong>
        </li>
      </ul>
    </div>
  );
}

const CRITERION_ICONS: Record<string, () => JSX.Element> = { met: CheckIcon, partial: TildeIcon, not_met: CrossIcon };

function Explanation({ proposal }: { proposal: Proposal }) {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  const r = proposal.request;
  const p = proposal.product;
  return (
    <div className="explanation" data-testid="explanation">
      <div className="explanation__criteria">
        <h4>{t("proposals.criteria")}</h4>
        <ul className="criteria">
          {proposal.criteria.map((c, index) => {
            const Icon = CRITERION_ICONS[c.status] ?? TildeIcon;
            return (
              <li key={`${c.criterion}-${index}`} className={`criterion criterion--${c.status}`} data-status={c.status}>
                <span className="criterion__icon" aria-hidden="true">
                  <Icon />
                </span>
                <span className="criterion__name">{enumLabel("criterion", c.criterion)}</span>
                <span className="visually-hidden">{enumLabel("criterionStatus", c.status)}</span>
                <bdi className="criterion__detail">{c.detail}</bdi>
              </li>
            );
          })}
        </ul>
      </div>
      <ScoreParts parts={proposal.scoreParts} />
      <dl className="explanation__facts">
        <div>
          <dt>{t("proposals.request")}</dt>
          <dd>
            {formatNumber(r.quantity, lang)} {r.unit} <Arrow /> {countryName(r.destination, lang)}
            {r.neededBy ? ` · ${t("proposals.neededBy", { date: formatDate(r.neededBy, lang) })}` : ""}
            {r.targetPrice !== null
              ? ` · ${t("proposals.target", { price: formatMoney(r.targetPrice, r.currency, lang) })}`
              : ""}
            {r.standards.length ? (
              <>
                {" · "}
                <bdi>{r.standards.join(", ")}</bdi>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t("proposals.product")}</dt>
          <dd>
            {t("directory.moq")} {formatNumber(p.moq, lang)} · {t("directory.capacity")}{" "}
            {formatNumber(p.capacity, lang)} · {t("directory.leadTime")}{" "}
            {t("directory.days", { days: formatNumber(p.leadTime, lang) })} ·{" "}
            <span dir="ltr">{formatPriceRange(p.priceMin, p.priceMax, p.currency, lang)}</span>
            {p.standards.length ? (
              <>
                {" · "}
                <bdi>{p.standards.join(", ")}</bdi>
              </>
            ) : null}
          </dd>
        </div>
        {proposal.decisionReason ? (
          <div>
            <dt>{t("proposals.reason")}</dt>
            <dd dir="auto">{proposal.decisionReason}</dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}

function ProposalsView() {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get("status");
  const status = statusParam === "all" ? "all" : (PROPOSAL_STATUSES.find((s) => s === statusParam) ?? "proposed");
  const destination = (params.get("destination_country") ?? "").toUpperCase();
  const vendorCountry = (params.get("vendor_country") ?? "").toUpperCase();
  const category = params.get("category") ?? "";
  const overdue = params.get("overdue") === "true";
  const ordering = ORDERINGS.find((o) => o === params.get("ordering")) ?? "-score";
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);

  const categories = useCategories();
  const tree = useMemo(() => categoryTree(categories, lang), [categories, lang]);
  const countries = useMemo(() => countryOptions(lang), [lang]);

  const [data, setData] = useState<Page<Proposal> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [results, setResults] = useState<Map<number, ItemResult>>(new Map());
  const [rejecting, setRejecting] = useState<number | null>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [bulk, setBulk] = useState<"none" | "approve" | "reject">("none");
  const [bulkReason, setBulkReason] = useState("");
  const [bulkMessage, setBulkMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [missing, setMissing] = useState(false);

  // The API lists proposed ones unless told otherwise; "status=" (empty) means every status.
  const query = buildQuery({
    destination_country: destination,
    vendor_country: vendorCountry,
    category,
    overdue: overdue ? "true" : "",
    ordering: ordering === "-score" ? "" : ordering,
    page: page > 1 ? page : "",
    page_size: PAGE_SIZE,
  });
  // "status=" (empty) asks for every status; the generated types do not know that value.
  const listQuery = {
    ...Object.fromEntries(new URLSearchParams(query)),
    status: status === "all" ? "" : status,
  } as never;

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    setMissing(false);
    // Results and messages belong to the list they were shown on.
    setResults(new Map());
    setBulkMessage(null);
    setRejecting(null);
    apiCall("get", "/api/v1/proposals/", { params: { query: listQuery }, signal: controller.signal }).then(
      (raw) => {
        setData(parsePage(raw, parseProposal));
        setSelected(new Set());
      },
      (caught: unknown) => {
        if (controller.signal.aborted) return;
        if (caught instanceof ApiError && caught.status === 404) {
          // No review queue on this server (yet): show it as empty rather than broken.
          setMissing(true);
          setData({ count: 0, next: null, previous: null, results: [] });
        } else {
          setError(caught);
        }
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- listQuery is rebuilt from these each render
  }, [query, status, reload]);

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== "page") next.delete("page");
    setParams(next);
  };

  const replace = (updated: Proposal) =>
    setData((current) =>
      current ? { ...current, results: current.results.map((p) => (p.id === updated.id ? updated : p)) } : current,
    );

  const decide = async (proposal: Proposal, action: "approve" | "reject", why = "") => {
    setBusy(true);
    try {
      const raw = await (action === "approve"
        ? apiCall("post", "/api/v1/proposals/{proposal_id}/approve/", {
            params: { path: { proposal_id: proposal.id } },
            // An unverified buyer is refused (409 buyer_not_verified); staff verify it first.
            body: { reason: why, verify_buyer: false },
          })
        : apiCall("post", "/api/v1/proposals/{proposal_id}/reject/", {
            params: { path: { proposal_id: proposal.id } },
            body: { reason: why },
          }));
      const updated = parseProposal(raw);
      if (updated) replace(updated);
      setResults((current) =>
        new Map(current).set(proposal.id, {
          id: proposal.id,
          ok: true,
          code: action === "approve" ? "approved" : "rejected",
          message: "",
        }),
      );
      setRejecting(null);
      setReason("");
      setSelected((current) => {
        const next = new Set(current);
        next.delete(proposal.id);
        return next;
      });
    } catch (caught) {
      setResults((current) =>
        new Map(current).set(proposal.id, {
          id: proposal.id,
          ok: false,
          code: caught instanceof ApiError ? caught.code : "error",
          message: caught instanceof ApiError ? caught.message : t("error.generic"),
        }),
      );
    } finally {
      setBusy(false);
    }
  };

  const runBulk = async (event: FormEvent) => {
    event.preventDefault();
    if (bulk === "none") return;
    const ids = [...selected];
    setBusy(true);
    setBulkMessage(null);
    try {
      const raw = await apiCall("post", "/api/v1/proposals/bulk/", {
        body: { action: bulk, ids, reason: bulkReason.trim(), verify_buyer: false },
      });
      const items = parseBulkResults(raw);
      setResults((current) => {
        const next = new Map(current);
        for (const item of items) next.set(item.id, item);
        return next;
      });
      const done = items.filter((i) => i.ok).length;
      setBulkMessage({
        tone: "ok",
        text: t(bulk === "approve" ? "proposals.bulk.approved" : "proposals.bulk.rejected", {
          count: formatNumber(done, lang),
        }),
      });
      setData((current) =>
        current
          ? {
              ...current,
              results: current.results.map((p) =>
                items.some((i) => i.id === p.id && i.ok)
                  ? { ...p, status: bulk === "approve" ? "approved" : "rejected" }
                  : p,
              ),
            }
          : current,
      );
      setSelected(new Set());
      setBulk("none");
      setBulkReason("");
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

  const selectable = (data?.results ?? []).filter((p) => p.status === "proposed");
  const allSelected = selectable.length > 0 && selectable.every((p) => selected.has(p.id));
  const toggle = (set: Set<number>, id: number) => {
    const next = new Set(set);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  };
  const filtered = Boolean(destination || vendorCountry || category || overdue || status !== "proposed");

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
        {data ? (
          <span className="muted filters__total" data-testid="proposal-count">
            {t("common.total", { count: formatNumber(data.count, lang) })}
          </span>
        ) : null}
      </form>

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

      {error ? (
        <ErrorNotice error={error} onRetry={() => setReload((n) => n + 1)} />
      ) : !data ? (
        <Loading />
      ) : data.results.length === 0 ? (
        <div className="card">
          <EmptyState
            icon={<ScaleIcon />}
            title={filtered ? t("proposals.emptyFiltered.title") : t("proposals.empty.title")}
            body={filtered ? t("proposals.emptyFiltered.body") : t("proposals.empty.body")}
          />
          {missing ? <p className="center muted small">{t("proposals.unavailable")}</p> : null}
        </div>
      ) : (
        <>
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
              <tbody>
                {data.results.map((proposal) => {
                  const open = expanded.has(proposal.id);
                  const result = results.get(proposal.id);
                  const productName = localizedText(proposal.product.names, lang, proposal.product.modelNumber);
                  return (
                    <Fragment key={proposal.id}>
                      <tr
                        className={`proposal-row${open ? " is-open" : ""}`}
                        data-testid="proposal-row"
                        data-id={proposal.id}
                      >
                        <td className="select-col">
                          <input
                            type="checkbox"
                            checked={selected.has(proposal.id)}
                            disabled={proposal.status !== "proposed"}
                            onChange={() => setSelected((s) => toggle(s, proposal.id))}
                            aria-label={t("proposals.select", { name: productName })}
                          />
                        </td>
                        <td>
                          <ScoreBar score={proposal.score} />
                        </td>
                        <td className="proposal-row__match">
                          <button
                            type="button"
                            className="expand-button"
                            aria-expanded={open}
                            aria-controls={`proposal-${proposal.id}-details`}
                            onClick={() => setExpanded((s) => toggle(s, proposal.id))}
                            data-testid="expand"
                          >
                            <span className="expand-button__chevron" aria-hidden="true">
                              <ChevronIcon />
                            </span>
                            <span>
                              <strong dir="auto">{productName}</strong>
                              <span className="muted">
                                {" · "}
                                <bdi>{proposal.vendor.name}</bdi> ({countryName(proposal.vendor.country, lang)})
                              </span>
                            </span>
                          </button>
                          <div className="proposal-row__request muted small">
                            <span aria-hidden="true" className="flip-rtl">
                              ↳{" "}
                            </span>
                            <bdi>{proposal.request.title}</bdi> — <bdi>{proposal.request.buyerName}</bdi> <Arrow />{" "}
                            {countryName(proposal.request.destination, lang)}
                            {proposal.request.categorySlug
                              ? ` · ${localizedText(proposal.request.categoryNames, lang, proposal.request.categorySlug)}`
                              : ""}
                          </div>
                        </td>
                        <td className="nowrap">
                          {waitingFor(proposal.ageHours, lang)}
                          {proposal.overdue && proposal.status === "proposed" ? (
                            <span className="tag tag--warn" data-testid="overdue">
                              {t("proposals.overdue")}
                            </span>
                          ) : null}
                        </td>
                        <td>
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
                        </td>
                        <td className="actions">
                          {proposal.status === "proposed" ? (
                            <>
                              <button
                                type="button"
                                className="button button--primary button--small"
                                disabled={busy}
                                onClick={() => void decide(proposal, "approve")}
                                data-testid="approve"
                              >
                                {t("proposals.approve")}
                              </button>
                              <button
                                type="button"
                                className="button button--ghost button--small"
                                disabled={busy}
                                onClick={() => {
                                  setRejecting(proposal.id);
                                  setReason("");
                                  setExpanded((s) => new Set(s).add(proposal.id));
                                }}
                                data-testid="reject"
                              >
                                {t("proposals.reject")}
                              </button>
                            </>
                          ) : null}
                        </td>
                      </tr>
                      {open ? (
                        <tr className="proposal-details" id={`proposal-${proposal.id}-details`}>
                          <td colSpan={6}>
                            {rejecting === proposal.id ? (
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
                                  <button
                                    type="button"
                                    className="button button--ghost button--small"
                                    onClick={() => setRejecting(null)}
                                  >
                                    {t("common.cancel")}
                                  </button>
                                </div>
                              </form>
                            ) : null}
                            <Explanation proposal={proposal} />
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  );
                })}
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
