import { BaseError } from 'viem';
import { UpstreamError } from '../../../core/domainErrors.ts';
import { errorText } from '../../../core/logger.ts';

/** Longest note: a reason, not a report. */
const NOTE_MAX = 200;
const URL_TEXT = /\b[a-z][a-z\d+.-]*:\/\/\S+/gi;

/**
 * A chain's (or another upstream's) error as a short note fit for a tool result or a log line. viem's messages name
 * the RPC URL (a hosted one carries its API key) and hold the whole request body (a contract's bytecode): the note is
 * viem's `shortMessage`, else the message's first line (a failed query's: the database's reason), with any URL left
 * out, at most 200 characters.
 */
export function chainErrorNote(err: unknown): string {
  const text = err instanceof BaseError ? err.shortMessage : errorText(err);
  const line = (text.split('\n', 1)[0] ?? '').replace(URL_TEXT, '(url)').trim() || 'unknown error';
  return line.length > NOTE_MAX ? `${line.slice(0, NOTE_MAX - 1)}…` : line;
}

/**
 * A chain that failed a call, as a tool answers it: 502 chain_unavailable with the note (no body, no URL). The tool
 * registry logs it once, as a warning naming the tool.
 */
export function chainFailure(err: unknown, chain: string | number): never {
  if (!(err instanceof BaseError)) throw err;
  throw new UpstreamError(
    'chain_unavailable',
    `${chain} did not answer a JSON-RPC call in time or correctly (${chainErrorNote(err)})`,
  );
}
