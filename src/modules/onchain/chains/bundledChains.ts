import type { ChainSpec, Locker } from './chainSpec.ts';

/**
 * The public chains AlphaNest knows without a CHAINS_FILE, each with its Uniswap-V2-style DEX. They are
 * used only once CHAIN_RPC_URLS gives an RPC URL for them (public RPCs come and go; the operator picks one).
 *
 * Sources (checked when written):
 * - Uniswap V2 factory and Router02 on Ethereum, Base and Arbitrum: Uniswap's "V2 Deployment Addresses"
 *   page (docs.uniswap.org/contracts/v2/reference/smart-contracts/v2-deployments).
 * - PancakeSwap V2 factory and router on BNB Chain: PancakeSwap's "v2 Addresses" page
 *   (developer.pancakeswap.finance/contracts/v2/addresses).
 * - Wrapped natives: WETH9 on Ethereum, the OP-stack predeploy on Base, Arbitrum's WETH, WBNB on BNB Chain
 *   (the tokens the routers above name as WETH()).
 * - Liquidity lockers: UNCX (Unicrypt) "lockerV2" for Uniswap V2 on Ethereum and Arbitrum, from UNCX's own
 *   list of deployments (github.com/uncx-network/liquidity-locker-univ2-contracts, "Latest deployments",
 *   April 2024).
 * - Team Finance's LockToken contract per chain: the lock contracts Team Finance's own app names per chain id
 *   (its split-lock and lock-NFT support tables: Ethereum 0xE2fE…35fB, BNB Chain 0x0C89…8820, Arbitrum
 *   0xE0B0…2A75, Base 0x4F0F…C33A). PinkLock (PinkSale) v2: 0x4079…1BBE on BNB Chain ("PinkLock02") and
 *   0x71B5…7641 on Ethereum, as token contracts exempting PinkSale's locker name them. Neither vendor's
 *   documentation page could be read from here to confirm them: an operator who finds one wrong replaces
 *   the chain's `lockers` in a CHAINS_FILE (a wrong address would count LP tokens held there as locked).
 */
export const bundledChains: readonly ChainSpec[] = [
  {
    id: 1,
    name: 'ethereum',
    rpc_url: null,
    wrapped_native: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2',
    native_symbol: 'ETH',
    dexes: [
      {
        name: 'uniswap-v2',
        kind: 'uniswap-v2',
        factory: '0x5C69bEe701ef814a2B6a3EDD4B1652CB9cc5aA6f',
        router: '0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D',
      },
    ],
    explorer_api_url: null,
    explorer_api_key: null,
    start_block: 0,
    lockers: [
      { name: 'uncx-v2', address: '0x59d7D55DdC58494FbBbca29904f108ece82Ac7FB' },
      { name: 'team-finance', address: '0xE2fE530C047f2d85298b07D9333C05737f1435fB' },
      { name: 'pinklock-v2', address: '0x71B5759d73262FBb223956913ecF4ecC51057641' },
    ],
  },
  {
    id: 8453,
    name: 'base',
    rpc_url: null,
    wrapped_native: '0x4200000000000000000000000000000000000006',
    native_symbol: 'ETH',
    dexes: [
      {
        name: 'uniswap-v2',
        kind: 'uniswap-v2',
        factory: '0x8909Dc15e40173Ff4699343b6eB8132c65e18eC6',
        router: '0x4752ba5DBc23f44D87826276BF6Fd6b1C372aD24',
      },
    ],
    explorer_api_url: null,
    explorer_api_key: null,
    start_block: 0,
    lockers: [{ name: 'team-finance', address: '0x4F0Fd563BE89ec8C3e7D595bf3639128C0a7C33A' }],
  },
  {
    id: 56,
    name: 'bsc',
    rpc_url: null,
    wrapped_native: '0xbb4CdB9CBd36B01bD1cBaEBF2De08d9173bc095c',
    native_symbol: 'BNB',
    dexes: [
      {
        name: 'pancakeswap-v2',
        kind: 'uniswap-v2',
        factory: '0xcA143Ce32Fe78f1f7019d7d551a6402fC5350c73',
        router: '0x10ED43C718714eb63d5aA57B78B54704E256024E',
      },
    ],
    explorer_api_url: null,
    explorer_api_key: null,
    start_block: 0,
    lockers: [
      { name: 'team-finance', address: '0x0C89C0407775dd89b12918B9c0aa42Bf96518820' },
      { name: 'pinklock-v2', address: '0x407993575c91ce7643a4d4cCACc9A98c36eE1BBE' },
    ],
  },
  {
    id: 42161,
    name: 'arbitrum',
    rpc_url: null,
    wrapped_native: '0x82aF49447D8a07e3bd95BD0d56f35241523fBab1',
    native_symbol: 'ETH',
    dexes: [
      {
        name: 'uniswap-v2',
        kind: 'uniswap-v2',
        factory: '0xf1D7CC64Fb4452F05c498126312eBE29f30Fbcf9',
        router: '0x4752ba5DBc23f44D87826276BF6Fd6b1C372aD24',
      },
    ],
    explorer_api_url: null,
    explorer_api_key: null,
    start_block: 0,
    lockers: [
      { name: 'uncx-v2', address: '0x63F4B2C082B1E0bbA38874567E053800379bF8D7' },
      { name: 'team-finance', address: '0xE0B0D2021293Bee9715e1Db3be31b55C00F72A75' },
    ],
  },
];

/** The lockers bundled for a chain id (none for chains not bundled). */
export const bundledLockers = (chainId: number): Locker[] => [
  ...(bundledChains.find((c) => c.id === chainId)?.lockers ?? []),
];
