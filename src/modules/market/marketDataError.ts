/**
 * The market-data source failed (timeout, HTTP error, unreadable answer): the HTTP layer answers 502.
 * `message` is a summary fit for clients; `detail` (the provider's own words, which may echo an
 * API key or internal hosts) is for the log only.
 */
export class MarketDataUnavailableError extends Error {
  override name = 'MarketDataUnavailableError';
  readonly detail?: string;
  constructor(message: string, options?: ErrorOptions & { detail?: string }) {
    super(message, options);
    this.detail = options?.detail;
  }
}
