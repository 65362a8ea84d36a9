import { createRequire } from 'node:module';
import { keccak256, type Abi, type Hex } from 'viem';

interface BuildArtifact {
  abi: Abi;
  bytecode: Hex;
}

export interface UniswapArtifacts {
  factory: BuildArtifact;
  router: BuildArtifact;
  wrapped: BuildArtifact;
  /** keccak256 of the pair's creation code: what the router's UniswapV2Library.pairFor hard-codes. */
  pairInitCodeHash: Hex;
}

function load(path: string): BuildArtifact {
  const built = createRequire(import.meta.url)(path) as { abi: Abi; bytecode: string };
  return { abi: built.abi, bytecode: `0x${built.bytecode.replace(/^0x/, '')}` };
}

/**
 * Uniswap V2 as the packages published it: factory and pair from @uniswap/v2-core's build, Router02 and
 * WETH9 from @uniswap/v2-periphery's. The router finds pairs by CREATE2 address with a hard-coded init code
 * hash; the published periphery build (1.1.0-beta.0) embeds 0x96e8ac4277198ff8…, the hash of v2-core 1.0.1's
 * pair artifact (not mainnet's 0x96e8ac42782006f8…, whose pair was compiled with other metadata). Checked
 * here, so a package update that breaks the pairing fails at once instead of routing to empty addresses.
 */
export function uniswapArtifacts(): UniswapArtifacts {
  const pair = load('@uniswap/v2-core/build/UniswapV2Pair.json');
  const router = load('@uniswap/v2-periphery/build/UniswapV2Router02.json');
  const pairInitCodeHash = keccak256(pair.bytecode);
  if (!router.bytecode.includes(pairInitCodeHash.slice(2)))
    throw new Error(
      `the Uniswap V2 router artifact does not hard-code the pair's init code hash ${pairInitCodeHash}: @uniswap/v2-core and @uniswap/v2-periphery do not match`,
    );
  return {
    factory: load('@uniswap/v2-core/build/UniswapV2Factory.json'),
    router,
    wrapped: load('@uniswap/v2-periphery/build/WETH9.json'),
    pairInitCodeHash,
  };
}
