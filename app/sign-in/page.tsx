import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { sessionUser } from "@/server/auth/principal";
import { safeNext } from "@/server/auth/require";
import { SignInForm } from "@/app/sign-in/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next = safeNext(params.next);
  if (await sessionUser()) redirect(next);
  return (
    <div className="mx-auto grid max-w-sm gap-4 py-8">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      {params.signedOut ? (
        <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
          You are signed out.
        </p>
      ) : null}
      <SignInForm next={next} />
    </div>
  );
}
