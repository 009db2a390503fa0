import { commandRoute } from "@/server/http/command-route";
import { assignAgent, assignAgentInput } from "@/server/tickets/commands/assign-agent";

export const POST = commandRoute(assignAgentInput, assignAgent);
