import type { InputHTMLAttributes, ReactNode } from "react";
import { FieldError, fieldProps } from "@/components/field-error";

type Props = InputHTMLAttributes<HTMLInputElement> & {
  id: string;
  name: string;
  label: ReactNode;
  errors: Record<string, string[]>;
};

/** A labelled text input with its field errors beside it, wired for screen readers. */
export function TextField({ id, name, label, errors, ...input }: Props) {
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input id={id} name={name} {...input} {...fieldProps(name, errors)} />
      <FieldError name={name} errors={errors} />
    </div>
  );
}
