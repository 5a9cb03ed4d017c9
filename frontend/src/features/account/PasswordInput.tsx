import type { UseFormRegisterReturn } from "react-hook-form";
import type { FieldError } from "../../api";
import { Field } from "../../components/common";

/** A labelled password input with its API errors. */
export function PasswordInput({
  id,
  label,
  errors,
  autoComplete,
  registration,
}: {
  id: string;
  label: string;
  errors: FieldError[] | undefined;
  autoComplete: "current-password" | "new-password";
  registration: UseFormRegisterReturn;
}) {
  return (
    <Field id={id} label={label} errors={errors} required>
      {(describedBy, invalid) => (
        <input
          id={id}
          type="password"
          autoComplete={autoComplete}
          maxLength={128}
          {...registration}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          required
          dir="ltr"
          data-testid={id}
        />
      )}
    </Field>
  );
}
