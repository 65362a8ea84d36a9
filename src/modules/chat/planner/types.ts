/** A tool call the planner decided on, by registry name, with arguments in the tool's own schema. */
export interface PlannedCall {
  tool: string;
  args: Record<string, unknown>;
}

type Plan = { kind: 'call'; calls: PlannedCall[] } | { kind: 'reply'; text: string };

/** One tool outcome as the model saw it: the envelope of resultEnvelope.ts. */
export interface ToolReport {
  tool: string;
  args: unknown;
  output: unknown;
}

/**
 * The offline "model": reads a plain-English request, decides which of the
 * offered tools to call with which arguments, and writes the answer from
 * their results. Deterministic: the same words and results give the same text.
 */
export interface Planner {
  /** `offered`: registry names of the tools this request may use. */
  plan(message: string, offered: ReadonlySet<string>): Plan;
  answer(message: string, reports: ToolReport[]): string;
}
