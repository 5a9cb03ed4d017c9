import { useEffect, useId, useRef, useState } from "react";
import type { KeyboardEvent } from "react";
import { apiCall } from "../../api";
import { localizedText } from "../../format";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n";
import { parseSuggestions } from "./search";
import type { Suggestion } from "./search";

export const SUGGEST_DELAY_MS = 200;

const GROUP_LABELS: Record<Suggestion["kind"], MessageKey> = {
  category: "suggest.categories",
  product: "suggest.products",
  supplier: "suggest.suppliers",
};

/**
 * A search input with suggestions as you type (ARIA combobox): debounced calls to
 * `search/suggest/`, arrow keys move through the options, Enter picks one (or submits the
 * form when none is active), Escape closes the list.
 */
export function SuggestBox({
  value,
  onChange,
  onPick,
  placeholder,
  label,
}: {
  value: string;
  onChange: (value: string) => void;
  onPick: (suggestion: Suggestion) => void;
  placeholder: string;
  label: string;
}) {
  const { t, lang } = useI18n();
  const listId = useId();
  const [options, setOptions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // Only what the user typed asks for suggestions (not a value set by picking or by the URL).
  const typed = useRef(false);

  useEffect(() => {
    if (!typed.current) return;
    const prefix = value.trim();
    if (!prefix) {
      setOptions([]);
      setOpen(false);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      apiCall("get", "/api/v1/search/suggest/", {
        params: { query: { q: prefix.slice(0, 100), size: 5 } },
        signal: controller.signal,
      }).then(
        (raw) => {
          const found = parseSuggestions(raw);
          setOptions(found);
          setActive(-1);
          setOpen(found.length > 0);
        },
        () => {
          if (!controller.signal.aborted) {
            setOptions([]); // suggestions are a convenience: an outage just hides them
            setOpen(false);
          }
        },
      );
    }, SUGGEST_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [value]);

  const labelOf = (option: Suggestion) =>
    option.kind === "category" ? localizedText(option.names, lang, option.label) : option.label;

  const pick = (option: Suggestion) => {
    typed.current = false;
    setOpen(false);
    setActive(-1);
    onPick(option);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (options.length === 0) return;
      event.preventDefault();
      setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      const slots = options.length + 1; // every option, plus "none" (back in the input)
      setActive((current) => {
        if (!open) return step === 1 ? 0 : options.length - 1;
        return ((((current + 1 + step) % slots) + slots) % slots) - 1;
      });
    } else if (event.key === "Enter") {
      const option = open ? options[active] : undefined;
      if (option) {
        event.preventDefault();
        pick(option);
      } else {
        typed.current = false;
        setOpen(false); // the form submits the text as it is
      }
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      }
    } else if (event.key === "Tab") {
      setOpen(false);
    }
  };

  const activeOption = open && active >= 0 ? options[active] : undefined;
  const groups = (["category", "product", "supplier"] as const)
    .map((kind) => ({
      kind,
      items: options.map((option, index) => ({ option, index })).filter((o) => o.option.kind === kind),
    }))
    .filter((group) => group.items.length > 0);

  return (
    <div className="suggest">
      <label className="visually-hidden" htmlFor={`${listId}-input`}>
        {label}
      </label>
      <input
        id={`${listId}-input`}
        type="search"
        className="suggest__input"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={`${listId}-list`}
        aria-activedescendant={activeOption ? `${listId}-${activeOption.id}` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        value={value}
        maxLength={200}
        onChange={(event) => {
          typed.current = true;
          onChange(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => {
          if (options.length && value.trim() && typed.current) setOpen(true);
        }}
        data-testid="search-input"
      />
      <div
        id={`${listId}-list`}
        role="listbox"
        aria-label={t("suggest.label")}
        className="suggest__list"
        hidden={!open}
        data-testid="suggestions"
      >
        {groups.map((group) => (
          <div key={group.kind} role="group" aria-labelledby={`${listId}-${group.kind}`} className="suggest__group">
            <div id={`${listId}-${group.kind}`} className="suggest__group-label" role="presentation">
              {t(GROUP_LABELS[group.kind])}
            </div>
            {group.items.map(({ option, index }) => (
              // Combobox pattern: options are reached with the arrow keys on the input
              // (aria-activedescendant), so they take no focus or key handler of their own.
              // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/interactive-supports-focus
              <div
                key={option.id}
                id={`${listId}-${option.id}`}
                role="option"
                aria-selected={index === active}
                className={`suggest__option${index === active ? " is-active" : ""}`}
                data-kind={option.kind}
                // mousedown would blur the input (closing the list) before the click lands
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => pick(option)}
                onMouseEnter={() => setActive(index)}
              >
                <span dir="auto">{labelOf(option)}</span>
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
