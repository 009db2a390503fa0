import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-2xl font-semibold">Not for your role</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        This page is for team leads. Ask a lead if you need what is on it.
      </p>
      <Link
        href="/tickets"
        className="mt-4 inline-block text-blue-700 underline dark:text-blue-400"
      >
        Back to the tickets
      </Link>
    </div>
  );
}
