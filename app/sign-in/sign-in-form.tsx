"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import { Field } from "@/components/ui/field";
import { panelClass } from "@/components/ui/panel";
import { signInAction, type SignInState } from "@/app/sign-in/actions";

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {
    error: null,
    email: "",
  });
  // One message for both fields: it never says which of them was wrong.
  const describedBy = state.error ? "sign-in-error" : undefined;
  return (
    <form action={action} className={cx("grid gap-3", panelClass)}>
      <input type="hidden" name="next" value={next} />
      <Field
        id="email"
        name="email"
        type="email"
        label="Email"
        autoComplete="username"
        required
        defaultValue={state.email}
        tone="raised"
        aria-describedby={describedBy}
      />
      <Field
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="current-password"
        required
        tone="raised"
        aria-describedby={describedBy}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="remember" className="h-4 w-4" />
        Remember me for 30 days
      </label>
      <div id="sign-in-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
        {state.error}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
