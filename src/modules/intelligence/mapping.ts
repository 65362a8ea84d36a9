import type { IntelligenceRow, NewIntelligenceRow } from './table.ts';
import { HIGH_VALUE_THRESHOLD, type IngestItem, type Item } from './schemas.ts';
import { tokenKeys } from './tokenKey.ts';
import { dedupeKey } from './storyKeys.ts';

/** The public shape of a stored row. */
export function toItem(row: IntelligenceRow): Item {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    content: row.content,
    summary: row.summary,
    analysis: row.analysis,
    sentiment: { label: row.sentimentLabel, score: row.sentimentScore },
    value: { score: row.valueScore, high_value: row.highValue, reasons: row.valueReasons },
    event: row.eventType ? { type: row.eventType } : null,
    tokens: row.tokens,
    source: { kind: row.sourceKind, name: row.sourceName, url: row.sourceUrl, author: row.sourceAuthor },
    agent_id: row.agentId,
    agents: row.agents,
    agent_offsets: row.agentOffsets,
    published_at: row.publishedAt.toISOString(),
    created_at: row.createdAt.toISOString(),
    offset: row.streamOffset,
    source_count: row.sourceCount,
    sources: [
      {
        kind: row.sourceKind,
        name: row.sourceName,
        url: row.sourceUrl,
        author: row.sourceAuthor,
        published_at: row.publishedAt.toISOString(),
      },
      ...row.sources.map(({ key: _key, ...report }) => report),
    ],
  };
}

export function toRow(item: IngestItem, now: Date = new Date()): NewIntelligenceRow {
  return {
    dedupeKey: dedupeKey(item),
    externalId: item.external_id ?? null,
    type: item.type,
    title: item.title,
    content: item.content,
    summary: item.summary ?? null,
    analysis: item.analysis ?? null,
    sentimentLabel: item.sentiment.label,
    sentimentScore: item.sentiment.score,
    valueScore: item.value.score,
    highValue: item.value.high_value ?? item.value.score >= HIGH_VALUE_THRESHOLD,
    valueReasons: item.value.reasons,
    tokens: item.tokens,
    tokenKeys: tokenKeys(item.tokens),
    eventType: item.event?.type ?? null,
    sourceKind: item.source.kind ?? item.type,
    sourceName: item.source.name,
    sourceUrl: item.source.url,
    sourceAuthor: item.source.author,
    agentId: item.agent_id,
    agents: [item.agent_id],
    // Millisecond precision keeps feed cursors (which carry milliseconds) exact.
    publishedAt: item.published_at ? new Date(item.published_at) : now,
  };
}
