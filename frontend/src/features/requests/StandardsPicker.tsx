import { useState } from "react";
import { useI18n } from "../../i18n";
import { useStandards } from "../../reference";

/** Checkboxes of the reference standards, with a filter box; `value` holds standard codes. */
export function StandardsPicker({
  value,
  onChange,
  describedBy,
}: {
  value: string[];
  onChange: (value: string[]) => void;
  describedBy?: string;
}) {
  const { t } = useI18n();
  const standards = useStandards();
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLowerCase();
  const visible = standards.filter(
    (s) =>
      value.includes(s.code) ||
      !needle ||
      s.code.toLowerCase().includes(needle) ||
      s.title.toLowerCase().includes(needle),
  );
  return (
    <div className="standards-picker" aria-describedby={describedBy}>
      <input
        type="search"
        className="standards-picker__filter"
        placeholder={t("requests.form.standardsFilter")}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        aria-label={t("requests.form.standardsFilter")}
      />
      <ul className="standards-picker__list" id="request-required_standards">
        {visible.map((standard) => (
          <li key={standard.code}>
            <label title={standard.title}>
              <input
                type="checkbox"
                checked={value.includes(standard.code)}
                onChange={() =>
                  onChange(
                    value.includes(standard.code)
                      ? value.filter((c) => c !== standard.code)
                      : [...value, standard.code],
                  )
                }
              />
              <bdi className="standards-picker__code">{standard.code}</bdi>
              <span className="muted small standards-picker__title" dir="auto">
                {standard.title}
              </span>
            </label>
          </li>
        ))}
        {visible.length === 0 ? <li className="muted small">{t("requests.form.noStandards")}</li> : null}
      </ul>
    </div>
  );
}
