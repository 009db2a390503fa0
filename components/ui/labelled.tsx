import type { ReactNode } from "react";
import { cx } from "@/components/ui/class-names";
import { controlClass, type ControlSize, type ControlTone } from "@/components/ui/control-class";
import { FieldError, fieldProps } from "@/components/ui/field-error";

export interface LabelledProps {
  /** The control's id, which the label names. */
  id: string;
  label: ReactNode;
  /** The field's key in `errors`: its messages are shown below the control. */
  name?: string;
  errors?: Record<string, string[]>;
  /** The id of the errors' element, when several forms on a page share a field name. */
  errorId?: string;
  size?: ControlSize;
  /** For the wrapper (grid placement). */
  className?: string;
}

const labelClass: Record<ControlSize, string> = {
  regular: "text-sm font-medium",
  compact: "text-xs font-medium text-slate-700 dark:text-slate-300",
};

/** A label, the control it names, and the control's errors below it; then `after` (a hint). */
export function Labelled({
  id,
  label,
  name,
  errors,
  errorId,
  size = "regular",
  className,
  children,
  after,
}: LabelledProps & { children: ReactNode; after?: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass[size]}>
        {label}
      </label>
      {children}
      {name !== undefined && errors ? (
        <FieldError name={name} errors={errors} id={errorId} />
      ) : null}
      {after}
    </div>
  );
}

/**
 * What the control inside `Labelled` carries: the id the label names, its look, and, when it has
 * errors, aria-invalid and aria-describedby pointing at them.
 */
export function labelledControl({
  id,
  name,
  errors,
  errorId,
  size = "regular",
  tone,
}: LabelledProps & { tone?: ControlTone }) {
  return {
    id,
    name,
    className: cx("mt-1 block w-full", controlClass(size, tone)),
    ...(name !== undefined && errors ? fieldProps(name, errors, errorId) : {}),
  };
}
