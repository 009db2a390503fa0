"use client";

import Link from "next/link";

export default function TicketError({
  error,
  retry,
}: {
  error: Error & { digest?: string };
  retry: () => void;
}) {
  return (
    <div role="alert" className="py-16 text-center">
      <h1 className="text-2xl font-semibold">This ticket could not be loaded</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        Something went wrong on our side; nothing you typed was lost on the server.{" "}
        {error.digest ? `(Reference ${error.digest})` : null}
      </p>
      <div className="mt-4 flex flex-wrap justify-center gap-4">
        <button
          type="button"
          onClick={() => retry()}
          className="rounded bg-blue-700 px-4 py-2 text-white hover:bg-blue-800"
        >
          Try again
        </button>
        <Link href="/tickets" className="px-2 py-2 text-blue-700 underline dark:text-blue-400">
          Back to tickets
        </Link>
      </div>
    </div>
  );
}
