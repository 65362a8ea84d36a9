import { AuthError, stopsVerifyingAt, type Auth } from '../../core/auth/auth.ts';
import type { Config } from '../../core/config.ts';
import type { Logger } from '../../core/logger.ts';
import { isCatalogueAgent, type TokenFilterKey } from '../intelligence/index.ts';
import type { Clock } from '../../core/clock.ts';
import type { StreamConnection } from './connection.ts';
import type { FollowStore } from './followStore.ts';
import type { TimeWheel } from './timeWheel.ts';
import { closeCodes, parseClientMessage, serverFrames, type ClientMessage, type ProtocolError } from './protocol.ts';
import { resume, type ResumeDeps } from './resume.ts';
import { describeSubscription, toFilters } from './subscription.ts';

export interface SessionDeps extends ResumeDeps {
  follows: FollowStore;
  /** Resolves token filters (names, CoinGecko ids) as the feed does. */
  tokenFilterKey: TokenFilterKey;
  /** The connections' heartbeat wheel, which also closes a connection when its token stops verifying. */
  heartbeats: Pick<TimeWheel<StreamConnection>, 'expireBy'>;
  auth: Auth;
  clock: Clock;
  logger: Logger;
  config: Pick<Config, 'STREAM_MAX_AGENTS' | 'STREAM_MAX_BAD_FRAMES'>;
}

type Init = Extract<ClientMessage, { type: 'init' }>;
type Follow = Extract<ClientMessage, { type: 'follow_agent' | 'unfollow_agent' }>;

/** A refusal of one client message: an error frame, the connection stays open. */
class Refusal extends Error {
  readonly error: ProtocolError;
  constructor(code: string, message: string, field?: string) {
    super(message);
    this.error = { code, message, ...(field && { field }) };
  }
}

/**
 * What a connection does with each client frame: pings are answered at once;
 * init, follow and unfollow run one after another in arrival order. Bad
 * frames get an error and cost a strike; a run of them, or a flood, closes
 * the connection.
 */
export function createSession(deps: SessionDeps) {
  const { hub, follows, heartbeats, auth, clock, logger, config } = deps;

  const tooMany = (field: string) =>
    new Refusal('too_many_agents', `at most ${config.STREAM_MAX_AGENTS} agents per connection`, field);
  const notAnAgent = (agent: string, field: string) =>
    new Refusal('unknown_agent', `${agent} is not an agent (see GET /api/v1/agents)`, field);

  const ack = (conn: StreamConnection, of: ClientMessage['type'], offset?: number) =>
    conn.send(
      serverFrames.ack(
        of,
        { ...describeSubscription(conn.agents, conn.filters), user: conn.principal?.sub ?? null },
        offset === undefined ? undefined : { offset, batch: conn.batch },
      ),
    );

  async function init(conn: StreamConnection, message: Init) {
    if (conn.initialised)
      throw new Refusal(
        'already_initialised',
        'init was already sent on this connection; reconnect to change it',
        'type',
      );
    let principal = conn.principal;
    if (message.token) {
      try {
        principal = await auth.verify(message.token);
      } catch (err) {
        if (err instanceof AuthError) throw new Refusal('unauthorized', err.message, 'token');
        throw err;
      }
    }
    // Stored follows of agents since retired from the catalogue are left out rather than failing the init.
    const agents =
      message.agents ?? (principal ? (await follows.agentsOf(principal.sub)).filter(isCatalogueAgent) : []);
    const unknown = agents.findIndex((agent) => !isCatalogueAgent(agent));
    if (unknown >= 0) throw notAnAgent(agents[unknown]!, `agents.${unknown}`);
    if (agents.length > config.STREAM_MAX_AGENTS) throw tooMany('agents');
    // A misspelt exclusion would let through the very agent it names; the list is sorted, so the agent is named, not its place.
    const unknownExcluded = message.filters?.exclude_agents?.find((agent) => !isCatalogueAgent(agent));
    if (unknownExcluded) throw notAnAgent(unknownExcluded, 'filters.exclude_agents');
    conn.principal = principal;
    // The connection now runs as this token's user, until this token (not the upgrade's) stops verifying.
    if (message.token) heartbeats.expireBy(conn.heartbeat, stopsVerifyingAt(message.token));
    conn.filters = toFilters(message.filters, deps.tokenFilterKey);
    conn.batch = message.batch === true;
    hub.setAgents(conn, new Set(agents));
    conn.initialised = true;
    if (message.since === undefined) {
      ack(conn, 'init', hub.position);
      conn.goLive(hub.position);
      return;
    }
    await resume(conn, message.since, deps, (offset) => ack(conn, 'init', offset));
  }

  async function follow(conn: StreamConnection, message: Follow) {
    if (!conn.initialised) throw new Refusal('not_initialised', 'send init first', 'type');
    const agent = message.agent_id;
    const following = message.type === 'follow_agent';
    if (following && !isCatalogueAgent(agent)) throw notAnAgent(agent, 'agent_id');
    // Following an agent this connection excludes would be acknowledged and never deliver it.
    if (following && conn.filters.excludedAgents?.has(agent))
      throw new Refusal(
        'agent_excluded',
        `${agent} is in this connection's filters.exclude_agents, so following it would deliver nothing; reconnect without excluding it`,
        'agent_id',
      );
    const agents = new Set(conn.agents);
    if (following) agents.add(agent);
    else agents.delete(agent);
    if (agents.size > config.STREAM_MAX_AGENTS) throw tooMany('agent_id');
    if (conn.principal)
      await (following ? follows.follow(conn.principal.sub, agent) : follows.unfollow(conn.principal.sub, agent));
    hub.setAgents(conn, agents);
    ack(conn, message.type);
  }

  async function handle(conn: StreamConnection, message: ClientMessage) {
    try {
      if (message.type === 'init') await init(conn, message);
      else if (message.type === 'follow_agent' || message.type === 'unfollow_agent') await follow(conn, message);
    } catch (err) {
      if (err instanceof Refusal) return void conn.send(serverFrames.error(err.error));
      logger.error({ err, type: message.type }, 'stream message failed');
      conn.send(
        serverFrames.error({
          code: 'internal_error',
          message: 'the server could not handle this message; reconnect with since',
        }),
      );
      conn.close(closeCodes.internalError, 'internal_error');
    }
  }

  /**
   * Every reply waits for the messages before it (an `init` reads the store): a client that sends `init` and `ping`
   * together gets the ack, then the heartbeat, as it asked.
   */
  const inTurn = (conn: StreamConnection, reply: () => unknown) => {
    // Nothing before it (the usual case: a ping, a flood's refusals): at once, ahead of a close the same frame causes.
    if (conn.handling === 0) return void reply();
    conn.queue = conn.queue.then(() => void reply());
  };

  return function onFrame(conn: StreamConnection, data: Buffer, isBinary: boolean) {
    if (conn.closing) return;
    if (!conn.inbound.take()) return conn.close(closeCodes.policyViolation, 'flooding');
    const parsed = parseClientMessage(data, isBinary);
    if ('error' in parsed) {
      inTurn(conn, () => conn.send(serverFrames.error(parsed.error)));
      if (++conn.badFrames >= config.STREAM_MAX_BAD_FRAMES) conn.close(closeCodes.policyViolation, 'invalid_frames');
      return;
    }
    conn.badFrames = 0;
    const { message } = parsed;
    if (message.type === 'ping') return inTurn(conn, () => conn.send(serverFrames.heartbeat(clock.now())));
    conn.handling++;
    conn.queue = conn.queue.then(() => handle(conn, message)).finally(() => conn.handling--);
  };
}
