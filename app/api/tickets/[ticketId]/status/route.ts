import { commandRoute } from "@/server/http/command-route";
import { changeStatus, changeStatusInput } from "@/server/tickets/commands/change-status";

export const POST = commandRoute(changeStatusInput, changeStatus);
