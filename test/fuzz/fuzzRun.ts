import type { FuzzCase } from './openapiCases.ts';
import { responseProblem } from './responseCheck.ts';

interface FuzzFinding {
  request: string;
  what: string;
  status: number;
  problem: string;
  body: string;
}

export interface FuzzTotals {
  requests: number;
  byStatus: Map<number, number>;
  findings: FuzzFinding[];
}

export const newTotals = (): FuzzTotals => ({ requests: 0, byStatus: new Map(), findings: [] });

/** Requests in flight at once: enough to overlap I/O, few enough for a shared 2-core machine. */
const CONCURRENCY = 8;

/**
 * Sends every case as an admin, and the reads also as a guest (a guest's
 * writes would repeat the admin's 400s, validation coming before the role
 * check, and end in 401 otherwise). Records each answer that is a 5xx, leaks
 * internals or has another error shape; a request left unanswered is a
 * finding too, not a hung test.
 */
export async function runCases(
  baseUrl: string,
  cases: FuzzCase[],
  adminToken: string,
  totals: FuzzTotals,
): Promise<void> {
  const jobs = [
    ...cases.map((c) => ({ c, token: adminToken })),
    ...cases.filter((c) => c.method === 'GET').map((c) => ({ c, token: undefined })),
  ];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const { c, token } = jobs[next++]!;
      const headers: Record<string, string> = {};
      if (c.body !== undefined) headers['content-type'] = c.contentType ?? 'application/json';
      if (token) headers.authorization = `Bearer ${token}`;
      let status = 0;
      let text = '';
      try {
        const response = await fetch(`${baseUrl}${c.path}`, {
          method: c.method,
          headers,
          body: c.body,
          signal: AbortSignal.timeout(20_000),
        });
        status = response.status;
        text = await response.text();
      } catch (err) {
        text = (err as Error).message;
      }
      totals.requests++;
      totals.byStatus.set(status, (totals.byStatus.get(status) ?? 0) + 1);
      const problem = status === 0 ? 'no answer' : responseProblem(status, text);
      if (problem)
        totals.findings.push({
          request: `${c.method} ${c.path.slice(0, 120)}${token ? ' (signed in)' : ''}`,
          what: c.what,
          status,
          problem,
          body: text.slice(0, 300),
        });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}
