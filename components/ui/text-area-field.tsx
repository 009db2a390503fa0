import type { ComponentProps, ReactNode } from "react";
import type { ControlTone } from "@/components/ui/control-class";
import { Labelled, labelledControl, type LabelledProps } from "@/components/ui/labelled";

type Props = LabelledProps &
  ComponentProps<"textarea"> & {
    tone?: ControlTone;
    /** Below the errors: a hint. */
    after?: ReactNode;
  };

/** A labelled textarea with its errors below it, wired for screen readers. */
export function TextAreaField({
  label,
  errors,
  errorId,
  size,
  tone,
  className,
  after,
  ...area
}: Props) {
  const frame = { id: area.id, name: area.name, label, errors, errorId, size, className };
  return (
    <Labelled {...frame} after={after}>
      <textarea {...area} {...labelledControl({ ...frame, tone })} />
    </Labelled>
  );
}
