import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Providers } from "@/app/providers";
import { signOutAction } from "@/app/sign-in/actions";
import { sessionUser } from "@/server/auth/principal";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Support desk", template: "%s · Support desk" },
  description: "Work customer tickets; every change shows when it has reached every view.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await sessionUser();
  const navLink = "text-sm text-slate-700 hover:underline dark:text-slate-300";
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <nav
            aria-label="Main"
            className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-3"
          >
            <Link href="/tickets" className="font-semibold tracking-tight">
              Support desk
            </Link>
            {user ? (
              <>
                <Link href="/tickets" className={navLink}>
                  Tickets
                </Link>
                <Link href="/customers" className={navLink}>
                  Customers
                </Link>
                {user.role === "lead" ? (
                  <>
                    <Link href="/dashboard" className={navLink}>
                      Dashboard
                    </Link>
                    <Link href="/admin/people" className={navLink}>
                      People
                    </Link>
                    <Link href="/admin/tokens" className={navLink}>
                      API tokens
                    </Link>
                    <Link href="/admin/saved-replies" className={navLink}>
                      Saved replies
                    </Link>
                    <Link href="/admin/webhooks" className={navLink}>
                      Webhooks
                    </Link>
                    <Link href="/admin/sla" className={navLink}>
                      SLA policy
                    </Link>
                  </>
                ) : null}
                <span className="ml-auto flex items-center gap-3 text-sm text-slate-700 dark:text-slate-300">
                  <span>
                    <span data-testid="current-user">{user.name}</span> ({user.role})
                  </span>
                  <form action={signOutAction}>
                    <button type="submit" className="underline hover:no-underline">
                      Sign out
                    </button>
                  </form>
                </span>
              </>
            ) : null}
          </nav>
        </header>
        <Providers live={Boolean(user)}>
          <main id="main" className="mx-auto max-w-6xl px-4 py-6">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
