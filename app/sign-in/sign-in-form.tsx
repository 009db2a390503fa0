"use client";

import { useActionState } from "react";
import { signInAction, type SignInState } from "@/app/sign-in/actions";

const input =
  "mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 text-sm dark:border-slate-500 dark:bg-slate-900";

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {
    error: null,
    email: "",
  });
  return (
    <form
      action={action}
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <input type="hidden" name="next" value={next} />
      <div>
        <label htmlFor="email" className="text-sm font-medium">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          className={input}
          aria-describedby={state.error ? "sign-in-error" : undefined}
        />
      </div>
      <div>
        <label htmlFor="password" className="text-sm font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={input}
          aria-describedby={state.error ? "sign-in-error" : undefined}
        />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="remember" className="h-4 w-4" />
        Remember me for 30 days
      </label>
      <div id="sign-in-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
        {state.error}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
