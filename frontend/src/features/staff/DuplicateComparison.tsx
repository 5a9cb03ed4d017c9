import type { DuplicateFlagOutput, RequestSummary } from "../../api";
import { useEnumLabel } from "../../components/common";
import { countryName, formatDate, formatNumber, localizedText } from "../../format";
import { useI18n } from "../../i18n";
import type { Language, MessageKey } from "../../i18n";

type Row = { label: MessageKey; value: (request: RequestSummary) => string };

function rows(lang: Language, enumLabel: (prefix: string, value: string) => string): Row[] {
  return [
    { label: "staff.duplicates.field.buyer", value: (r) => r.buyer.name },
    { label: "staff.duplicates.field.endUser", value: (r) => r.end_user || "–" },
    {
      label: "staff.duplicates.field.category",
      value: (r) => (r.category ? localizedText(r.category.names, lang, r.category.slug) : "–"),
    },
    { label: "staff.duplicates.field.quantity", value: (r) => `${formatNumber(r.quantity, lang)} ${r.unit}` },
    { label: "staff.duplicates.field.destination", value: (r) => countryName(r.destination_country, lang) },
    { label: "staff.duplicates.field.neededBy", value: (r) => formatDate(r.needed_by, lang) || "–" },
    { label: "staff.duplicates.field.status", value: (r) => enumLabel("requestStatus", r.status) },
    { label: "staff.duplicates.field.created", value: (r) => formatDate(r.created_at, lang) },
  ];
}

/** The two requests of a flag side by side; rows where they differ are marked. */
export function DuplicateComparison({ flag }: { flag: DuplicateFlagOutput }) {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  const newer = flag.request;
  const older = flag.duplicate_of;
  return (
    <table className="comparison" data-testid="duplicate-comparison">
      <caption className="visually-hidden">
        {newer.title} / {older.title}
      </caption>
      <thead>
        <tr>
          <td />
          <th scope="col">
            {t("staff.duplicates.newer")}
            <br />
            <strong>{newer.title}</strong> <span className="muted small">#{newer.id}</span>
          </th>
          <th scope="col">
            {t("staff.duplicates.older")}
            <br />
            <strong>{older.title}</strong> <span className="muted small">#{older.id}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows(lang, enumLabel).map((row) => {
          const a = row.value(newer);
          const b = row.value(older);
          const same = a === b;
          return (
            <tr key={row.label} className={same ? "comparison__same" : "comparison__differs"} data-same={same}>
              <th scope="row">
                {t(row.label)}{" "}
                <span className={`pill pill--${same ? "ok" : "pending"}`}>
                  {same ? t("staff.duplicates.same") : t("staff.duplicates.differs")}
                </span>
              </th>
              <td>{a}</td>
              <td>{b}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
