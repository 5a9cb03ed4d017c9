import { useState } from "react";
import type { FormEvent } from "react";
import { useSearchParams } from "react-router";
import { ApiError, introductionStatusEnumValues } from "../../api";
import type { ApiData, ApiInit, ContactOutput, IntroductionOutput, IntroductionParty } from "../../api";
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
import { INTRODUCTIONS_PAGE_SIZE, useIntroductionOutcome, useIntroductions } from "./hooks";

export const INTRODUCTION_STATUSES = introductionStatusEnumValues;
// Mirrors INTRODUCTION_TRANSITIONS on the server; the server has the last word.
const NEXT: Record<string, string[]> = { awaiting_reply: ["negotiating", "no_deal"], negotiating: ["deal", "no_deal"] };

type Introduction = IntroductionOutput;
type Party = IntroductionParty;

const money = (value: string | null | undefined): number | null =>
  value === null || value === undefined || value === "" ? null : Number(value);

function ContactCard({ contact }: { contact: ContactOutput }) {
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
  const outcome = useIntroductionOutcome();
  const error = outcome.error;
  const busy = outcome.isPending;
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

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body: ApiInit<"/api/v1/introductions/{introduction_id}/outcome/", "post">["body"] = {
      status,
      reason: reason.trim(),
      deal_currency: "",
      ...(status === "deal"
        ? {
            deal_quantity: quantity === "" ? null : Number(quantity),
            deal_value: value === "" ? null : value,
            deal_currency: currency,
          }
        : {}),
    };
    outcome.mutate({ params: { path: { introduction_id: introduction.id } }, body }, { onSuccess: onSaved });
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
    ? localizedText(product.names, lang, product.model_number)
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
            {countryName(r.destination_country, lang)}
            {r.needed_by ? ` · ${t("proposals.neededBy", { date: formatDate(r.needed_by, lang) })}` : ""}
          </p>
        </div>
        <div className="introduction__status">
          <StatusPill status={introduction.status} label={enumLabel("introductionStatus", introduction.status)} />
          {introduction.overdue ? (
            <span className="tag tag--warn" data-testid="introduction-overdue" title={t("introductions.overdueHint")}>
              {t("introductions.overdue")}
            </span>
          ) : null}
          <span className="muted small">
            {t("introductions.since", { date: formatDate(introduction.created_at, lang) })}
          </span>
        </div>
      </header>
      {product ? (
        <p className="small introduction__product">
          <span dir="ltr">
            {formatPriceRange(money(product.price_min), money(product.price_max), product.currency, lang)}
          </span>
          {` · ${t("directory.leadTime")} ${t("directory.days", { days: formatNumber(product.lead_time_days, lang) })}`}
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
            quantity: formatNumber(introduction.deal_quantity, lang),
            value: formatMoney(money(introduction.deal_value), introduction.deal_currency || "USD", lang),
          })}
        </p>
      ) : null}
      {introduction.status === "no_deal" && introduction.no_deal_reason ? (
        <p className="notice notice--info">
          {t("introductions.noDealReason")} <span dir="auto">{introduction.no_deal_reason}</span>
        </p>
      ) : null}
      <OutcomeForm key={introduction.status} introduction={introduction} onSaved={onSaved} />
    </article>
  );
}

type IntroductionPage = ApiData<"/api/v1/introductions/">;

function IntroductionsView({ user }: { user: User }) {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  const [params, setParams] = useSearchParams();
  const status = INTRODUCTION_STATUSES.find((s) => s === params.get("status")) ?? "";
  const overdue = params.get("overdue") === "true";
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const query = {
    ...(status ? { status } : {}),
    ...(overdue ? { overdue: "true" } : {}),
    ...(page > 1 ? { page } : {}),
    page_size: INTRODUCTIONS_PAGE_SIZE,
  };
  const list = useIntroductions(query);
  // No introductions endpoint on this server (yet): shown as empty rather than broken.
  const data: IntroductionPage | undefined =
    list.error?.status === 404 ? { count: 0, next: null, previous: null, results: [] } : list.data;

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
        <label className="checkbox-field">
          <input
            type="checkbox"
            checked={overdue}
            onChange={(e) => setFilter("overdue", e.target.checked ? "true" : "")}
            data-testid="introduction-overdue-filter"
          />
          <span>{t("introductions.filter.overdue")}</span>
        </label>
        {data ? <span className="muted">{t("common.total", { count: formatNumber(data.count, lang) })}</span> : null}
      </div>
      {list.error && !data ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : !data ? (
        <Loading />
      ) : data.results.length === 0 ? (
        <div className="card">
          <EmptyState
            icon={<PeopleIcon />}
            title={overdue ? t("introductions.emptyOverdue.title") : t("introductions.empty.title")}
            body={overdue ? t("introductions.emptyOverdue.body") : t("introductions.empty.body")}
          />
        </div>
      ) : (
        <>
          {/* Outcomes saved here show on their card until the list is next loaded. */}
          <IntroductionList key={JSON.stringify(query)} introductions={data.results} user={user} />
          <Pagination
            page={page}
            pageCount={Math.ceil(data.count / INTRODUCTIONS_PAGE_SIZE)}
            onPage={(p) => setFilter("page", p > 1 ? String(p) : "")}
          />
        </>
      )}
    </>
  );
}

function IntroductionList({ introductions, user }: { introductions: Introduction[]; user: User }) {
  const [saved, setSaved] = useState<Map<number, Introduction>>(new Map());
  return (
    <ol className="introduction-list">
      {introductions.map((listed) => {
        const introduction = saved.get(listed.id) ?? listed;
        return (
          <li key={introduction.id}>
            <IntroductionCard
              introduction={introduction}
              user={user}
              onSaved={(updated) => setSaved((current) => new Map(current).set(updated.id, updated))}
            />
          </li>
        );
      })}
    </ol>
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
