import type { Metadata } from "next";
import { Panel } from "@/components/ui/panel";
import { requireUser } from "@/server/auth/require";
import { listSavedReplies } from "@/server/saved-replies/list-saved-replies";
import { PlaceholderHelp } from "@/app/admin/_components/placeholder-help";
import { SavedRepliesList } from "@/app/admin/_components/saved-replies-list";
import { SavedReplyForm } from "@/app/admin/_components/saved-reply-form";

export const metadata: Metadata = { title: "Saved replies" };

export default async function SavedRepliesPage() {
  await requireUser("admin", "/admin/saved-replies");
  const replies = await listSavedReplies();
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Saved replies</h1>
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
          Answers the whole desk can reuse. Leads keep them here; names are unique, whatever their
          case.
        </p>
      </div>
      <Panel aria-labelledby="new-reply">
        <h2 id="new-reply" className="mb-3 text-lg font-semibold">
          New saved reply
        </h2>
        <SavedReplyForm />
        <div className="mt-4 border-t border-slate-200 pt-3 dark:border-slate-800">
          <PlaceholderHelp />
        </div>
      </Panel>
      <section aria-labelledby="all-replies">
        <h2 id="all-replies" className="mb-3 text-lg font-semibold">
          All saved replies ({replies.length})
        </h2>
        <SavedRepliesList replies={replies} />
      </section>
    </div>
  );
}
