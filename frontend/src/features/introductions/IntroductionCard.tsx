// One introduction: what was asked for and offered, both parties, the outcome so far and the form to record it.
import type { IntroductionOutput, IntroductionParty } from "../../api";
import type { User } from "../../auth";
import { isStaffRole } from "../../auth";
import { Arrow, StatusPill, useEnumLabel } from "../../components/common";
import { countryName, formatDate, formatMoney, formatNumber, formatPriceRange, localizedText } from "../../format";
import { useI18n } from "../../i18n";
import { OutcomeForm } from "./OutcomeForm";
import { PartyBlock } from "./PartyBlock";

type Introduction = IntroductionOutput;
type Party = IntroductionParty;

const money = (value: string | null | undefined): number | null =>
  value === null || value === undefined || value === "" ? null : Number(value);

export function IntroductionCard({
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
