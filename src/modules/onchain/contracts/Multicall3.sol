// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Multicall3's aggregate3 (github.com/mds1/multicall), the part viem's multicall uses. The local chain gets it at
/// Multicall3's canonical address, as every public chain has it, so token reads go through it there too.
contract Multicall3 {
    struct Call3 {
        address target;
        bool allowFailure;
        bytes callData;
    }

    struct Result {
        bool success;
        bytes returnData;
    }

    function aggregate3(Call3[] calldata calls) external payable returns (Result[] memory returnData) {
        returnData = new Result[](calls.length);
        for (uint256 i = 0; i < calls.length; i++) {
            (bool ok, bytes memory data) = calls[i].target.call(calls[i].callData);
            require(ok || calls[i].allowFailure, "Multicall3: call failed");
            returnData[i] = Result(ok, data);
        }
    }
}
