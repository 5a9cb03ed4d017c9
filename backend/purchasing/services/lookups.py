"""The reference data a request names: a category by id, slug or HS code, standards by code."""

from core.validators import coded_error
from purchasing.importers import STANDARDS_SEPARATOR
from purchasing.services.coercion import hs_key, to_text
from reference.models import Category, Standard
from reference.selectors import standard_index, standards_by_code


class Lookups:
    """Categories and standards, loaded once per call (both tables are small reference data)."""

    def __init__(self) -> None:
        self._categories: list[Category] | None = None
        self._standards: dict[str, Standard] | None = None

    def categories(self) -> list[Category]:
        if self._categories is None:
            self._categories = list(Category.objects.all())
        return self._categories

    def _ancestors(self, category: Category) -> list[int]:
        """Ids from the category up to its root."""
        parents = {item.pk: item.parent_id for item in self.categories()}
        chain: list[int] = []
        current: int | None = category.pk
        while current is not None and current not in chain:
            chain.append(current)
            current = parents.get(current)
        return chain

    def _broadest(self, matches: list[Category]) -> Category | None:
        """The one category an HS code names when several share it: the single shallowest
        match, else the closest category all matches descend from; None when neither exists."""
        chains = {match.pk: self._ancestors(match) for match in matches}
        depth = min(len(chain) for chain in chains.values())
        shallowest = [match for match in matches if len(chains[match.pk]) == depth]
        if len(shallowest) == 1:
            return shallowest[0]
        common = set.intersection(*(set(chain) for chain in chains.values()))
        by_id = {item.pk: item for item in self.categories()}
        for ancestor in chains[matches[0].pk]:
            if ancestor in common:
                return by_id[ancestor]
        return None

    def category(self, value: object) -> Category | None:
        """A category by id (API), or by slug or HS code (spreadsheets).

        An HS code (2017, or 2022 where the taxonomy records a different one) may be
        shared by several categories; it then means the broadest of them.
        """
        if value is None or value == "":
            return None
        if isinstance(value, Category):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            found = next((category for category in self.categories() if category.pk == value), None)
            if found is None:
                raise coded_error("There is no category with id %(value)s.", "unknown_category", value=value)
            return found
        text = to_text(value, max_length=64)
        by_slug = [category for category in self.categories() if category.slug.casefold() == text.casefold()]
        if by_slug:
            return by_slug[0]
        key = hs_key(text)
        by_hs = [
            category
            for category in self.categories()
            if key and key in {hs_key(category.hs_code), hs_key(getattr(category, "hs2022_code", "") or "")}
        ]
        if not by_hs:
            raise coded_error(
                "“%(value)s” is neither a category slug nor the HS code of a category.",
                "unknown_category",
                value=text,
            )
        broadest = by_hs[0] if len(by_hs) == 1 else self._broadest(by_hs)
        if broadest is None:
            raise coded_error(
                "HS code %(value)s covers unrelated categories (%(slugs)s); give the category's slug.",
                "ambiguous_category",
                value=text,
                slugs=", ".join(category.slug for category in by_hs),
            )
        return broadest

    def standards(self, value: object) -> list[Standard]:
        if self._standards is None:
            self._standards = standard_index()
        if value is None or value == "":
            return []
        raw = value.split(STANDARDS_SEPARATOR) if isinstance(value, str) else value
        if not isinstance(raw, list | tuple):
            raise coded_error("Give the standards as a list of codes.", "invalid")
        codes = [to_text(code, max_length=64) for code in raw]
        found, unknown = standards_by_code(codes=codes, index=self._standards)
        if unknown:
            raise coded_error(
                "Unknown standard code(s): %(codes)s.", "unknown_standard", codes=", ".join(unknown)
            )
        return found
