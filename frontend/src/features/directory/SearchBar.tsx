// The directory's search bar: products or suppliers, the words (with suggestions) and the search button.
import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import { SearchIcon } from "../../components/Icons";
import { useI18n } from "../../i18n";
import type { DirectoryState, SearchType, Suggestion } from "./search";
import { SuggestBox } from "./SuggestBox";

export function SearchBar({
  state,
  update,
}: {
  state: DirectoryState;
  update: (change: Partial<DirectoryState>) => void;
}) {
  const { t } = useI18n();
  // What is typed but not yet searched for; a new search in the URL (a link, "back") replaces it.
  const [draft, setDraft] = useState(state.q);
  useEffect(() => setDraft(state.q), [state.q]);

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    update({ q: draft });
  };

  const onPick = (suggestion: Suggestion) => {
    if (suggestion.kind === "category") {
      setDraft("");
      update({ q: "", filters: { ...state.filters, category: [suggestion.value] } });
    } else {
      setDraft(suggestion.value);
      update({ q: suggestion.value, type: suggestion.kind === "supplier" ? "suppliers" : "products" });
    }
  };

  const switchType = (type: SearchType) => {
    if (type !== state.type) update({ type });
  };

  return (
    <form className="search-bar card" role="search" onSubmit={onSearch} data-testid="search-form">
      <div className="segmented" role="radiogroup" aria-label={t("directory.searchFor")}>
        {(["products", "suppliers"] as const).map((type) => (
          <button
            key={type}
            type="button"
            role="radio"
            aria-checked={state.type === type}
            className={`segmented__option${state.type === type ? " is-selected" : ""}`}
            onClick={() => switchType(type)}
            data-testid={`type-${type}`}
          >
            {t(`directory.type.${type}`)}
          </button>
        ))}
      </div>
      <SuggestBox
        value={draft}
        onChange={setDraft}
        onPick={onPick}
        label={t("directory.searchLabel")}
        placeholder={
          state.type === "products" ? t("directory.placeholder.products") : t("directory.placeholder.suppliers")
        }
      />
      <button type="submit" className="button button--primary" data-testid="search-submit">
        <SearchIcon />
        <span>{t("directory.search")}</span>
      </button>
    </form>
  );
}
