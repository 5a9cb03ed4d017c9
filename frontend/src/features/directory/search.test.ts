import { describe, expect, it } from "vitest";
import { apiQuery, paramsFromState, parseSuggestions, stateFromParams } from "./search";
import { SUGGESTIONS } from "../../test/fixtures";

describe("directory state in the URL", () => {
  it("round-trips filters, ranges, sort and page", () => {
    const params = new URLSearchParams(
      "type=products&q=mask&category=surgical-masks&country=cn,de&market=EU&capacity_min=1000&price_max=0.5&currency=usd&sort=price&page=3",
    );
    const state = stateFromParams(params);
    expect(state.filters.country).toEqual(["CN", "DE"]);
    expect(state.currency).toBe("USD");
    expect(state.page).toBe(3);
    expect(stateFromParams(paramsFromState(state))).toEqual(state);
  });

  it("drops defaults and nonsense", () => {
    const state = stateFromParams(new URLSearchParams("sort=name&page=-2&capacity_min=lots&currency=dollars"));
    expect(state.sort).toBe("relevance"); // "name" sorts suppliers, not products
    expect(state.page).toBe(1);
    expect(state.ranges.capacity_min).toBe("");
    expect(paramsFromState(state).toString()).toBe("");
  });

  it("sends only supplier filters to the supplier search", () => {
    const state = stateFromParams(new URLSearchParams("type=suppliers&q=anxin&moq_max=5&capacity_min=10&sort=name"));
    const query = apiQuery(state);
    expect(query.moq_max).toBeUndefined();
    expect(query.capacity_min).toBe("10");
    expect(query.sort).toBe("name");
  });
});

describe("suggestions", () => {
  it("groups categories, products and suppliers in that order", () => {
    const parsed = parseSuggestions(SUGGESTIONS);
    expect(parsed.map((s) => `${s.kind}:${s.value}`)).toEqual([
      "category:surgical-masks",
      "product:Surgical masks Care-629",
      "supplier:Xiamen Anxin Hygiene",
    ]);
  });
});
