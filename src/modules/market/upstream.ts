import { UpstreamError } from '../../core/domainErrors.ts';
import { errorText, type Logger } from '../../core/logger.ts';
import { MarketDataUnavailableError } from './marketDataError.ts';

/**
 * A market-data read whose provider failure becomes the `market_data_unavailable` every edge
 * answers with 502: the client gets the summary, the log what the provider said.
 */
export async function readMarketData<T>(read: () => Promise<T>, logger: Pick<Logger, 'warn'>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (!(err instanceof MarketDataUnavailableError)) throw err;
    logger.warn({ err: errorText(err), detail: err.detail }, 'market data provider failed');
    throw new UpstreamError('market_data_unavailable', `market data unavailable: ${err.message}`);
  }
}
