// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./DemoERC20.sol";

/// An EIP-1967 proxy whose admin may swap the implementation: holders trust whatever code comes next.
contract DemoProxy {
    bytes32 private constant IMPLEMENTATION_SLOT = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;
    bytes32 private constant ADMIN_SLOT = 0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103;

    constructor(address implementation, bytes memory init) {
        assembly {
            sstore(IMPLEMENTATION_SLOT, implementation)
            sstore(ADMIN_SLOT, caller())
        }
        (bool ok, ) = implementation.delegatecall(init);
        require(ok, "init failed");
    }

    function upgradeTo(address implementation) external {
        address admin;
        assembly {
            admin := sload(ADMIN_SLOT)
        }
        require(msg.sender == admin, "not the admin");
        assembly {
            sstore(IMPLEMENTATION_SLOT, implementation)
        }
    }

    fallback() external payable {
        assembly {
            let implementation := sload(IMPLEMENTATION_SLOT)
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), implementation, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            switch ok
            case 0 {
                revert(0, returndatasize())
            }
            default {
                return(0, returndatasize())
            }
        }
    }

    receive() external payable {}
}

/// The code behind the proxy: a plain token set up once through the proxy.
contract ProxiedToken is DemoERC20 {
    function initialize(string memory name_, string memory symbol_, uint256 supply, address holder) external {
        require(totalSupply == 0, "initialised");
        _init(name_, symbol_, supply, holder);
    }

    function _fee(address, address, uint256) internal pure override returns (uint256) {
        return 0;
    }
}
