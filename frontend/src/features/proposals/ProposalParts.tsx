// The pieces of one proposal that both the desktop table and the phone cards show.
import type { JSX } from "react";
import { Link } from "react-router";
import type { ProposalOutput } from "../../api";
import { Arrow, useEnumLabel } from "../../components/common";
import { CheckIcon, CrossIcon, TildeIcon } from "../../components/Icons";
import { countryName, formatDate, formatMoney, formatNumber, formatPriceRange, localizedText } from "../../format";
import { useI18n } from "../../i18n";
import type { Language } from "../../i18n";

export type Proposal = ProposalOutput;

/** A buyer that staff have not verified: approval needs "verify the buyer in the same step". */
export const buyerUnverified = (proposal: Proposal) => proposal.request.buyer.verification_status !== "verified";

export const productName = (proposal: Proposal, lang: Language) =>
  localizedText(proposal.product.names, lang, proposal.product.model_number);

const money = (value: string | null | undefined): number | null =>
  value === null || value === undefined || value === "" ? null : Number(value);

export function waitingFor(hours: number | null | undefined, lang: Language): string {
  if (hours === null || hours === undefined) return "—";
  const format = new Intl.RelativeTimeFormat(lang, { numeric: "always", style: "short" });
  if (hours < 1) return format.format(-Math.max(1, Math.round(hours * 60)), "minute");
  if (hours < 48) return format.format(-Math.round(hours), "hour");
  return format.format(-Math.round(hours / 24), "day");
}

const PART_COLORS = ["#0f766e", "#2563eb", "#7c3aed", "#db2777", "#ea580c", "#ca8a04", "#16a34a", "#0891b2", "#64748b"];

export function ScoreBar({ score }: { score: number }) {
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

function ScoreParts({ scoreParts }: { scoreParts: Record<string, number> }) {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  const parts = Object.entries(scoreParts).sort((a, b) => b[1] - a[1]);
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

/** The request line under the product: a link to the request, its buyer (flagged when unverified). */
export function RequestLine({ proposal }: { proposal: Proposal }) {
  const { t, lang } = useI18n();
  const r = proposal.request;
  return (
    <div className="proposal-row__request muted small">
      <span aria-hidden="true" className="flip-rtl">
        ↳{" "}
      </span>
      <Link to={`/staff/requests/${r.id}`} data-testid="request-link">
        <bdi>{r.title}</bdi>
      </Link>{" "}
      — <bdi>{r.buyer.name}</bdi> <Arrow /> {countryName(r.destination_country, lang)}
      {r.category ? ` · ${localizedText(r.category.names, lang, r.category.slug)}` : ""}
      {buyerUnverified(proposal) && proposal.status === "proposed" ? (
        <span className="tag tag--warn" data-testid="buyer-unverified">
          {t("proposals.buyerUnverified")}
        </span>
      ) : null}
    </div>
  );
}

export function Explanation({ proposal }: { proposal: Proposal }) {
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
      <ScoreParts scoreParts={proposal.score_parts} />
      <dl className="explanation__facts">
        <div>
          <dt>{t("proposals.request")}</dt>
          <dd>
            {formatNumber(r.quantity, lang)} {r.unit} <Arrow /> {countryName(r.destination_country, lang)}
            {r.needed_by ? ` · ${t("proposals.neededBy", { date: formatDate(r.needed_by, lang) })}` : ""}
            {r.target_unit_price !== null
              ? ` · ${t("proposals.target", { price: formatMoney(money(r.target_unit_price), r.currency, lang) })}`
              : ""}
            {r.required_standards.length ? (
              <>
                {" · "}
                <bdi>{r.required_standards.join(", ")}</bdi>
              </>
            ) : null}
            <div>
              <Link to={`/staff/requests/${r.id}`} data-testid="open-request">
                {t("proposals.openRequest")}
              </Link>
            </div>
          </dd>
        </div>
        <div>
          <dt>{t("proposals.product")}</dt>
          <dd>
            {t("directory.moq")} {formatNumber(p.min_order_quantity, lang)} · {t("directory.capacity")}{" "}
            {formatNumber(p.capacity_per_day, lang)} · {t("directory.leadTime")}{" "}
            {t("directory.days", { days: formatNumber(p.lead_time_days, lang) })} ·{" "}
            <span dir="ltr">{formatPriceRange(money(p.price_min), money(p.price_max), p.currency, lang)}</span>
            {p.standards.length ? (
              <>
                {" · "}
                <bdi>{p.standards.join(", ")}</bdi>
              </>
            ) : null}
            <div className="link-row">
              <Link to={`/products/${p.id}`} data-testid="open-product">
                {t("proposals.openProduct")}
              </Link>
              <Link to={`/staff/organizations/${proposal.vendor.id}`} data-testid="open-vendor">
                {t("proposals.openVendor", { name: proposal.vendor.name })}
              </Link>
            </div>
          </dd>
        </div>
        {proposal.decision_reason ? (
          <div>
            <dt>{t("proposals.reason")}</dt>
            <dd dir="auto">{proposal.decision_reason}</dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}
