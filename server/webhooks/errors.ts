import { DomainError } from "@/server/tickets/domain/errors";

export class WebhookNotFoundError extends DomainError {
  readonly kind = "not-found";
  constructor(id: string) {
    super(`Webhook subscription ${id.slice(0, 100)} was not found.`);
  }
}
