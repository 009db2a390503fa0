import type { ActionIdle, ActionResult } from "@/server/http/action-state";

export interface SavedViewItem {
  id: string;
  name: string;
  query: string;
}

export interface ViewSaved {
  status: "saved";
  view: SavedViewItem;
}

export type SaveViewState = ActionIdle | ActionResult<ViewSaved>;

export type DeleteViewResult = ActionResult<{ status: "deleted" }>;
