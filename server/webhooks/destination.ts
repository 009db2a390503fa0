// Where a webhook may be delivered. Server-side request forgery is refused twice: when a URL
// is subscribed (its literal address, or what its name resolves to now), and at every delivery,
// on the address the connection actually uses (request-filtering-agent checks the DNS answer
// inside the socket's lookup), so a name that later resolves inside is caught too.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import {
  RequestFilteringHttpAgent,
  RequestFilteringHttpsAgent,
  type RequestFilteringAgentOptions,
} from "request-filtering-agent";
import { ValidationError } from "@/server/tickets/domain/errors";

/** Cloud metadata services: refused even with WEBHOOKS_ALLOW_PRIVATE. */
const METADATA = ["169.254.169.254", "fd00:ec2::254", "100.100.100.200"];

export interface DestinationPolicy {
  /** WEBHOOKS_ALLOW_PRIVATE: loopback and private addresses allowed (tests, local development). */
  allowPrivate: boolean;
}

/** Why an address may not be called, or null when it may. */
function refusedAddress(address: string, policy: DestinationPolicy): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address); // IPv4-mapped IPv6 is judged as the IPv4 it maps
  } catch {
    return `${address} is not an IP address`;
  }
  if (METADATA.includes(parsed.toString())) return `${address} is a cloud metadata address`;
  const range = parsed.range();
  if (range === "unicast" || policy.allowPrivate) return null;
  return `${address} is a ${range} address`;
}

const refuse = (message: string) => new ValidationError(message, { url: [message] });

/** Refuses (ValidationError on `url`) what may never be subscribed. Resolves names (2 s). */
export async function checkDestination(raw: string, policy: DestinationPolicy): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse("URL must be an absolute http or https URL.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw refuse("URL must use http or https.");
  }
  if (url.username || url.password) throw refuse("URL must not carry a user name or password.");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : await resolve(host);
  for (const address of addresses) {
    const why = refusedAddress(address, policy);
    if (why) {
      throw refuse(
        `Deliveries to ${url.host} are refused: ${why} (loopback, private, link-local and metadata addresses are not allowed).`,
      );
    }
  }
  return url.toString();
}

/**
 * What a name resolves to now. A name that does not resolve yet is allowed: deliveries resolve
 * it again and are refused then if it points inside.
 */
async function resolve(host: string): Promise<string[]> {
  try {
    const answer = await Promise.race([
      lookup(host, { all: true, verbatim: true }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), 2_000)),
    ]);
    return answer.map((a) => a.address);
  } catch {
    return [];
  }
}

/** The agents every delivery goes through: the address checked at each connect (a kept-alive socket stays on the address it was checked with). */
export function deliveryAgents(policy: DestinationPolicy) {
  const options: RequestFilteringAgentOptions = {
    allowPrivateIPAddress: policy.allowPrivate,
    allowMetaIPAddress: policy.allowPrivate,
    denyIPAddressList: METADATA,
  };
  return {
    http: new RequestFilteringHttpAgent({ ...options, keepAlive: true, maxFreeSockets: 16 }),
    https: new RequestFilteringHttpsAgent({ ...options, keepAlive: true, maxFreeSockets: 16 }),
  };
}
