import { commandRoute } from "@/server/http/command-route";
import { setPriority, setPriorityInput } from "@/server/tickets/commands/set-priority";

export const POST = commandRoute(setPriorityInput, setPriority);
