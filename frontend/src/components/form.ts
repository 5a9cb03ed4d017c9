/**
 * react-hook-form wired to the API's error map.
 *
 *   const form = useForm<Values>({ defaultValues });
 *   const [formError, setFormError] = useState<ApiError | null>(null);
 *   const onSubmit = form.handleSubmit(async (values) => {
 *     try { await save.mutateAsync({ body: values }); }
 *     catch (error) { setFormError(applyApiErrors(form, error, FIELDS)); }
 *   });
 *   <Field errors={fieldErrors(form, "title")}> ... {...form.register("title")} </Field>
 *   <FormErrors error={formError} shown={FIELDS} />
 *
 * Each error of a field the form shows goes onto that field (`setError`, code as the type, so
 * the text can be translated by code); the rest (non_field_errors, unknown fields, a 429 or a
 * 503) stay in the returned ApiError for <FormErrors>.
 */
import { get } from "react-hook-form";
import type { FieldError as FormFieldError, FieldPath, FieldValues, UseFormReturn } from "react-hook-form";
import { ApiError } from "../api";
import type { FieldError } from "../api";

export function applyApiErrors<T extends FieldValues>(
  form: Pick<UseFormReturn<T>, "setError">,
  error: unknown,
  shown: readonly string[],
): ApiError {
  const apiError = error instanceof ApiError ? error : new ApiError(0, "network", "");
  let first = true;
  // In the form's order, so that the focus lands on the first faulty field, not the server's first.
  for (const name of shown) {
    const errors = apiError.fields[name];
    if (!errors || errors.length === 0) continue;
    const [head] = errors;
    form.setError(
      name as FieldPath<T>,
      { type: head?.code ?? "invalid", message: JSON.stringify(errors) },
      { shouldFocus: first },
    );
    first = false;
  }
  return apiError;
}

/** A field's errors as <Field> shows them: the API's list, or the form's own rule as one error. */
export function fieldErrors<T extends FieldValues>(
  form: Pick<UseFormReturn<T>, "formState">,
  name: FieldPath<T>,
): FieldError[] | undefined {
  // Reading formState.errors subscribes the component to error changes.
  const error = get(form.formState.errors, name) as FormFieldError | undefined;
  if (!error) return undefined;
  if (typeof error.message === "string" && error.message.startsWith("[")) {
    try {
      return JSON.parse(error.message) as FieldError[];
    } catch {
      /* not ours: fall through */
    }
  }
  return [{ code: String(error.type ?? "invalid"), message: typeof error.message === "string" ? error.message : "" }];
}
