import type { z } from 'zod';
import { outageAnswer, unavailableDependency } from '../../core/dependencyErrors.ts';
import { DomainError, InvalidArgumentError, UnavailableError } from '../../core/domainErrors.ts';
import { statusOf } from '../../core/http/domainStatus.ts';

/**
 * Why a tool call failed, the same on every surface (REST, MCP, chat).
 * `field` names the offending parameter when there is one, so a client or a
 * model can correct its call; internals and stack traces never appear here.
 */
export interface ToolFailure {
  code: string;
  message: string;
  field?: string;
  details?: Record<string, unknown>;
}

/** A failure together with the HTTP status REST answers it with. */
export interface ToolError {
  failure: ToolFailure;
  status: number;
}

export const toolError = (
  status: number,
  code: string,
  message: string,
  extra: Omit<ToolFailure, 'code' | 'message'> = {},
): ToolError => ({
  status,
  failure: { code, message, ...extra },
});

interface ArgumentIssue {
  field: string;
  message: string;
}

/**
 * A call's bad arguments, whoever found them (the schema, the registry, the tool's service): `invalid_parameters`
 * naming the first, with one entry per invalid field so every mistake is reported in one round trip.
 */
export function badArguments(
  issues: ArgumentIssue[],
  message = issues.map((i) => `${i.field}: ${i.message}`).join('; '),
): ToolError {
  return toolError(400, 'invalid_parameters', message, { field: issues[0]?.field, details: { issues } });
}

export const invalidParameters = (error: z.ZodError): ToolError =>
  badArguments(
    error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || 'parameters', message: issue.message })),
  );

/**
 * What a handler threw, as a client sees it. A domain error (an unknown symbol, a missing clan, a
 * provider that failed) keeps its code and field, with the status its kind has on every surface, but for
 * an argument refused (InvalidArgumentError), which is `invalid_parameters` as when the schema refuses it;
 * an unreachable or too slow dependency is the outage answer, a 503 `<dependency>_unavailable`
 * with `retry_after_seconds`; anything else is reported as `tool_failed` without its internals.
 */
export function thrownFailure(err: unknown): ToolError {
  const dependency = unavailableDependency(err);
  const known = err instanceof DomainError ? err : dependency && outageAnswer(dependency);
  if (!known) return toolError(500, 'tool_failed', 'the tool failed; the error is logged on the server');
  // An argument the tool's service refuses (a cursor it did not issue, since after until) is a bad argument like one
  // the schema refuses: the same code and details, whichever found it.
  if (known instanceof InvalidArgumentError)
    return badArguments([{ field: known.field ?? 'parameters', message: known.reason }], known.message);
  return toolError(statusOf(known), known.code, known.message, {
    ...(known.field !== undefined && { field: known.field }),
    ...(known instanceof UnavailableError && { details: { retry_after_seconds: known.retryAfterSeconds } }),
  });
}
