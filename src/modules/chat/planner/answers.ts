import type { Answered, Intent, ToolErrorReport } from './intent.ts';
import type { ToolReport } from './types.ts';

type Envelope = { tool_result?: unknown; tool_error?: ToolErrorReport; truncated?: boolean };

/**
 * The answer to one intent's calls, written from the envelopes the model was
 * given: the intent's own words for the results, then a plain sentence for
 * each call that failed (the intent's, else the tool's message) or whose
 * result was too large to pass on.
 */
export function describeReports(intent: Intent, reports: readonly ToolReport[]): string {
  const answered: Answered[] = [];
  const failures: string[] = [];
  for (const report of reports) {
    const output = (report.output ?? {}) as Envelope;
    const args = (report.args ?? {}) as Record<string, unknown>;
    if (output.tool_error)
      failures.push(
        intent.failed?.({ tool: report.tool, args, error: output.tool_error }) ??
          `${report.tool} could not answer: ${output.tool_error.message}`,
      );
    else if (output.truncated || !('tool_result' in output))
      failures.push(`${report.tool} returned more than I can summarise here; the full result is in the tool call.`);
    else answered.push({ tool: report.tool, args, result: output.tool_result });
  }
  return [...(answered.length ? [written(intent, answered)] : []), ...failures].join('\n\n');
}

function written(intent: Intent, answered: Answered[]): string {
  try {
    return intent.answer(answered);
  } catch {
    // A result of an unexpected shape is shown as it came.
    return answered
      .map(({ tool, result }) => `${tool} returned:\n${JSON.stringify(result, null, 2).slice(0, 1500)}`)
      .join('\n\n');
  }
}
