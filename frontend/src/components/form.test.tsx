import { act, renderHook } from "@testing-library/react";
import { useForm } from "react-hook-form";
import { describe, expect, it } from "vitest";
import { ApiError } from "../api";
import { applyApiErrors, fieldErrors } from "./form";

describe("applyApiErrors", () => {
  it("puts each shown field's API errors on the field and keeps the rest for the form", () => {
    // Like a component, the hook reads the errors while rendering (that subscribes it to them).
    const { result } = renderHook(() => {
      const form = useForm<{ title: string; legal_names: { en: string } }>();
      void form.formState.errors;
      return form;
    });
    const error = new ApiError(400, "invalid", "The request has invalid fields.", {
      title: [{ code: "blank", message: "This field may not be blank." }],
      "legal_names.en": [{ code: "max_length", message: "Too long." }],
      non_field_errors: [{ code: "duplicate", message: "Already exists." }],
    });
    let rest: ApiError | null = null;
    act(() => {
      rest = applyApiErrors(result.current, error, ["title", "legal_names.en"]);
    });
    expect(fieldErrors(result.current, "title")).toEqual([{ code: "blank", message: "This field may not be blank." }]);
    expect(fieldErrors(result.current, "legal_names.en")).toEqual([{ code: "max_length", message: "Too long." }]);
    expect(rest).toBe(error); // <FormErrors shown=...> shows non_field_errors from it
  });

  it("turns a thrown non-API error into a network ApiError", () => {
    const { result } = renderHook(() => useForm<{ title: string }>());
    const rest = applyApiErrors(result.current, new TypeError("boom"), ["title"]);
    expect(rest.network).toBe(true);
    expect(fieldErrors(result.current, "title")).toBeUndefined();
  });
});
