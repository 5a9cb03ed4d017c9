// The supplier-list pages' building blocks: progress, figures, reasons, the mapping form, a pair side by side.
import { useState } from "react";
import type { ReactNode } from "react";
import { useForm } from "react-hook-form";
import type { ApiError, CandidateOutput, components } from "../../api";
import { FormErrors } from "../../components/common";
import { applyApiErrors } from "../../components/form";
import { countryName, formatNumber } from "../../format";
import { isMessageKey, useI18n } from "../../i18n";
import type { Language, MessageKey } from "../../i18n";
import { MAPPING_FIELDS, useSupplierListActions } from "./hooks";
import type { MappingField } from "./hooks";

type Figures = components["schemas"]["Figures"];
type Reason = components["schemas"]["ResolutionReason"];
type SupplierList = components["schemas"]["SupplierListOutput"];

/** How far the worker got: an indeterminate bar while it reads the file, rows done while it resolves. */
export function ImportProgress({ list }: { list: SupplierList }) {
  const { t, lang } = useI18n();
  const busy = list.status === "parsing" || list.status === "resolving";
  if (!busy) return null;
  const reading = list.status === "parsing";
  const label = reading
    ? t("supplierLists.progress.reading")
    : t("supplierLists.progress.resolving", {
        done: formatNumber(list.rows_done, lang),
        total: formatNumber(list.rows_total, lang),
      });
  return (
    <div className="card stack" data-testid="import-progress">
      <label htmlFor="import-progress-bar">{label}</label>
      <progress
        id="import-progress-bar"
        className="import-progress"
        max={reading ? undefined : Math.max(1, list.rows_total)}
        value={reading ? undefined : list.rows_done}
      />
    </div>
  );
}

const FIGURES: { key: keyof Figures; label: MessageKey }[] = [
  { key: "rows", label: "supplierLists.figures.rows" },
  { key: "created", label: "supplierLists.figures.created" },
  { key: "merged_automatically", label: "supplierLists.figures.merged" },
  { key: "sent_to_review", label: "supplierLists.figures.review" },
  { key: "rejected", label: "supplierLists.figures.rejected" },
];

function percent(share: number, lang: Language): string {
  return new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 }).format(share);
}

/** Rows created, merged automatically, sent to review, rejected, and the share still pending. */
export function ImportFigures({ figures }: { figures: Figures }) {
  const { t, lang } = useI18n();
  return (
    <dl className="figures" data-testid="import-figures">
      {FIGURES.map((figure) => (
        <div key={figure.key} className="figures__item" data-figure={figure.key}>
          <dt>{t(figure.label)}</dt>
          <dd>{formatNumber(Number(figures[figure.key]), lang)}</dd>
        </div>
      ))}
      <div className="figures__item" data-figure="pending_share">
        <dt>{t("supplierLists.figures.pending")}</dt>
        <dd>
          {percent(figures.pending_share, lang)}{" "}
          <span className="muted small">
            ({t("supplierLists.figures.open", { count: formatNumber(figures.review_open, lang) })})
          </span>
        </dd>
      </div>
    </dl>
  );
}

/** One reason of a resolution score in the reader's language ("name 93% alike after removing the legal suffix"). */
export function useReasonText(): (reason: Reason) => string {
  const { t, lang } = useI18n();
  return (reason) => {
    const params = reason.params as Record<string, unknown>;
    const key = `supplierLists.reason.${reason.code}`;
    if (reason.code === "name_similar") {
      const score = typeof params.score === "number" ? params.score : 0;
      return t(
        params.suffix_removed ? "supplierLists.reason.name_similar_suffix" : "supplierLists.reason.name_similar",
        {
          score: percent(score, lang),
        },
      );
    }
    const vars = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, String(value)]));
    return isMessageKey(key) ? t(key, vars) : reason.code;
  };
}

export function ReasonList({ reasons }: { reasons: Reason[] }) {
  const text = useReasonText();
  return (
    <ul className="reasons" data-testid="reasons">
      {reasons.map((reason, position) => (
        <li
          key={`${reason.code}-${position}`}
          className={reason.code.startsWith("different") ? "reason--against" : "reason--for"}
        >
          {text(reason)}
        </li>
      ))}
    </ul>
  );
}

type MappingValues = { columns: string[] };

/** The file's header with the field proposed for each column, for staff to confirm or change. */
export function MappingForm({ list, onConfirmed }: { list: SupplierList; onConfirmed?: () => void }) {
  const { t } = useI18n();
  const { confirmMapping } = useSupplierListActions();
  const form = useForm<MappingValues>({
    defaultValues: { columns: list.header.map((_, index) => list.proposed_mapping[String(index)] ?? "") },
  });
  const [formError, setFormError] = useState<ApiError | null>(null);
  const chosen = form.watch("columns");
  const duplicates = new Set(chosen.filter((field, index) => field && chosen.indexOf(field) !== index));
  const submit = form.handleSubmit(async ({ columns }) => {
    setFormError(null);
    const mapping: Record<string, MappingField> = {};
    columns.forEach((field, index) => {
      mapping[String(index)] = field as MappingField;
    });
    try {
      await confirmMapping.mutateAsync({ params: { path: { supplier_list_id: list.id } }, body: { mapping } });
      onConfirmed?.();
    } catch (error) {
      setFormError(applyApiErrors(form, error, []));
    }
  });
  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} data-testid="mapping-form" noValidate>
      <h2>{t("supplierLists.mapping.title")}</h2>
      <p className="muted">{t("supplierLists.mapping.intro")}</p>
      <ScrollRegion label={t("supplierLists.mapping.title")}>
        <table className="table mapping-table">
          <thead>
            <tr>
              <th scope="col">{t("supplierLists.mapping.column")}</th>
              <th scope="col">{t("supplierLists.mapping.field")}</th>
            </tr>
          </thead>
          <tbody>
            {list.header.map((cell, index) => (
              <tr key={index} data-column={index}>
                <th scope="row">
                  <bdi dir="auto">{cell || t("supplierLists.mapping.untitled", { number: index + 1 })}</bdi>
                </th>
                <td>
                  <select
                    aria-label={t("supplierLists.mapping.fieldFor", { column: cell || String(index + 1) })}
                    aria-invalid={duplicates.has(chosen[index] ?? "")}
                    {...form.register(`columns.${index}` as const)}
                  >
                    <option value="">{t("supplierLists.mapping.ignore")}</option>
                    {MAPPING_FIELDS.map((field) => (
                      <option key={field} value={field}>
                        {t(`supplierLists.field.${field}`)}
                      </option>
                    ))}
                  </select>
                  {duplicates.has(chosen[index] ?? "") ? (
                    <span className="field__error" role="alert">
                      {t("supplierLists.mapping.duplicate")}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <FormErrors error={formError} />
      <button
        type="submit"
        className="button button--primary"
        disabled={form.formState.isSubmitting || duplicates.size > 0}
        data-testid="mapping-confirm"
      >
        {t("supplierLists.mapping.confirm")}
      </button>
    </form>
  );
}

function sides(
  candidate: CandidateOutput,
  lang: Language,
): { key: string; label: MessageKey; row: string; organization: string }[] {
  const values = candidate.row.values as Record<string, unknown>;
  const text = (value: unknown) => (Array.isArray(value) ? value.join(", ") : typeof value === "string" ? value : "");
  const names = (value: unknown) =>
    value && typeof value === "object" ? Object.values(value as Record<string, string>).join(" / ") : "";
  const organization = candidate.organization;
  return [
    { key: "name", label: "supplierLists.field.name", row: text(values.name), organization: organization.name },
    {
      key: "legal_names",
      label: "supplierLists.compare.legalNames",
      row: names(values.legal_names),
      organization: names(organization.legal_names),
    },
    {
      key: "country",
      label: "supplierLists.field.country",
      row: values.country ? countryName(text(values.country), lang) : "",
      organization: countryName(organization.country, lang),
    },
    { key: "city", label: "supplierLists.field.city", row: text(values.city), organization: organization.city },
    {
      key: "registration_id",
      label: "supplierLists.field.registration_id",
      row: text(values.registration_id),
      organization: organization.registration_id,
    },
    {
      key: "website",
      label: "supplierLists.field.website",
      row: text(values.website),
      organization: organization.website,
    },
    {
      key: "email",
      label: "supplierLists.field.email",
      row: text(values.emails),
      organization: organization.contacts
        .map((c) => c.email)
        .filter(Boolean)
        .join(", "),
    },
    {
      key: "phone",
      label: "supplierLists.field.phone",
      row: text(values.phones),
      organization: organization.contacts
        .map((c) => c.phone)
        .filter(Boolean)
        .join(", "),
    },
  ];
}

/** The row and the organisation it may be, side by side; rows where they differ are marked. */
export function CandidateComparison({ candidate }: { candidate: CandidateOutput }) {
  const { t, lang } = useI18n();
  return (
    <table className="comparison" data-testid="candidate-comparison">
      <caption className="visually-hidden">
        {t("supplierLists.compare.caption", { row: candidate.row.number, organization: candidate.organization.name })}
      </caption>
      <thead>
        <tr>
          <td />
          <th scope="col">{t("supplierLists.compare.row", { number: candidate.row.number })}</th>
          <th scope="col">
            {t("supplierLists.compare.known")} <span className="muted small">#{candidate.organization.id}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sides(candidate, lang).map((side) => {
          const same = side.row.trim().toLowerCase() === side.organization.trim().toLowerCase();
          return (
            <tr key={side.key} className={same ? "comparison__same" : "comparison__differs"} data-same={same}>
              <th scope="row">{t(side.label)}</th>
              <td>
                <bdi dir="auto">{side.row || "–"}</bdi>
              </td>
              <td>
                <bdi dir="auto">{side.organization || "–"}</bdi>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A table that may scroll sideways on a phone: a labelled region keyboard users can reach and scroll. */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be focusable (axe scrollable-region-focusable)
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
