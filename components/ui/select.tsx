import type { ComponentPropsWithoutRef } from "react";
import type { ControlTone } from "@/components/ui/control-class";
import { Labelled, labelledControl, type LabelledProps } from "@/components/ui/labelled";

type Props = LabelledProps &
  Omit<ComponentPropsWithoutRef<"select">, "size"> & { tone?: ControlTone };

/** A labelled select (its options as children), with its errors below it when it has any. */
export function Select({ label, errors, errorId, size, tone, className, ...select }: Props) {
  const frame = { id: select.id, name: select.name, label, errors, errorId, size, className };
  return (
    <Labelled {...frame}>
      <select {...select} {...labelledControl({ ...frame, tone })} />
    </Labelled>
  );
}
