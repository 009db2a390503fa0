import type { Metadata } from "next";
import { Panel } from "@/components/ui/panel";
import { requireUser } from "@/server/auth/require";
import { listUsers } from "@/server/auth/users";
import { NewPersonForm } from "@/app/admin/_components/new-person-form";
import { PeopleTable } from "@/app/admin/_components/people-table";

export const metadata: Metadata = { title: "People" };

export default async function PeoplePage() {
  const lead = await requireUser("admin", "/admin/people");
  const people = await listUsers();
  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-semibold">People</h1>
      <Panel aria-labelledby="new-person">
        <h2 id="new-person" className="mb-3 text-lg font-semibold">
          Add an agent or a lead
        </h2>
        <NewPersonForm />
      </Panel>
      <section aria-labelledby="everyone">
        <h2 id="everyone" className="mb-3 text-lg font-semibold">
          Everyone ({people.length})
        </h2>
        <PeopleTable people={people} me={lead.userId} />
      </section>
    </div>
  );
}
