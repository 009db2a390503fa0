import type { Metadata } from "next";
import { requireUser } from "@/server/auth/require";
import { listUsers } from "@/server/auth/users";
import { NewPersonForm, PeopleTable } from "@/app/admin/_components/people-admin";

export const metadata: Metadata = { title: "People" };

export default async function PeoplePage() {
  const lead = await requireUser("admin", "/admin/people");
  const people = await listUsers();
  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-semibold">People</h1>
      <section
        aria-labelledby="new-person"
        className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      >
        <h2 id="new-person" className="mb-3 text-lg font-semibold">
          Add an agent or a lead
        </h2>
        <NewPersonForm />
      </section>
      <section aria-labelledby="everyone">
        <h2 id="everyone" className="mb-3 text-lg font-semibold">
          Everyone ({people.length})
        </h2>
        <PeopleTable people={people} me={lead.userId} />
      </section>
    </div>
  );
}
