import { z } from 'zod';
import { httpUrlSchema } from '../../core/httpUrl.ts';
import { SOURCE_KINDS, type SourceKind } from '../analysis/index.ts';
import type { Clock } from '../../core/clock.ts';
import type { Connector, RawPost, SkippedEntry } from './types.ts';
import { describeIssue } from './entries.ts';

/** One line of a replay dataset (datasets/replay.jsonl). */
const replayLineSchema = z.object({
  source: z.object({
    kind: z.enum(SOURCE_KINDS),
    name: z.string().min(1),
    url: httpUrlSchema.optional(),
    author: z.string().optional(),
  }),
  external_id: z.string().min(1).max(180),
  title: z.string().optional(),
  text: z.string().min(1),
  /** Seconds after the start of the recording. */
  offset_seconds: z.number().min(0),
});

/** The next line to play. */
const cursorSchema = z.object({ line: z.number().int().min(0) });
type ReplayCursor = z.infer<typeof cursorSchema>;

export interface ReplayOptions {
  id: string;
  /** The dataset's lines, unparsed: a bad line is a skip when its turn comes, not a failed start. */
  lines: string[];
  /** Recorded seconds played per real second; Infinity plays everything at once. */
  speed: number;
  clock: Clock;
  /** Only posts from these kinds of source reach this agent. */
  kinds?: SourceKind[];
  batchSize?: number;
  intervalMs?: number;
}

/**
 * Plays a recorded dataset as if it were live: each post comes out when its
 * offset, scaled by `speed`, has elapsed since this process started playing
 * from the persisted line. Published times are the replay times, so the feed
 * looks current.
 */
export function createReplayConnector(options: ReplayOptions): Connector<ReplayCursor> {
  const batchSize = options.batchSize ?? 500;
  let start: { at: number; offset: number } | undefined;

  const parse = (index: number) => {
    try {
      return replayLineSchema.safeParse(JSON.parse(options.lines[index]!));
    } catch (err) {
      return { success: false as const, reason: `not JSON: ${(err as Error).message}` };
    }
  };

  return {
    id: options.id,
    intervalMs: options.intervalMs ?? 1_000,
    cursorSchema,
    async poll(cursor) {
      let line = cursor?.line ?? 0;
      const now = options.clock.now();
      const posts: RawPost[] = [];
      const skipped: SkippedEntry[] = [];
      while (line < options.lines.length && posts.length < batchSize) {
        if (!options.lines[line]!.trim()) {
          line++;
          continue;
        }
        const parsed = parse(line);
        if (!parsed.success) {
          skipped.push({
            entry: `line ${line + 1}`,
            reason: 'error' in parsed ? describeIssue(parsed.error) : parsed.reason,
          });
          line++;
          continue;
        }
        const post = parsed.data;
        start ??= { at: now, offset: post.offset_seconds };
        const dueAt = start.at + ((post.offset_seconds - start.offset) / options.speed) * 1000;
        if (dueAt > now) break;
        line++;
        if (options.kinds && !options.kinds.includes(post.source.kind)) continue;
        posts.push({
          source: post.source,
          external_id: `replay:${post.external_id}`,
          title: post.title,
          text: post.text,
          published_at: new Date(Math.max(start.at, Math.round(dueAt))).toISOString(),
        });
      }
      // A full batch with lines left: the next may be due already (at infinite speed, all of them are).
      return { posts, skipped, cursor: { line }, more: posts.length === batchSize && line < options.lines.length };
    },
  };
}
