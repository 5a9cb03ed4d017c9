import type { FieldError } from "../../api";
import { FieldErrorText } from "../../components/common";

/** A group of checkboxes for picking codes (markets, standards), with the server's errors under it. */
export function CodePicker({
  id,
  legend,
  options,
  value,
  onChange,
  errors,
}: {
  id: string;
  legend: string;
  options: { code: string; label: string; title?: string }[];
  value: string[];
  onChange: (codes: string[]) => void;
  errors?: FieldError[];
}) {
  const chosen = new Set(value);
  const toggle = (code: string) => {
    const next = new Set(chosen);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    onChange(options.map((option) => option.code).filter((c) => next.has(c)));
  };
  const invalid = Boolean(errors?.length);
  return (
    <fieldset
      className={`code-picker${invalid ? " field--invalid" : ""}`}
      data-testid={id}
      aria-describedby={invalid ? `${id}-error` : undefined}
    >
      <legend className="field__label">{legend}</legend>
      <div className="code-picker__options">
        {options.map((option) => (
          <label key={option.code} className="code-picker__option" title={option.title}>
            <input
              type="checkbox"
              value={option.code}
              checked={chosen.has(option.code)}
              onChange={() => toggle(option.code)}
            />
            <span dir="auto">{option.label}</span>
          </label>
        ))}
      </div>
      <FieldErrorText id={`${id}-error`} errors={errors} />
    </fieldset>
  );
}
