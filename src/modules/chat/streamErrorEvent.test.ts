import { describe, expect, it, vi } from 'vitest';
import { NotFoundError, TimedOutError, UpstreamError } from '../../core/domainErrors.ts';
import { streamErrorEvent } from './streamErrorEvent.ts';

describe('the error event that ends a chat stream', () => {
  it('carries a domain error’s code and message with the status the JSON reply would have had', () => {
    const log = { error: vi.fn() };
    const model = new UpstreamError('model_unavailable', 'the language model is unavailable; try again shortly');
    expect(streamErrorEvent(model, log)).toEqual({ code: 'model_unavailable', message: model.message, status: 502 });
    const late = new TimedOutError('chat_timeout', 'no answer within 50 ms');
    expect(streamErrorEvent(late, log)).toEqual({ code: 'chat_timeout', message: late.message, status: 504 });
    const deleted = new NotFoundError('conversation c1 was deleted while the answer was written');
    expect(streamErrorEvent(deleted, log)).toEqual({ code: 'not_found', message: deleted.message, status: 404 });
    expect(log.error).not.toHaveBeenCalled();
  });

  it('says only "internal server error" of anything else, and logs it', () => {
    const log = { error: vi.fn() };
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    const event = streamErrorEvent(bug, log);
    expect(event).toEqual({ code: 'internal_error', message: 'internal server error', status: 500 });
    expect(log.error).toHaveBeenCalledWith({ err: bug }, 'chat stream failed');
  });
});
