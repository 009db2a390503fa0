import type { ComponentPropsWithoutRef, ReactNode } from "react";
import type { ControlTone } from "@/components/ui/control-class";
import { Labelled, labelledControl, type LabelledProps } from "@/components/ui/labelled";

type Props = LabelledProps &
  Omit<ComponentPropsWithoutRef<"input">, "size"> & {
    tone?: ControlTone;
    /** Below the errors: a hint, a datalist. */
    after?: ReactNode;
  };

/** A labelled text input with its errors below it, wired for screen readers. */
export function Field({ label, errors, errorId, size, tone, className, after, ...input }: Props) {
  const frame = { id: input.id, name: input.name, label, errors, errorId, size, className };
  return (
    <Labelled {...frame} after={after}>
      <input {...input} {...labelledControl({ ...frame, tone })} />
    </Labelled>
  );
}
