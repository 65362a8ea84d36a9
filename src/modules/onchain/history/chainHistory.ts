import type { Address, Hex } from 'viem';

/** A native-coin transfer: a transaction's value, or an internal transfer when the source traces them. */
export interface NativeTransfer {
  block: number;
  tx_hash: Hex;
  from: Address;
  to: Address;
  value: bigint;
  timestamp: Date;
  /** Value a contract sent on inside a transaction (a router paying out a sale), from the node's traces. */
  internal?: boolean;
}

/** An ERC-20 `Transfer` log. */
export interface TokenTransfer extends NativeTransfer {
  token: Address;
  log_index: number;
}

/** A DEX pool's liquidity event (Uniswap V2 `Mint` or `Burn`) with the account that caused it. */
export interface LiquidityEvent {
  kind: 'mint' | 'burn';
  block: number;
  tx_hash: Hex;
  pair: Address;
  token: Address;
  /** The transaction's sender: who added or removed the liquidity. */
  account: Address;
  /** The wrapped-native side of the event (0 when the pair holds no wrapped native). */
  native_amount: bigint;
  token_amount: bigint;
  timestamp: Date;
}

/** Counts and bounds of an address's activity. */
export interface AddressActivity {
  first_block: number | null;
  last_block: number | null;
  first_seen: Date | null;
  last_seen: Date | null;
  tx_count: number;
}

/** Whether an explorer holds a contract's verified source (what it was compiled from, readable by anyone). */
export interface SourceVerification {
  verified: boolean;
  /** The verified contract's name (null when unverified). */
  contract_name: string | null;
  /** The explorer asked (its host). */
  explorer: string;
}

/**
 * What a chain's history tells about its contracts and accounts. Each answer is null when that history is
 * not at hand (not indexed yet, no explorer): the tools then say unknown instead of guessing "nothing".
 */
export interface ChainHistory {
  /** The address that deployed `contract`, when known. */
  creatorOf(contract: Address): Promise<Address | null>;
  /** Balances by holder (lower-case) from the token's Transfer logs. */
  transferBalances(token: Address): Promise<Map<string, bigint> | null>;
  /** Native transfers from or to `account`, oldest first, at most `limit`. */
  nativeTransfers(account: Address, limit: number): Promise<NativeTransfer[] | null>;
  /** Token transfers from or to `account`, oldest first, at most `limit`. */
  tokenTransfers(account: Address, limit: number): Promise<TokenTransfer[] | null>;
  /** Contracts `account` deployed, oldest first. */
  contractsCreatedBy(account: Address): Promise<Address[] | null>;
  /** Liquidity added or removed by `account`, oldest first. */
  liquidityEvents(account: Address): Promise<LiquidityEvent[] | null>;
  /** First and last activity and the transaction count of `account`. */
  activity(account: Address): Promise<AddressActivity | null>;
  /** Whether `contract`'s source is verified on the chain's explorer; null without an explorer or an answer. */
  sourceVerification(contract: Address): Promise<SourceVerification | null>;
}
