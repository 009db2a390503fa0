"use client";

import { useState, useTransition } from "react";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { SavedReplyForm } from "@/app/admin/_components/saved-reply-form";
import { deleteSavedReplyAction } from "@/app/admin/saved-reply-actions";
import type { SavedReply } from "@/server/saved-replies/schemas";

/** Every saved reply with its body, an edit form folded under it, and a delete button. */
export function SavedRepliesList({ replies }: { replies: SavedReply[] }) {
  const [deleting, startDelete] = useTransition();
  // A deleted reply's row is gone, so what happened is said here, above the list.
  const [notice, setNotice] = useState("");

  const remove = (reply: SavedReply) =>
    startDelete(async () => {
      try {
        const result = await deleteSavedReplyAction(reply.id);
        setNotice(result.status === "deleted" ? `Deleted “${reply.name}”.` : result.message);
      } catch {
        setNotice("The saved reply could not be deleted. Try again in a moment.");
      }
    });

  return (
    <div className="grid gap-3">
      <p role="status" aria-live="polite" className="text-sm text-slate-700 dark:text-slate-300">
        {notice}
      </p>
      {replies.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">No saved replies yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {replies.map((reply) => (
            <li key={reply.id} data-saved-reply={reply.name} className="grid gap-2 p-4">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <h3 className="font-medium break-words">{reply.name}</h3>
                  <p className="text-sm text-slate-700 dark:text-slate-300">
                    Updated by {reply.updatedBy} <RelativeTime iso={reply.updatedAt} />
                  </p>
                </div>
                <Button
                  type="button"
                  variant="quiet"
                  size="xs"
                  disabled={deleting}
                  onClick={() => remove(reply)}
                >
                  Delete <span className="sr-only">{reply.name}</span>
                </Button>
              </div>
              <p className="line-clamp-4 text-sm break-words whitespace-pre-wrap">{reply.body}</p>
              <details>
                <summary className="cursor-pointer text-sm text-blue-700 underline dark:text-blue-300">
                  Edit <span className="sr-only">{reply.name}</span>
                </summary>
                <div className="mt-3">
                  <SavedReplyForm reply={reply} />
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
