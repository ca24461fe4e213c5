/*
 * Maps neo4j-driver errors to StoreError (src/errors.ts) with a one-line message that says what to
 * do. Unreachable servers and refused credentials are `unavailable` (exit 3); the rest exit 1.
 * The driver error stays in `cause`; the password never appears in a message.
 */
import { Neo4jError, isRetryableError } from "neo4j-driver";

import { StoreError } from "../../errors.ts";
import { redactUri } from "../../util/terminal.ts";

/** What the message should name: the server and, for auth errors, the user. */
export interface ErrorContext {
  uri: string;
  user?: string | undefined;
  database?: string | undefined;
}

const START_HINT = "start it with `npm run neo4j:start` or `docker compose up -d`";

/** Wrap any error thrown by the driver (or during a load) as a StoreError. StoreErrors pass through. */
export function toStoreError(err: unknown, given: ErrorContext): StoreError {
  if (err instanceof StoreError) return err;
  const ctx = { ...given, uri: redactUri(given.uri) };
  const code = err instanceof Neo4jError ? err.code : undefined;
  const retriable = err instanceof Neo4jError ? isRetryableError(err) : false;
  const what = () => redactUri(err instanceof Error ? firstLine(err.message) : String(err));
  const make = (message: string, unavailable: boolean) =>
    new StoreError(message, { unavailable, neo4jCode: code, retriable, cause: err });

  if (code === "ServiceUnavailable" || code === "SessionExpired" || isConnectionRefused(err)) {
    return make(`cannot reach Neo4j at ${ctx.uri}: ${START_HINT}.`, true);
  }
  if (isNotBolt(err)) {
    return make(
      `the server at ${ctx.uri} does not answer as Neo4j (Bolt protocol): check the address and port — Bolt is usually 7687, not Browser's HTTP port 7474 (${what()}).`,
      true,
    );
  }
  if (code === "Neo.ClientError.Security.Unauthorized") {
    return make(
      `Neo4j at ${ctx.uri} refused the credentials of user "${ctx.user ?? "?"}": check NEO4J_USER / NEO4J_PASSWORD in .env or the environment.`,
      true,
    );
  }
  if (code === "Neo.ClientError.Security.AuthenticationRateLimit") {
    return make(`Neo4j at ${ctx.uri} locked user "${ctx.user ?? "?"}" after failed logins: wait a few seconds and check NEO4J_PASSWORD.`, true);
  }
  if (code?.startsWith("Neo.ClientError.Security.")) {
    return make(`Neo4j at ${ctx.uri} denied access (${code}): check the user's rights and NEO4J_USER / NEO4J_PASSWORD.`, true);
  }
  if (code === "Neo.ClientError.Database.DatabaseNotFound") {
    return make(
      `Neo4j at ${ctx.uri} has no database "${ctx.database ?? "?"}": create it, or leave out --database (Community Edition has only "neo4j").`,
      false,
    );
  }
  return make(`Neo4j at ${ctx.uri} failed${code && code !== "N/A" ? ` (${code})` : ""}: ${what()}`, false);
}

/** Something listens on the port but does not speak Bolt: an HTTP server, another service, or silence. */
function isNotBolt(err: unknown): boolean {
  const text = err instanceof Error ? err.message : "";
  return /Server responded HTTP|Unknown Bolt protocol version|Connection acquisition timed out|handshake/i.test(text);
}

function isConnectionRefused(err: unknown): boolean {
  const text = err instanceof Error ? err.message : "";
  return /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|Could not perform discovery/.test(text);
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? "").trim();
}
