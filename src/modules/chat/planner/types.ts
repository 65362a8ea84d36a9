/** A tool call the planner decided on, by registry name, with arguments in the tool's own schema. */
export interface PlannedCall {
  tool: string;
  args: Record<string, unknown>;
}

/** An earlier exchange of the conversation: what the user wrote, and the calls that answered it (none for a plain reply). */
export interface Turn {
  message: string;
  calls: PlannedCall[];
  /** The answer given, when known: where the next page of a listing starts (paging.ts). */
  reply?: string;
}

/** One tool outcome as the model saw it: the envelope of resultEnvelope.ts. */
export interface ToolReport {
  tool: string;
  args: unknown;
  output: unknown;
}

export type Plan =
  | {
      kind: 'call';
      calls: PlannedCall[];
      /** The answer from the calls' outcomes, in call order, written by the intents that chose them. */
      answer(reports: ToolReport[]): string;
    }
  | { kind: 'reply'; text: string };

/**
 * The offline "model": reads a plain-English request, decides which of the
 * offered tools to call with which arguments, and writes the answer from
 * their results. Deterministic: the same words, earlier turns, clock and
 * results give the same text.
 */
export interface Planner {
  /**
   * `offered`: registry names of the tools this request may use; `earlier`:
   * the conversation's earlier turns, oldest first, so that "and for SOL?"
   * asks the last question again about SOL.
   */
  plan(message: string, offered: ReadonlySet<string>, earlier?: readonly Turn[]): Plan;
  /**
   * Starts the slow work `plan` needs (training its classifier) if it has not begun, and resolves once it is done;
   * awaited before each plan. Every call returns the same promise.
   */
  ready?(): Promise<void>;
}
