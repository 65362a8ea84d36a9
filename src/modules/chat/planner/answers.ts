import type { Intent } from './intent.ts';
import type { ToolReport } from './types.ts';

type Envelope = { tool_result?: unknown; tool_error?: { code: string; message: string }; truncated?: boolean };

/**
 * The answer for one tool outcome, written from the envelope the model was
 * given: the intent's template for a result, a plain sentence for an error
 * or a result too large to pass on.
 */
export function describeReport(report: ToolReport, intent: Intent | undefined): string {
  const output = (report.output ?? {}) as Envelope;
  const args = (report.args ?? {}) as Record<string, unknown>;
  if (output.tool_error) return `${report.tool} could not answer: ${output.tool_error.message}`;
  if (output.truncated || !('tool_result' in output))
    return `${report.tool} returned more than I can summarise here; the full result is in the tool call.`;
  if (intent) {
    try {
      return intent.answer(output.tool_result, args);
    } catch {
      // A result of an unexpected shape falls through to the plain summary below.
    }
  }
  return `${report.tool} returned:\n${JSON.stringify(output.tool_result, null, 2).slice(0, 1500)}`;
}
