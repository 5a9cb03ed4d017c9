import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import { useSearchParams } from "react-router";
import { ApiError, apiCall, isRecord, num, parsePage, str, strList } from "../../api";
import type { Page } from "../../api";
import type { User } from "../../auth";
import { isStaffRole } from "../../auth";
import {
  Arrow,
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
import { PeopleIcon } from "../../components/Icons";
import { RoleGate } from "../../components/RoleGate";
import {
  COMMON_CURRENCIES,
  countryName,
  formatDate,
  formatMoney,
  formatNumber,
  formatPriceRange,
  localizedText,
} from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";

export const INTRODUCTION_STATUSES = ["awaiting_reply", "negotiating", "deal", "no_deal", "expired"] as const;
// Mirrors INTRODUCTION_TRANSITIONS on the server; the server has the last word.
const NEXT: Record<string, string[]> = { awaiting_reply: ["negotiating", "no_deal"], negotiating: ["deal", "no_deal"] };
const PAGE_SIZE = 20;

interface Contact {
  id: number | null;
  name: string;
  role: string;
  email: string;
  phone: string;
  wechat: string;
  whatsapp: string;
}

interface Party {
  id: number | null;
  kind: string;
  name: string;
  country: string;
  city: string;
  website: string;
  /** null: contacts not shown to this reader (their own organisation). */
  contacts: Contact[] | null;
}

export interface Introduction {
  id: number;
  status: string;
  score: number | null;
  request: {
    title: string;
    quantity: number | null;
    unit: string;
    destination: string;
    neededBy: string;
    standards: string[];
  };
  product: {
    names: Record<string, string>;
    modelNumber: string;
    priceMin: number | null;
    priceMax: number | null;
    currency: string;
    leadTime: number | null;
  } | null;
  vendor: Party;
  buyer: Party;
  dealQuantity: number | null;
  dealValue: number | null;
  dealCurrency: string;
  noDealReason: string;
  remindersSent: number;
  createdAt: string;
  closedAt: string;
}

function parseContact(raw: unknown): Contact | null {
  if (!isRecord(raw)) return null;
  return {
    id: num(raw.id),
    name: str(raw.name),
    role: str(raw.role),
    email: str(raw.email),
    phone: str(raw.phone),
    wechat: str(raw.wechat),
    whatsapp: str(raw.whatsapp),
  };
}

function parseParty(raw: unknown): Party {
  const r = isRecord(raw) ? raw : {};
  return {
    id: num(r.id),
    kind: str(r.kind),
    name: str(r.name),
    country: str(r.country),
    city: str(r.city),
    website: str(r.website),
    contacts: Array.isArray(r.contacts) ? r.contacts.map(parseContact).filter((c): c is Contact => c !== null) : null,
  };
}

export function parseIntroduction(raw: unknown): Introduction | null {
  if (!isRecord(raw) || typeof raw.id !== "number") return null;
  const request = isRecord(raw.request) ? raw.request : {};
  const product = isRecord(raw.product) ? raw.product : null;
  return {
    id: raw.id,
    status: str(raw.status),
    score: num(raw.score),
    request: {
      title: str(request.title),
      quantity: num(request.quantity),
      unit: str(request.unit),
      destination: str(request.destination_country),
      neededBy: str(request.needed_by),
      standards: strList(request.required_standards),
    },
    product: product
      ? {
          names: isRecord(product.names) ? (product.names as Record<string, string>) : {},
          modelNumber: str(product.model_number),
          priceMin: num(product.price_min),
          priceMax: num(product.price_max),
          currency: str(product.currency),
          leadTime: num(product.lead_time_days),
        }
      : null,
    vendor: parseParty(raw.vendor),
    buyer: parseParty(raw.buyer),
    dealQuantity: num(raw.deal_quantity),
    dealValue: num(raw.deal_value),
    dealCurrency: str(raw.deal_currency),
    noDealReason: str(raw.no_deal_reason),
    remindersSent: num(raw.reminders_sent) ?? 0,
    createdAt: str(raw.created_at),
    closedAt: str(raw.closed_at),
  };
}

function ContactCard({ contact }: { contact: Contact }) {
  const { t } = useI18n();
  return (
    <li className="contact" data-testid="contact">
      <strong dir="auto">{contact.name}</strong>
      {contact.role ? <span className="muted small"> · {contact.role}</span> : null}
      <dl className="contact__lines">
        {contact.email ? (
          <div>
            <dt>{t("contact.email")}</dt>
            <dd>
              <a href={`mailto:${contact.email}`} dir="ltr">
                {contact.email}
              </a>
            </dd>
          </div>
        ) : null}
        {contact.phone ? (
          <div>
            <dt>{t("contact.phone")}</dt>
            <dd>
              <a href={`tel:${contact.phone.replace(/[^\d+]/g, "")}`} dir="ltr">
                {contact.phone}
              </a>
            </dd>
          </div>
        ) : null}
        {contact.wechat ? (
          <div>
            <dt>{t("contact.wechat")}</dt>
            <dd dir="ltr">{contact.wechat}</dd>
          </div>
        ) : null}
        {contact.whatsapp ? (
          <div>
            <dt>{t("contact.whatsapp")}</dt>
            <dd dir="ltr">{contact.whatsapp}</dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}

function PartyBlock({ party, role }: { party: Party; role: "vendor" | "buyer" }) {
  const { t, lang } = useI18n();
  return (
    <section className="party" data-testid={`party-${role}`}>
      <h4>{t(role === "vendor" ? "introductions.supplier" : "introductions.buyer")}</h4>
      <p className="party__name">
        <strong dir="auto">{party.name}</strong>
        <span className="muted">
          {" · "}
          {countryName(party.country, lang)}
          {party.city ? `, ${party.city}` : ""}
        </span>
      </p>
      {party.website ? (
        <p className="small">
          <a href={party.website} target="_blank" rel="noreferrer noopener" dir="ltr">
            {party.website}
          </a>
        </p>
      ) : null}
      {party.contacts === null ? (
        <p className="muted small">{t("introductions.yourOrganization")}</p>
      ) : party.contacts.length === 0 ? (
        <p className="muted small">{t("introductions.noContacts")}</p>
      ) : (
        <ul className="contacts">
          {party.contacts.map((contact, index) => (
            <ContactCard key={contact.id ?? index} contact={contact} />
          ))}
        </ul>
      )}
    </section>
  );
}

function OutcomeForm({
  introduction,
  onSaved,
}: {
  introduction: Introduction;
  onSaved: (updated: Introduction) => void;
}) {
  const { t } = useI18n();
  const enumLabel = useEnumLabel();
  const options = NEXT[introduction.status] ?? [];
  const [status, setStatus] = useState(options[0] ?? "");
  const [quantity, setQuantity] = useState("");
  const [value, setValue] = useState("");
  const [currency, setCurrency] = useState(introduction.product?.currency || "USD");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  if (options.length === 0) return null;
  const id = `outcome-${introduction.id}`;
  if (!open) {
    return (
      <div className="outcome-form">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setOpen(true)}
          data-testid="outcome-open"
        >
          {t("introductions.outcome.title")}
        </button>
      </div>
    );
  }

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body: Record<string, unknown> = { status, reason: reason.trim() };
    if (status === "deal") {
      body.deal_quantity = quantity === "" ? null : Number(quantity);
      body.deal_value = value === "" ? null : value;
      body.deal_currency = currency;
    }
    try {
      const updated = parseIntroduction(
        await apiCall("post", "/api/v1/introductions/{introduction_id}/outcome/", {
          params: { path: { introduction_id: introduction.id } },
          body: body as never,
        }),
      );
      if (updated) onSaved(updated);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, "network", ""));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="outcome-form" onSubmit={onSubmit} noValidate data-testid="outcome-form">
      <h4>{t("introductions.outcome.title")}</h4>
      <FormErrors error={error} shown={["status", "deal_quantity", "deal_value", "deal_currency", "reason"]} />
      <fieldset className="choice-row">
        <legend className="visually-hidden">{t("introductions.outcome.title")}</legend>
        {options.map((option) => (
          <label key={option} className={`choice-pill${status === option ? " is-selected" : ""}`}>
            <input
              type="radio"
              name={`${id}-status`}
              value={option}
              checked={status === option}
              onChange={() => setStatus(option)}
            />
            {enumLabel("introductionOutcome", option)}
          </label>
        ))}
      </fieldset>
      {error?.fields.status ? (
        <FormErrors error={new ApiError(400, "invalid", "", { status: error.fields.status })} />
      ) : null}
      {status === "deal" ? (
        <div className="form-grid form-grid--three">
          <Field
            id={`${id}-quantity`}
            label={t("introductions.outcome.quantity")}
            errors={error?.fields.deal_quantity}
            required
          >
            {(d, invalid) => (
              <input
                id={`${id}-quantity`}
                type="number"
                min={1}
                step={1}
                value={quantity}
                onChange={(e) => setQuantity(e.target.value)}
                aria-describedby={d}
                aria-invalid={invalid}
                dir="ltr"
              />
            )}
          </Field>
          <Field id={`${id}-value`} label={t("introductions.outcome.value")} errors={error?.fields.deal_value} required>
            {(d, invalid) => (
              <input
                id={`${id}-value`}
                type="number"
                min={0}
                step="0.01"
                value={value}
                onChange={(e) => setValue(e.target.value)}
                aria-describedby={d}
                aria-invalid={invalid}
                dir="ltr"
              />
            )}
          </Field>
          <Field
            id={`${id}-currency`}
            label={t("introductions.outcome.currency")}
            errors={error?.fields.deal_currency}
            required
          >
            {(d, invalid) => (
              <select
                id={`${id}-currency`}
                value={currency}
                onChange={(e) => setCurrency(e.target.value)}
                aria-describedby={d}
                aria-invalid={invalid}
              >
                {[...new Set([currency, ...COMMON_CURRENCIES])].map((code) => (
                  <option key={code} value={code}>
                    {code}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      ) : null}
      <Field
        id={`${id}-reason`}
        label={status === "no_deal" ? t("introductions.outcome.reason") : t("introductions.outcome.note")}
        errors={error?.fields.reason}
        required={status === "no_deal"}
      >
        {(d, invalid) => (
          <textarea
            id={`${id}-reason`}
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-describedby={d}
            aria-invalid={invalid}
            maxLength={2000}
            dir="auto"
          />
        )}
      </Field>
      <div className="form-actions">
        <button
          type="submit"
          className="button button--primary button--small"
          disabled={busy}
          data-testid="outcome-submit"
        >
          {t("introductions.outcome.save")}
        </button>
        <button type="button" className="button button--ghost button--small" onClick={() => setOpen(false)}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

function IntroductionCard({
  introduction,
  user,
  onSaved,
}: {
  introduction: Introduction;
  user: User;
  onSaved: (i: Introduction) => void;
}) {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  const staff = isStaffRole(user.role);
  const product = introduction.product;
  const productName = product
    ? localizedText(product.names, lang, product.modelNumber)
    : t("introductions.productGone");
  const r = introduction.request;
  // Members see the other party first (that is whom they contact); staff see both.
  const parties: ["vendor" | "buyer", Party][] =
    staff || introduction.vendor.contacts !== null
      ? [
          ["vendor", introduction.vendor],
          ["buyer", introduction.buyer],
        ]
      : [
          ["buyer", introduction.buyer],
          ["vendor", introduction.vendor],
        ];
  return (
    <article className="card introduction" data-testid="introduction" data-status={introduction.status}>
      <header className="introduction__head">
        <div>
          <h3 dir="auto">{productName}</h3>
          <p className="muted small">
            {t("introductions.forRequest")} <bdi>{r.title}</bdi> · {formatNumber(r.quantity, lang)} {r.unit} <Arrow />{" "}
            {countryName(r.destination, lang)}
            {r.neededBy ? ` · ${t("proposals.neededBy", { date: formatDate(r.neededBy, lang) })}` : ""}
          </p>
        </div>
        <div className="introduction__status">
          <StatusPill status={introduction.status} label={enumLabel("introductionStatus", introduction.status)} />
          <span className="muted small">
            {t("introductions.since", { date: formatDate(introduction.createdAt, lang) })}
          </span>
        </div>
      </header>
      {product ? (
        <p className="small introduction__product">
          <span dir="ltr">{formatPriceRange(product.priceMin, product.priceMax, product.currency, lang)}</span>
          {product.leadTime !== null
            ? ` · ${t("directory.leadTime")} ${t("directory.days", { days: formatNumber(product.leadTime, lang) })}`
            : ""}
        </p>
      ) : null}
      <div className="parties">
        {parties.map(([role, party]) => (
          <PartyBlock key={role} role={role} party={party} />
        ))}
      </div>
      {introduction.status === "deal" ? (
        <p className="notice notice--ok" data-testid="deal">
          {t("introductions.dealSummary", {
            quantity: formatNumber(introduction.dealQuantity, lang),
            value: formatMoney(introduction.dealValue, introduction.dealCurrency || "USD", lang),
          })}
        </p>
      ) : null}
      {introduction.status === "no_deal" && introduction.noDealReason ? (
        <p className="notice notice--info">
          {t("introductions.noDealReason")} <span dir="auto">{introduction.noDealReason}</span>
        </p>
      ) : null}
      <OutcomeForm key={introduction.status} introduction={introduction} onSaved={onSaved} />
    </article>
  );
}

function IntroductionsView({ user }: { user: User }) {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  const [params, setParams] = useSearchParams();
  const status = INTRODUCTION_STATUSES.find((s) => s === params.get("status")) ?? "";
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const [data, setData] = useState<Page<Introduction> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    apiCall("get", "/api/v1/introductions/", {
      params: {
        query: { status: (status || undefined) as never, page: page > 1 ? page : undefined, page_size: PAGE_SIZE },
      },
      signal: controller.signal,
    }).then(
      (raw) => setData(parsePage(raw, parseIntroduction)),
      (caught: unknown) => {
        if (controller.signal.aborted) return;
        if (caught instanceof ApiError && caught.status === 404)
          setData({ count: 0, next: null, previous: null, results: [] });
        else setError(caught);
      },
    );
    return () => controller.abort();
  }, [status, page, reload]);

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== "page") next.delete("page");
    setParams(next);
  };

  return (
    <>
      <div className="toolbar">
        <label className="inline-field">
          <span>{t("requests.filter.status")}</span>
          <select
            value={status}
            onChange={(e) => setFilter("status", e.target.value)}
            data-testid="introduction-status"
          >
            <option value="">{t("requests.filter.all")}</option>
            {INTRODUCTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {enumLabel("introductionStatus", s)}
              </option>
            ))}
          </select>
        </label>
        {data ? <span className="muted">{t("common.total", { count: formatNumber(data.count, lang) })}</span> : null}
      </div>
      {error ? (
        <ErrorNotice error={error} onRetry={() => setReload((n) => n + 1)} />
      ) : !data ? (
        <Loading />
      ) : data.results.length === 0 ? (
        <div className="card">
          <EmptyState
            icon={<PeopleIcon />}
            title={t("introductions.empty.title")}
            body={t("introductions.empty.body")}
          />
        </div>
      ) : (
        <>
          <ol className="introduction-list">
            {data.results.map((introduction) => (
              <li key={introduction.id}>
                <IntroductionCard
                  introduction={introduction}
                  user={user}
                  onSaved={(updated) =>
                    setData((current) =>
                      current
                        ? { ...current, results: current.results.map((i) => (i.id === updated.id ? updated : i)) }
                        : current,
                    )
                  }
                />
              </li>
            ))}
          </ol>
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

export function IntroductionsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("introductions.title"));
  return (
    <section className="section-page">
      <PageHeader title={t("introductions.title")} intro={t("introductions.intro")} />
      <RoleGate allow={["vendor", "buyer", "staff", "admin"]} audience="gate.audience.members">
        {(user) => <IntroductionsView user={user} />}
      </RoleGate>
    </section>
  );
}
