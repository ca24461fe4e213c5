/*
 * Operational failures, thrown as KgError subclasses with a stable `code`. Input-data problems are
 * Diagnostics (never thrown); broken invariants are plain Errors naming the call site.
 * Only src/cli/index.ts maps these to exit codes.
 */

export abstract class KgError extends Error {
  abstract readonly code: string;
  /** Process exit code the CLI uses for this error. */
  abstract readonly exitCode: number;
}

/** Bad flags, arguments or configuration. Exit 2. */
export class UsageError extends KgError {
  readonly code = "KG_USAGE";
  readonly exitCode = 2;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UsageError";
  }
}

/** Input files missing or unreadable as a whole run. Exit 1. */
export class InputError extends KgError {
  readonly code = "KG_INPUT";
  readonly exitCode = 1;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "InputError";
  }
}

/** A Neo4j failure. `unavailable` (unreachable or authentication failed) exits 3, other store errors 1. */
export class StoreError extends KgError {
  readonly code: string;
  readonly exitCode: number;
  readonly retriable: boolean;
  readonly neo4jCode: string | undefined;
  constructor(
    message: string,
    opts: { unavailable: boolean; neo4jCode?: string | undefined; retriable?: boolean; cause?: unknown },
  ) {
    super(message, { cause: opts.cause });
    this.name = "StoreError";
    this.code = opts.unavailable ? "KG_STORE_UNAVAILABLE" : "KG_STORE";
    this.exitCode = opts.unavailable ? 3 : 1;
    this.retriable = opts.retriable ?? false;
    this.neo4jCode = opts.neo4jCode;
  }
}

/** Serving the viewer failed (viewer not built, port taken). Exit 1. */
export class ServeError extends KgError {
  readonly code = "KG_SERVE";
  readonly exitCode = 1;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ServeError";
  }
}

/** Writing an output (graph file, --out) failed: one line with the path and the reason. Exit 1. */
export class OutputError extends KgError {
  readonly code = "KG_OUTPUT";
  readonly exitCode = 1;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "OutputError";
  }
}

/** Another process holds the lock of a graph file and did not release it in time. Exit 1. */
export class LockError extends KgError {
  readonly code = "KG_LOCKED";
  readonly exitCode = 1;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "LockError";
  }
}
