/** The IPC messages between `bench:stream` and its client fleet processes. */
export type FleetCommand =
  | { cmd: 'connect'; url: string; count: number; init?: object }
  | { cmd: 'await'; total: number }
  | { cmd: 'reset' }
  | { cmd: 'report' }
  | { cmd: 'ping'; everyMs: number }
  | { cmd: 'close' };

export type FleetEvent =
  | { event: 'ready' }
  | { event: 'connected'; opened: number; failed: number }
  | { event: 'reached'; received: number }
  | { event: 'reset' }
  | { event: 'report'; received: number; frames: number; histogram: Array<[number, number]>; open: number };
