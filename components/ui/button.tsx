import type { ComponentPropsWithoutRef } from "react";
import { cx } from "@/components/ui/class-names";

type Variant = "primary" | "secondary" | "quiet";
type Size = "lg" | "md" | "sm" | "xs";

const variants: Record<Variant, string> = {
  primary: "bg-blue-700 font-medium text-white hover:bg-blue-800",
  secondary: cx(
    "border border-slate-400 bg-white font-medium text-slate-900 hover:bg-slate-100",
    "disabled:cursor-not-allowed",
    "dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800",
  ),
  quiet: "border border-slate-400 hover:bg-slate-100 dark:border-slate-500 dark:hover:bg-slate-800",
};

const sizes: Record<Size, string> = {
  lg: "px-4 py-2",
  md: "px-3 py-2",
  sm: "px-3 py-1.5",
  xs: "px-3 py-1",
};

type Props = ComponentPropsWithoutRef<"button"> & { variant?: Variant; size?: Size };

/** A button: `primary` for the form's action, `secondary` beside it, `quiet` in a row of items. */
export function Button({ variant = "primary", size = "lg", className, ...button }: Props) {
  return (
    <button
      {...button}
      className={cx(
        "rounded text-sm disabled:opacity-60",
        variants[variant],
        sizes[size],
        className,
      )}
    />
  );
}
