import Link from "next/link";

export default function TicketNotFound() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-2xl font-semibold">Ticket not found</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        There is no ticket at this address. The link may be mistyped, or the ticket id is not one
        this desk has issued.
      </p>
      <Link
        href="/tickets"
        className="mt-4 inline-block text-blue-700 underline dark:text-blue-400"
      >
        Back to tickets
      </Link>
    </div>
  );
}
