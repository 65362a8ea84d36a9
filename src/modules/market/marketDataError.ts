/** The market-data source failed (timeout, HTTP error, unreadable answer): the HTTP layer answers 502. */
export class MarketDataUnavailableError extends Error {
  override name = 'MarketDataUnavailableError';
}
