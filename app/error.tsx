"use client";

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div role="alert" className="py-16 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        This page could not be loaded. {error.digest ? `(Reference ${error.digest})` : null}
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded bg-blue-700 px-4 py-2 text-white hover:bg-blue-800"
      >
        Try again
      </button>
    </div>
  );
}
