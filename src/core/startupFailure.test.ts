import { describe, expect, it } from 'vitest';
import { StartupError, startupFailureLine } from './startupFailure.ts';

describe('startup failure lines', () => {
  it('name every port variable for a busy port (the dashboard’s too, which npm start listens on)', () => {
    const busy = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE', port: 3000, address: '0.0.0.0' });
    expect(startupFailureLine(busy)).toBe(
      'port 3000 on 0.0.0.0 is already in use: stop the other process, or choose another port (PORT, MCP_PORT, ARBITRAGE_PORT, DASHBOARD_PORT)',
    );
  });

  it('print a StartupError as it is, and leave an unexpected error to be printed in full', () => {
    expect(startupFailureLine(new StartupError('JWT_PUBLIC_FILE: cannot read it'))).toBe(
      'JWT_PUBLIC_FILE: cannot read it',
    );
    expect(startupFailureLine(new TypeError('x is undefined'))).toBeNull();
  });
});
