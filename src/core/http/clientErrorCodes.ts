/**
 * The platform's code for each client-error status whose status alone says what was wrong, so a refusal made
 * by Fastify, a plugin or Node's parser says it in the same words as one of ours with that status. Any other
 * 4xx is a `bad_request`.
 */
const CODE_OF_STATUS = new Map([
  [401, 'unauthorized'],
  [403, 'forbidden'],
  [404, 'not_found'],
  [405, 'method_not_allowed'],
  [408, 'request_timeout'],
  [409, 'conflict'],
  [413, 'body_too_large'],
  [414, 'url_too_long'],
  [415, 'unsupported_media_type'],
  [429, 'rate_limited'],
  [431, 'headers_too_large'],
]);

export const clientErrorCode = (status: number) => CODE_OF_STATUS.get(status) ?? 'bad_request';

/** Fastify's refusals of a JSON body it could not read (malformed, or empty), by its error code. */
const UNREADABLE_BODY = new Set(['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY']);

/** Whether Fastify refused the body as JSON it could not read: REST answers `invalid_json`, MCP JSON-RPC's -32700. */
export const isUnreadableBody = (err: { code?: string }) => UNREADABLE_BODY.has(err.code ?? '');
