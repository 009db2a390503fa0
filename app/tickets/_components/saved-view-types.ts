export interface SavedViewItem {
  id: string;
  name: string;
  query: string;
}

export type SaveViewState =
  | { status: "idle" }
  | { status: "saved"; view: SavedViewItem }
  | {
      status: "error";
      message: string;
      fieldErrors: Record<string, string[]>;
      values: Record<string, string>;
    };
